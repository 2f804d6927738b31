/**
 * A tiny XML writer for the Open311 answers: the JSON value, element by element, in key order, with
 * arrays wrapped in their container (`services` → `service`…), null as an empty element, text
 * escaped and characters XML 1.0 forbids removed. No attributes, no namespaces (the spec has none).
 */

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** The element name of the items of each container the spec defines. */
export const itemNames: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

// Tab, line feed and carriage return are the only control characters XML 1.0 allows; lone surrogates
// and U+FFFE/U+FFFF are not characters at all.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function assertName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new Error(`not an XML element name: ${name}`);
  return name;
}

function write(name: string, value: XmlValue, indent: string, out: string[]): void {
  const tag = assertName(name);
  if (value === null || value === undefined || value === '') {
    out.push(`${indent}<${tag}/>`);
  } else if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    if (value.length === 0) out.push(`${indent}<${tag}/>`);
    else {
      out.push(`${indent}<${tag}>`);
      for (const v of value) write(item, v, `${indent}  `, out);
      out.push(`${indent}</${tag}>`);
    }
  } else if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) out.push(`${indent}<${tag}/>`);
    else {
      out.push(`${indent}<${tag}>`);
      for (const [k, v] of entries) write(k, v, `${indent}  `, out);
      out.push(`${indent}</${tag}>`);
    }
  } else {
    out.push(`${indent}<${tag}>${escapeXml(String(value))}</${tag}>`);
  }
}

/** A whole document: the XML declaration with UTF-8 and one root element. */
export function toXml(root: string, value: XmlValue): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  write(root, value, '', out);
  return `${out.join('\n')}\n`;
}
