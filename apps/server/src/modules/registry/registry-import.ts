/**
 * Pure rules of a resident import: finding the header row of a community ledger, mapping its columns
 * to fields by header synonyms, reading Chinese cell values, validating a row with the registry's own
 * rules, and matching an address ("3幢1单元302室") to a household. No I/O.
 */
import {
  importFieldNames,
  importFields,
  registryLabels,
  relationsToHead,
  requiredImportFields,
  type ImportField,
  type ImportMapping,
  type ImportRowError,
  type ResidentInput,
} from '@linli/contracts';
import { checkFloating, normalizeIdentity, normalizePhone, type Identity } from './resident.ts';

/** Headers community workers use for each field, as found in their ledgers (compared without spaces). */
export const headerSynonyms: Record<ImportField, readonly string[]> = {
  name: ['姓名', '居民姓名', '人员姓名', '名字'],
  gender: ['性别'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '生日'],
  idNumber: ['公民身份号码', '身份证号', '身份证号码', '身份证', '证件号码', '证件号', '居民身份证号码'],
  phone: ['联系电话', '手机', '手机号', '手机号码', '电话', '电话号码', '联系方式'],
  ethnicity: ['民族'],
  registrationType: ['人口类型', '户籍类型', '人员类型', '户口类型', '人口类别'],
  relationToHead: ['与户主关系', '与户主的关系', '户主关系', '关系'],
  address: ['住址', '门牌', '现住址', '居住地址', '家庭住址', '门牌号', '地址', '房号', '现居住地址'],
  arrivalDate: ['来本地日期', '来本地时间', '到达日期', '来京日期', '来沪日期', '来杭日期', '流入日期', '来本市日期'],
  origin: ['户籍地', '户籍地址', '户籍所在地', '来自何处', '原籍'],
  arrivalReason: ['来本地事由', '流入原因', '来本地原因', '事由'],
  tags: ['关爱类别', '特殊人群', '关爱对象类别', '人群类别', '关爱标签', '特殊人群类别'],
  notes: ['备注'],
};

/** Field names in Chinese, for messages about a field that has no column (the contract's names). */
export const importFieldLabels: Record<ImportField, string> = importFieldNames.residents;

/** A header without spaces, asterisks ("*姓名") or a trailing hint in brackets ("出生日期(年-月-日)"). */
export function normalizeHeader(h: string): string {
  return h
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '');
}

/** What one kind of import reads: its fields, the required ones, header synonyms and Chinese names. */
export interface ImportSpec {
  fields: readonly string[];
  required: readonly string[];
  synonyms: Readonly<Record<string, readonly string[]>>;
  labels: Readonly<Record<string, string>>;
}

/** The resident import's columns. */
export const residentSpec: ImportSpec = {
  fields: importFields,
  required: requiredImportFields,
  synonyms: headerSynonyms,
  labels: importFieldLabels,
};

function fieldOfHeader(h: string, spec: ImportSpec): string | undefined {
  const n = normalizeHeader(h);
  return spec.fields.find((f) => spec.synonyms[f]?.includes(n));
}

/** Index of the header row among the first rows (ledgers often start with a title row), or -1. */
export function detectHeaderRow(rows: readonly (readonly string[])[], spec: ImportSpec = residentSpec): number {
  let best = -1;
  let bestHits = 1;
  rows.slice(0, 10).forEach((row, i) => {
    const hits = new Set(row.map((h) => fieldOfHeader(h, spec)).filter(Boolean)).size;
    if (hits > bestHits) {
      best = i;
      bestHits = hits;
    }
  });
  return best;
}

/** A mapping by header synonyms: each field takes the first column whose header means it. */
export function suggestMapping(headers: readonly string[], spec: ImportSpec = residentSpec): ImportMapping {
  const mapping: ImportMapping = {};
  for (const h of headers) {
    const f = fieldOfHeader(h, spec);
    if (f && mapping[f] === undefined) mapping[f] = h;
  }
  return mapping;
}

/** The remembered mapping when the file still has all its headers, else undefined. */
export function applicableMapping(remembered: ImportMapping | null, headers: readonly string[]) {
  if (!remembered) return undefined;
  const values = Object.values(remembered).filter((v): v is string => !!v);
  return values.length > 0 && values.every((h) => headers.includes(h)) ? remembered : undefined;
}

export type ColumnIndex = Partial<Record<string, number>>;

/** Column positions of the mapped fields; problems when a required field is missing or a header is not in the file. */
export function resolveMapping(
  headers: readonly string[],
  mapping: ImportMapping,
  spec: ImportSpec = residentSpec,
): { ok: true; columns: ColumnIndex } | { ok: false; problems: string[] } {
  const columns: ColumnIndex = {};
  const problems: string[] = [];
  for (const f of Object.keys(mapping)) if (!spec.fields.includes(f)) problems.push(`「${f}」不是这类导入可填写的字段`);
  for (const f of spec.fields) {
    const h = mapping[f];
    if (h === undefined) continue;
    const i = headers.indexOf(h);
    if (i < 0) problems.push(`文件中没有「${h}」列（${spec.labels[f] ?? f}）`);
    else columns[f] = i;
  }
  for (const f of spec.required)
    if (mapping[f] === undefined) problems.push(`请指定「${spec.labels[f] ?? f}」对应的列`);
  return problems.length ? { ok: false, problems } : { ok: true, columns };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The text of a spreadsheet cell as a worker sees it (dates as YYYY-MM-DD). */
export function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(o.richText))
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return '';
}

/** A date as workers type it (1949-12-31, 1949/12/31, 1949.12.31, 19491231, 1949年12月31日, an Excel serial). */
export function parseDate(text: string): string | null {
  const s = text.trim();
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    // Excel's day count from 1899-12-30 (its 1900 leap-year bug included).
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(s)) * 86_400_000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  const m = /^(\d{4})(?:[-/.年])?(\d{1,2})(?:[-/.月])?(\d{1,2})日?$/.exec(s);
  if (!m || (!/[-/.年]/.test(s) && s.length !== 8)) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

const genderWords: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', male: 'male', female: 'female' };

const registrationWords: Record<string, ResidentInput['registrationType']> = {
  户籍: 'registered',
  户籍人口: 'registered',
  本地户籍: 'registered',
  常住: 'permanent',
  常住人口: 'permanent',
  人户分离: 'permanent',
  流动: 'floating',
  流动人口: 'floating',
  外来人口: 'floating',
  registered: 'registered',
  permanent: 'permanent',
  floating: 'floating',
};

const relationWords: Record<string, ResidentInput['relationToHead']> = {
  ...Object.fromEntries(relationsToHead.map((r) => [registryLabels.relationToHead[r].zh, r])),
  ...Object.fromEntries(relationsToHead.map((r) => [r, r])),
  本人: 'head',
  妻: 'spouse',
  妻子: 'spouse',
  夫: 'spouse',
  丈夫: 'spouse',
  子: 'child',
  女: 'child',
  儿子: 'child',
  女儿: 'child',
  长子: 'child',
  长女: 'child',
  次子: 'child',
  次女: 'child',
  父亲: 'parent',
  母亲: 'parent',
  父: 'parent',
  母: 'parent',
  孙子: 'grandchild',
  孙女: 'grandchild',
  外孙: 'grandchild',
  外孙女: 'grandchild',
  祖父: 'grandparent',
  祖母: 'grandparent',
  儿媳: 'child_in_law',
  女婿: 'child_in_law',
  兄: 'sibling',
  弟: 'sibling',
  姐: 'sibling',
  妹: 'sibling',
  租客: 'tenant',
  租房: 'tenant',
};

/** A full-width-free, space-free address with one word for a building (幢). */
export function normalizeAddress(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/号楼|栋|座/g, '幢');
}

/** Find the household an address names: the whole text, or its tail ("甲社区3幢1单元302室" → "3幢1单元302室"). */
export function matchAddress<T>(address: string, households: ReadonlyMap<string, T>): T | undefined {
  const a = normalizeAddress(address);
  for (let i = 0; i < a.length; i++) {
    const hit = households.get(a.slice(i));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The key of a household from its names below the import's node: building, (unit,) room. */
export function householdKey(names: readonly string[]): string {
  return normalizeAddress(names.join(''));
}

/** A row of the file: the texts of the mapped fields, and its row number as Excel shows it. */
export interface ImportRow {
  row: number;
  values: Partial<Record<string, string>>;
}

/** A row that passed every rule; identity and phone normalised. */
export interface ValidRow {
  row: number;
  name: string;
  identity: Identity & { idNumber: string };
  phone: string | null;
  phoneMasked: string | null;
  ethnicity: string | null;
  registrationType: ResidentInput['registrationType'];
  /** Undefined when the file does not say (a new resident is then recorded as 'other'). */
  relationToHead: ResidentInput['relationToHead'] | undefined;
  address: string;
  arrivalDate: string | null;
  origin: string | null;
  arrivalReason: string | null;
  /** Undefined when the file says nothing about care groups for this row. */
  tags: string[] | undefined;
  notes: string | null;
}

export interface RowContext {
  today: string;
  /** Care tags by code and by Chinese name → code. */
  tags: ReadonlyMap<string, string>;
  /** The header of each mapped field, for messages. */
  headers: Partial<Record<string, string>>;
}

/** Validate one row with the registry's rules; every problem is answered with its column and reason. */
export function validateImportRow(
  r: ImportRow,
  ctx: RowContext,
): { ok: true; value: ValidRow } | { ok: false; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const v = (f: ImportField) => r.values[f]?.trim() ?? '';
  const fail = (f: ImportField, reason: string) =>
    errors.push({ row: r.row, column: ctx.headers[f] ?? importFieldLabels[f], value: v(f), reason });

  const name = v('name');
  if (!name) fail('name', '请填写姓名');
  else if ([...name].length > 60) fail('name', '姓名最多 60 个字');

  let gender: 'male' | 'female' | undefined;
  if (v('gender')) {
    gender = genderWords[v('gender').toLowerCase()];
    if (!gender) fail('gender', '性别应为「男」或「女」');
  }
  let birthDate: string | undefined;
  if (v('birthDate')) {
    birthDate = parseDate(v('birthDate')) ?? undefined;
    if (!birthDate) fail('birthDate', '日期格式应为 YYYY-MM-DD，例如 1980-05-01');
  }

  let identity: (Identity & { idNumber: string }) | undefined;
  const rawId = v('idNumber').replace(/\s+/g, '');
  if (!rawId) fail('idNumber', '导入时须填写证件号码（用来识别同一人，避免重复登记）');
  else if (/^\d(\.\d+)?E\+\d+$/i.test(rawId))
    fail('idNumber', '证件号码被 Excel 存成了科学计数法，请把该列设为「文本」后重新填写');
  else {
    const id = normalizeIdentity(
      { idNumber: rawId, ...(gender ? { gender } : {}), ...(birthDate ? { birthDate } : {}) },
      ctx.today,
    );
    if (!id.ok) {
      for (const issue of id.issues) {
        const f: ImportField =
          issue.path === 'body.gender' && ctx.headers.gender
            ? 'gender'
            : issue.path === 'body.birthDate' && ctx.headers.birthDate
              ? 'birthDate'
              : 'idNumber';
        fail(f, issue.message);
      }
    } else if (id.value.idNumber) identity = { ...id.value, idNumber: id.value.idNumber };
  }

  const phone = normalizePhone(v('phone') || undefined);
  if (!phone.ok) fail('phone', phone.issue.message);

  const registrationType = registrationWords[v('registrationType')];
  if (!v('registrationType')) fail('registrationType', '请填写人口类型（户籍、常住或流动）');
  else if (!registrationType) fail('registrationType', '人口类型应为「户籍」「常住」或「流动」');

  let relationToHead: ResidentInput['relationToHead'] | undefined;
  if (v('relationToHead')) {
    const rel = relationWords[v('relationToHead')];
    if (!rel)
      fail('relationToHead', '无法识别的与户主关系，可填：户主、配偶、子女、父母、孙子女、兄弟姐妹、租户、其他');
    else relationToHead = rel;
  }

  let arrivalDate: string | undefined;
  if (v('arrivalDate')) {
    arrivalDate = parseDate(v('arrivalDate')) ?? undefined;
    if (!arrivalDate) fail('arrivalDate', '日期格式应为 YYYY-MM-DD，例如 2024-03-01');
    else if (arrivalDate > ctx.today) fail('arrivalDate', '来本地日期不能晚于今天');
  }
  if (registrationType) {
    const floating = checkFloating({
      registrationType,
      arrivalDate: arrivalDate ?? undefined,
      origin: v('origin') || undefined,
    });
    for (const issue of floating)
      if (issue.path === 'body.arrivalDate' && !v('arrivalDate')) fail('arrivalDate', issue.message);
      else if (issue.path === 'body.origin') fail('origin', issue.message);
  }

  let tags: string[] | undefined;
  if (v('tags')) {
    const words = v('tags')
      .split(/[、,，;；/\s]+/)
      .filter(Boolean);
    const unknown = words.filter((w) => !ctx.tags.has(w));
    if (unknown.length) fail('tags', `未知的关爱类别：${unknown.join('、')}`);
    else tags = [...new Set(words.map((w) => ctx.tags.get(w)!))].sort();
  }

  if (!v('address')) fail('address', '请填写住址（楼幢、单元、室号）');
  for (const [f, max] of [
    ['ethnicity', 20],
    ['origin', 100],
    ['arrivalReason', 100],
    ['notes', 1000],
  ] as const)
    if ([...v(f)].length > max) fail(f, `最多 ${max} 个字`);

  if (errors.length > 0 || !identity || !phone.ok || !registrationType) return { ok: false, errors };
  const floating = registrationType === 'floating';
  return {
    ok: true,
    value: {
      row: r.row,
      name,
      identity,
      phone: phone.value.phone,
      phoneMasked: phone.value.phoneMasked,
      ethnicity: v('ethnicity') || null,
      registrationType,
      relationToHead,
      address: v('address'),
      arrivalDate: floating ? (arrivalDate ?? null) : null,
      origin: floating ? v('origin') || null : null,
      arrivalReason: floating ? v('arrivalReason') || null : null,
      tags,
      notes: v('notes') || null,
    },
  };
}

/** Split CSV text (RFC 4180: quotes, doubled quotes, line breaks inside quotes) into rows. */
export function* parseCsv(text: string): Generator<string[]> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      yield row;
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    yield row;
  }
}

/** CSV bytes as text: UTF-8 (with or without BOM), else GB18030 as Excel on Chinese Windows saves it. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
