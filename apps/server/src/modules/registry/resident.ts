/** Pure rules of a resident's record: identity from the ID number, phone, age, minors, name pinyin. */
import {
  convertLegacyId15,
  maskIdNumber,
  maskPhone,
  validateIdNumber,
  validatePhone,
  type FieldIssue,
  type ResidentInput,
} from '@linli/contracts';
import { pinyin } from 'pinyin-pro';

type IdKind = 'resident' | 'hk_mo_tw_permit' | 'foreign_permanent' | 'passport' | 'none';

export interface Identity {
  idKind: IdKind;
  /** Normalised number to encrypt and index, or null. */
  idNumber: string | null;
  idNumberMasked: string | null;
  gender: 'male' | 'female';
  birthDate: string | null;
}

export interface NormalizedPhone {
  phone: string | null;
  phoneMasked: string | null;
}

const genderZh = { male: '男', female: '女' } as const;

/**
 * Derive identity fields: the ID number gives birth date and gender; when the form gives them too
 * they must agree (a common typing mistake). A 15-digit legacy number is converted to 18 digits.
 */
export function normalizeIdentity(
  input: Pick<ResidentInput, 'idKind' | 'idNumber' | 'gender' | 'birthDate'>,
  today: string,
): { ok: true; value: Identity } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const raw = input.idNumber?.trim() ?? '';
  let idKind: IdKind = input.idKind ?? (raw ? 'resident' : 'none');
  let idNumber: string | null = null;
  let gender = input.gender;
  let birthDate = input.birthDate ?? null;

  if (!raw || idKind === 'none') {
    idKind = 'none';
  } else if (idKind === 'passport') {
    const p = raw.toUpperCase().replace(/\s+/g, '');
    if (!/^[A-Z0-9]{5,20}$/.test(p)) issues.push({ path: 'body.idNumber', message: '护照号应为 5–20 位字母或数字' });
    idNumber = p;
  } else {
    const legacy = /^\d{15}$/.test(raw) ? convertLegacyId15(raw) : null;
    const result = validateIdNumber(legacy ?? raw, { today });
    if (!result.ok) {
      issues.push({ path: 'body.idNumber', message: result.message });
    } else {
      idKind = result.kind;
      idNumber = result.normalized;
      if (gender && gender !== result.gender) {
        issues.push({
          path: 'body.gender',
          message: `性别与证件号码不一致：按证件号码应为「${genderZh[result.gender]}」`,
        });
      }
      if (birthDate && birthDate !== result.birthDate) {
        issues.push({
          path: 'body.birthDate',
          message: `出生日期与证件号码不一致：按证件号码应为 ${result.birthDate}`,
        });
      }
      gender ??= result.gender;
      birthDate ??= result.birthDate;
    }
  }
  if (!gender && issues.length === 0) issues.push({ path: 'body.gender', message: '请选择性别' });
  if (birthDate && birthDate > today) issues.push({ path: 'body.birthDate', message: '出生日期不能晚于今天' });
  if (issues.length > 0 || !gender) return { ok: false, issues };
  return {
    ok: true,
    value: {
      idKind,
      idNumber,
      idNumberMasked: idNumber
        ? idKind === 'passport'
          ? `${idNumber.slice(0, 2)}****${idNumber.slice(-2)}`
          : maskIdNumber(idNumber)
        : null,
      gender,
      birthDate,
    },
  };
}

export function normalizePhone(
  raw: string | undefined,
): { ok: true; value: NormalizedPhone } | { ok: false; issue: FieldIssue } {
  if (!raw?.trim()) return { ok: true, value: { phone: null, phoneMasked: null } };
  const r = validatePhone(raw);
  if (!r.ok) return { ok: false, issue: { path: 'body.phone', message: r.message } };
  return { ok: true, value: { phone: r.normalized, phoneMasked: maskPhone(r.normalized) } };
}

/** Floating residents need the facts of the floating-population register. */
export function checkFloating(input: Pick<ResidentInput, 'registrationType' | 'arrivalDate' | 'origin'>): FieldIssue[] {
  if (input.registrationType !== 'floating') return [];
  const issues: FieldIssue[] = [];
  if (!input.arrivalDate) issues.push({ path: 'body.arrivalDate', message: '流动人口请填写来本地日期' });
  if (!input.origin) issues.push({ path: 'body.origin', message: '流动人口请填写户籍地（来自何处）' });
  return issues;
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string | null, day: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** PIPL treats personal information of children under 14 as sensitive. */
export const MINOR_AGE = 14;

/** Full pinyin without tones or spaces, and initials, with surname readings (单 → shan). */
export function namePinyin(name: string): { full: string; initials: string } {
  const full = pinyin(name, { toneType: 'none', surname: 'head', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const initials = pinyin(name, {
    pattern: 'first',
    toneType: 'none',
    surname: 'head',
    type: 'array',
    nonZh: 'consecutive',
  })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return { full, initials };
}

/** Today in China (UTC+8) as YYYY-MM-DD. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** [q, q') such that a C-collated value starts with q iff it lies in the range (for index range scans). */
export function prefixRange(q: string): [string, string] {
  const chars = [...q];
  const last = chars.pop() ?? '';
  return [q, chars.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1)];
}

export type SearchKind = 'id_number' | 'phone' | 'tail' | 'pinyin' | 'name';

/** What a search box entry most likely is: an ID number, a phone, the last digits of either, pinyin or a name/address. */
export function classifyQuery(q: string): SearchKind {
  const s = q.replace(/\s+/g, '');
  if (/^\d{17}[\dXx]$/.test(s) || /^\d{15}$/.test(s)) return 'id_number';
  if (/^(\+?86)?1[3-9]\d{9}$/.test(s)) return 'phone';
  if (/^\d{3}[\dXx]$/.test(s)) return 'tail';
  if (/^[A-Za-z]+$/.test(s)) return 'pinyin';
  return 'name';
}
