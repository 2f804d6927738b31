/**
 * Pure rules of the Open311 GeoReport v2 channel: formats, the status table, W3C dates in China
 * time, the query window, the service attributes, and the spec's error list. No I/O.
 */
import type { RequestState, Urgency } from '@linli/contracts';

export const formats = ['json', 'xml'] as const;
export type Format = (typeof formats)[number];

export function formatOf(value: string | undefined): Format | null {
  return value === 'json' || value === 'xml' ? value : null;
}

export const contentTypes: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** One entry of the spec's error answer; `status` is the HTTP status, `code` what the body says. */
export interface Open311Error {
  code: number;
  description: string;
}

/** An error answer: an HTTP status and one or more `{ code, description }` (the spec's array). */
export class Open311Failure extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 429 | 500,
    readonly errors: Open311Error[],
  ) {
    super(errors.map((e) => e.description).join('; '));
    this.name = 'Open311Failure';
  }
}

export function fail(status: Open311Failure['status'], description: string): Open311Failure {
  return new Open311Failure(status, [{ code: status, description }]);
}

export type Lang = 'zh' | 'en';

/** Texts for people in the caller's language (Chinese unless Accept-Language prefers English). */
export function tr(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? en : zh;
}

/**
 * Our states as Open311 statuses. `open` while someone still has to act for the resident;
 * `closed` once the matter is resolved or will not be handled (declined, merged, withdrawn). A
 * resolved request counts as closed because that is what a citizen app shows as "fixed"; if the
 * resident is unsatisfied and it reopens, it turns `open` again with a new updated_datetime.
 */
export const statusOfState: Record<RequestState, 'open' | 'closed'> = {
  submitted: 'open',
  accepted: 'open',
  dispatched: 'open',
  signed: 'open',
  in_progress: 'open',
  resolved: 'closed',
  verified: 'closed',
  rated: 'closed',
  closed: 'closed',
  declined: 'closed',
  merged: 'closed',
  withdrawn: 'closed',
};

export const openStates = (Object.keys(statusOfState) as RequestState[]).filter((s) => statusOfState[s] === 'open');

/**
 * Steps whose note is meant for the resident and may become `status_notes`. Internal steps
 * (dispatch, transfer, return, escalation, extensions, verification, urging) never leave the house.
 */
export const publicNoteActions = [
  'accept',
  'decline',
  'progress',
  'resolve',
  'close',
  'reopen',
  'merge',
  'withdraw',
] as const;

const CHINA_OFFSET_MS = 8 * 3600_000;

/** An instant as W3C/ISO 8601 in China time: 2026-11-21T09:30:00+08:00. */
export function w3cDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19) + '+08:00';
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parse a W3C datetime. The spec wants a time zone; a bare date (2026-11-01) is taken as the start
 * of that day in China, since that is what a person filtering by day means here. Null when invalid.
 */
export function parseW3cDate(value: string): Date | null {
  const m = W3C.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return null;
  const iso =
    h === undefined
      ? `${y}-${mo}-${d}T00:00:00+08:00`
      : `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ? `.${frac.slice(0, 3)}` : ''}${zone}`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  // Reject dates that JavaScript silently rolls over (2026-02-30 → March 2).
  const local = new Date(at.getTime() + (zoneOffsetMs(h === undefined ? '+08:00' : zone!) ?? 0));
  if (local.getUTCDate() !== day || local.getUTCMonth() + 1 !== month) return null;
  return at;
}

function zoneOffsetMs(zone: string): number | null {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hh, mm] = zone.slice(1).split(':').map(Number);
  return sign * ((hh ?? 0) * 3600_000 + (mm ?? 0) * 60_000);
}

export const MAX_WINDOW_DAYS = 90;
export const MAX_ITEMS = 1000;
const DAY_MS = 86_400_000;

/**
 * The window of GET requests: the most recent 90 days by default; one bound given, the other is 90
 * days away from it; both given, they may not be more than 90 days apart.
 */
export function queryWindow(
  lang: Lang,
  now: Date,
  start: string | undefined,
  end: string | undefined,
): { from: Date; to: Date } | Open311Failure {
  const from = start === undefined ? undefined : parseW3cDate(start);
  const to = end === undefined ? undefined : parseW3cDate(end);
  const errors: Open311Error[] = [];
  if (from === null)
    errors.push({
      code: 400,
      description: tr(
        lang,
        `start_date「${start}」不是带时区的 W3C 日期时间，应如 2026-11-01T00:00:00+08:00`,
        `start_date "${start}" is not a W3C datetime with a time zone, e.g. 2026-11-01T00:00:00+08:00`,
      ),
    });
  if (to === null)
    errors.push({
      code: 400,
      description: tr(
        lang,
        `end_date「${end}」不是带时区的 W3C 日期时间，应如 2026-11-30T23:59:59+08:00`,
        `end_date "${end}" is not a W3C datetime with a time zone, e.g. 2026-11-30T23:59:59+08:00`,
      ),
    });
  if (errors.length) return new Open311Failure(400, errors);
  const window = { from: from!, to: to! };
  if (!from && !to) return { from: new Date(now.getTime() - MAX_WINDOW_DAYS * DAY_MS), to: now };
  if (!to) window.to = new Date(from!.getTime() + MAX_WINDOW_DAYS * DAY_MS);
  if (!from) window.from = new Date(to!.getTime() - MAX_WINDOW_DAYS * DAY_MS);
  if (window.to.getTime() < window.from.getTime())
    return fail(400, tr(lang, 'end_date 早于 start_date，请对调', 'end_date is earlier than start_date'));
  if (window.to.getTime() - window.from.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    return fail(
      400,
      tr(
        lang,
        `start_date 与 end_date 相隔不能超过 ${MAX_WINDOW_DAYS} 天，请缩小范围分次查询`,
        `start_date and end_date may not be more than ${MAX_WINDOW_DAYS} days apart`,
      ),
    );
  return window;
}

/** A comma-delimited argument as its distinct non-empty items (the spec's "can be declared multiple times"). */
export function commaList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** An attribute of every service's definition, as the spec shapes it. */
export interface AttributeDef {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export const urgencyNames: Record<Urgency, string> = { normal: '一般', urgent: '紧急', emergency: '特急' };

/** The attributes every service takes (our categories share one intake form). */
export const serviceAttributes: AttributeDef[] = [
  {
    variable: true,
    code: 'urgency',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: '不填为一般 (normal when not sent)',
    order: 1,
    description: '紧急程度：危及安全或正在扩大的情况请选特急 (Urgency)',
    values: (Object.keys(urgencyNames) as Urgency[]).map((key) => ({ key, name: urgencyNames[key] })),
  },
  {
    variable: true,
    code: 'address_detail',
    datatype: 'string',
    required: false,
    datatype_description: '最多 200 字 (at most 200 characters)',
    order: 2,
    description: '详细位置，如楼栋门牌或附近的标志物 (Where exactly: building, door, landmark)',
  },
  {
    variable: true,
    code: 'anonymous',
    datatype: 'singlevaluelist',
    required: false,
    datatype_description: '不填为否 (false when not sent)',
    order: 3,
    description: '匿名：承办人员看不到您的姓名 (Hide your name from the handlers)',
    values: [
      { key: 'false', name: '否' },
      { key: 'true', name: '是' },
    ],
  },
];

export interface ParsedAttributes {
  urgency: Urgency;
  addressDetail: string | undefined;
  isAnonymous: boolean;
}

/** Check `attribute[code]` values against the definition; every problem is one spec error. */
export function parseAttributes(lang: Lang, raw: Record<string, string | string[]>): ParsedAttributes | Open311Failure {
  const errors: Open311Error[] = [];
  const known = new Map(serviceAttributes.map((a) => [a.code, a]));
  const out: ParsedAttributes = { urgency: 'normal', addressDetail: undefined, isAnonymous: false };
  for (const [code, value] of Object.entries(raw)) {
    const def = known.get(code);
    if (!def) {
      errors.push({
        code: 400,
        description: tr(
          lang,
          `attribute[${code}] 不是此服务的属性，可用的见 services/{service_code}`,
          `attribute[${code}] is not an attribute of this service`,
        ),
      });
      continue;
    }
    const one = Array.isArray(value) ? (value.length === 1 ? value[0]! : null) : value;
    if (one === null) {
      errors.push({
        code: 400,
        description: tr(lang, `attribute[${code}] 只能填一个值`, `attribute[${code}] takes one value`),
      });
      continue;
    }
    const v = one.trim();
    if (v === '') continue;
    if (def.values && !def.values.some((x) => x.key === v)) {
      errors.push({
        code: 400,
        description: tr(
          lang,
          `attribute[${code}] 应为 ${def.values.map((x) => x.key).join('、')} 之一`,
          `attribute[${code}] must be one of ${def.values.map((x) => x.key).join(', ')}`,
        ),
      });
      continue;
    }
    if (code === 'urgency') out.urgency = v as Urgency;
    if (code === 'anonymous') out.isAnonymous = v === 'true';
    if (code === 'address_detail') {
      if (v.length > 200)
        errors.push({
          code: 400,
          description: tr(
            lang,
            'attribute[address_detail] 最多 200 个字',
            'attribute[address_detail] is longer than 200 characters',
          ),
        });
      else out.addressDetail = v;
    }
  }
  return errors.length ? new Open311Failure(400, errors) : out;
}

/**
 * Form fields as the spec sends them: `attribute[code]=v` and `attribute[code][]=v` become
 * `attribute: { code: v | v[] }`; other fields keep their last value.
 */
export function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attributes: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const m = /^attribute\[([^\]]*)\](\[\])?$/.exec(key);
    if (m) {
      const code = m[1]!;
      if (m[2]) {
        const prev = attributes[code];
        attributes[code] = [...(Array.isArray(prev) ? prev : prev === undefined ? [] : [prev]), value];
      } else attributes[code] = value;
    } else out[key] = value;
  }
  if (Object.keys(attributes).length) out.attribute = attributes;
  return out;
}

/** The resident's name in the order Chinese writes it (family name first) unless both parts are Latin. */
export function contactNameOf(first: string | undefined, last: string | undefined): string | undefined {
  const f = first?.trim() ?? '';
  const l = last?.trim() ?? '';
  if (!f && !l) return undefined;
  const latin = /^[\x20-\x7e]*$/.test(f + l);
  return (latin ? [f, l].filter(Boolean).join(' ') : `${l}${f}`).slice(0, 40);
}

/** The line under which a submitted `media_url` is kept in the description (the request has no column for it). */
export const MEDIA_LINE = '\n附件链接：';

/** Split a stored description into the text and the media URL added by this channel. */
export function splitMedia(description: string): { text: string; mediaUrl: string | null } {
  const i = description.lastIndexOf(MEDIA_LINE);
  if (i < 0) return { text: description, mediaUrl: null };
  const url = description.slice(i + MEDIA_LINE.length).trim();
  if (!/^https?:\/\/\S+$/.test(url)) return { text: description, mediaUrl: null };
  return { text: description.slice(0, i), mediaUrl: url };
}
