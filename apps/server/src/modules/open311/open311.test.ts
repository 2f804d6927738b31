import { requestStates, terminalStates } from '@linli/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml, toXml } from './open311-xml.ts';
import {
  commaList,
  contactNameOf,
  MEDIA_LINE,
  Open311Failure,
  parseAttributes,
  parseForm,
  parseW3cDate,
  queryWindow,
  splitMedia,
  statusOfState,
  w3cDate,
} from './open311.ts';

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('XML writer', () => {
  it('escaped text has no markup and reads back as the text (minus characters XML forbids)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = escapeXml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
        // eslint-disable-next-line no-control-regex
        expect(e).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
        const allowed = s.replace(
          // eslint-disable-next-line no-control-regex
          /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
          '',
        );
        expect(unescape(e)).toBe(allowed);
      }),
    );
  });

  it('writes the spec containers, nulls as empty elements, and the declaration', () => {
    expect(toXml('errors', [{ code: 403, description: 'Invalid api_key <x> & y' }])).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<errors>',
        '  <error>',
        '    <code>403</code>',
        '    <description>Invalid api_key &lt;x&gt; &amp; y</description>',
        '  </error>',
        '</errors>',
        '',
      ].join('\n'),
    );
    expect(toXml('service_requests', [{ service_request_id: 'SQ1', account_id: null, lat: 1.5 }])).toContain(
      '<account_id/>',
    );
    expect(toXml('discovery', { endpoints: [{ formats: ['text/xml'] }] })).toContain('<format>text/xml</format>');
    expect(() => toXml('bad name', 'x')).toThrow();
  });
});

describe('status table', () => {
  it('every state has a status; open exactly while someone still has to act', () => {
    for (const s of requestStates) expect(['open', 'closed']).toContain(statusOfState[s]);
    for (const s of terminalStates) expect(statusOfState[s]).toBe('closed');
    expect(requestStates.filter((s) => statusOfState[s] === 'open')).toEqual([
      'submitted',
      'accepted',
      'dispatched',
      'signed',
      'in_progress',
    ]);
  });
});

describe('dates', () => {
  it('writes China time with +08:00 and reads it back to the same instant', () => {
    expect(w3cDate(new Date('2026-11-20T02:00:00Z'))).toBe('2026-11-20T10:00:00+08:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (s) => {
        const at = new Date(s * 1000);
        expect(parseW3cDate(w3cDate(at))?.getTime()).toBe(at.getTime());
      }),
    );
  });

  it('reads the W3C forms, a bare date as the start of the China day, and refuses the rest', () => {
    expect(parseW3cDate('1994-11-05T08:15:30-05:00')?.toISOString()).toBe('1994-11-05T13:15:30.000Z');
    expect(parseW3cDate('1994-11-05T13:15:30Z')?.toISOString()).toBe('1994-11-05T13:15:30.000Z');
    expect(parseW3cDate('2026-11-01')?.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(parseW3cDate('2026-11-01T00:00+08:00')?.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    for (const bad of [
      'yesterday',
      '2026-02-30',
      '2026-02-30T00:00:00Z',
      '2026-11-01T25:00:00Z',
      '2026-11-01T10:00:00',
    ])
      expect(parseW3cDate(bad)).toBeNull();
  });

  it('the window: 90 days by default, the missing bound 90 days away, never more than 90 days', () => {
    const now = new Date('2026-11-20T02:00:00Z');
    const day = 86_400_000;
    const w = queryWindow('zh', now, undefined, undefined) as { from: Date; to: Date };
    expect(w.to.getTime() - w.from.getTime()).toBe(90 * day);
    const s = queryWindow('en', now, '2026-01-01T00:00:00Z', undefined) as { from: Date; to: Date };
    expect(s.to.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(queryWindow('en', now, '2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z')).not.toBeInstanceOf(Open311Failure);
    const far = queryWindow('en', now, '2026-01-01T00:00:00Z', '2026-04-01T00:00:01Z');
    expect(far).toBeInstanceOf(Open311Failure);
    expect((far as Open311Failure).status).toBe(400);
  });
});

describe('arguments', () => {
  it('reads attribute[code] and attribute[code][] from a form', () => {
    expect(
      parseForm('api_key=k&attribute[WHISPAWN]=123456&attribute[list][]=a&attribute[list][]=b&x=%E4%B8%AD'),
    ).toEqual({
      api_key: 'k',
      x: '中',
      attribute: { WHISPAWN: '123456', list: ['a', 'b'] },
    });
  });

  it('checks attributes against the definition', () => {
    expect(parseAttributes('zh', { urgency: 'emergency', anonymous: 'true', address_detail: ' 东门 ' })).toEqual({
      urgency: 'emergency',
      isAnonymous: true,
      addressDetail: '东门',
    });
    expect(parseAttributes('zh', {})).toEqual({ urgency: 'normal', isAnonymous: false, addressDetail: undefined });
    const bad = parseAttributes('en', { urgency: ['urgent', 'normal'], colour: 'red' }) as Open311Failure;
    expect(bad.errors.map((e) => e.description)).toEqual([
      'attribute[urgency] takes one value',
      'attribute[colour] is not an attribute of this service',
    ]);
  });

  it('lists, names and media', () => {
    expect(commaList(' open, closed,,open ')).toEqual(['open', 'closed']);
    expect(contactNameOf('小明', '王')).toBe('王小明');
    expect(contactNameOf('john', 'smith')).toBe('john smith');
    expect(contactNameOf(' ', undefined)).toBeUndefined();
    expect(splitMedia(`井盖松动${MEDIA_LINE}https://x.test/a.jpg`)).toEqual({
      text: '井盖松动',
      mediaUrl: 'https://x.test/a.jpg',
    });
    expect(splitMedia('井盖松动')).toEqual({ text: '井盖松动', mediaUrl: null });
  });
});
