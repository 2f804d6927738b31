/** Maps the server's field issues (`body.roles.0.nodeId`) onto form field names (`['roles', 0, 'nodeId']`). */
import type { FieldIssue } from '@linli/contracts';
import type { FormInstance } from 'antd';

export type FieldName = (string | number)[];

export interface FieldError {
  name: FieldName;
  errors: string[];
}

/** Groups issues by field; only issues under `prefix` (the request part a form edits) are kept. */
export function fieldErrorsFromIssues(issues: readonly FieldIssue[], prefix = 'body'): FieldError[] {
  const byPath = new Map<string, FieldError>();
  for (const issue of issues) {
    const segments = issue.path.split('.').filter((s) => s !== '');
    if (segments[0] !== prefix || segments.length < 2) continue;
    const name = segments.slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const key = name.join('.');
    const existing = byPath.get(key);
    if (existing) {
      if (!existing.errors.includes(issue.message)) existing.errors.push(issue.message);
    } else {
      byPath.set(key, { name, errors: [issue.message] });
    }
  }
  return [...byPath.values()];
}

/** Any antd form instance, whatever its values type. */
export type FieldSetter = Pick<FormInstance, 'setFields' | 'getFieldsValue'>;

/**
 * Puts a failed call's field issues onto an antd form. Returns true when at least one issue landed on a
 * field the form has, so the caller can skip a general alert that would only repeat it.
 */
export function applyFieldErrors(form: FieldSetter, issues: readonly FieldIssue[], prefix = 'body'): boolean {
  const errors = fieldErrorsFromIssues(issues, prefix);
  if (errors.length === 0) return false;
  const values: unknown = form.getFieldsValue(true);
  const known = errors.filter((e) => hasPath(values, e.name));
  form.setFields(known);
  return known.length > 0 && known.length === errors.length;
}

function hasPath(values: unknown, name: FieldName): boolean {
  let current: unknown = values;
  for (const segment of name) {
    if (typeof current !== 'object' || current === null || !(segment in current)) return false;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return true;
}
