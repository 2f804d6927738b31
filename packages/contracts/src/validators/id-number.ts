/**
 * Identity numbers (身份证件号码): the resident ID (GB 11643-1999), the residence permits of Hong Kong,
 * Macau and Taiwan residents, and the foreign permanent-residence ID in its 2017 and 2023 forms.
 */

export type IdNumberKind = 'resident' | 'hk_mo_tw_permit' | 'foreign_permanent';

export type IdNumberProblemReason =
  | 'empty'
  | 'format'
  | 'legacy_15'
  | 'region'
  | 'birth_date'
  | 'birth_date_future'
  | 'birth_date_before_1900'
  | 'check_digit';

export interface IdNumberInfo {
  ok: true;
  /** Upper-case, half-width, without spaces: the form to store. */
  normalized: string;
  kind: IdNumberKind;
  /** YYYY-MM-DD. */
  birthDate: string;
  gender: 'male' | 'female';
  /** Six-digit address code; for a foreign permanent resident, the province (and city) that accepted the application. */
  regionCode: string;
  /** Foreign permanent residents only: ISO 3166-1 alpha-3 (2017 form) or numeric (2023 form) nationality code. */
  nationality?: string;
}

export interface IdNumberProblem {
  ok: false;
  reason: IdNumberProblemReason;
  /** What is wrong and what would be right, in Chinese, ready to show beside the field. */
  message: string;
}

export type IdNumberResult = IdNumberInfo | IdNumberProblem;

export interface IdNumberOptions {
  /** The day against which "not in the future" is judged, YYYY-MM-DD; defaults to today in China (UTC+8). */
  today?: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

// prettier-ignore
const MAINLAND_PROVINCES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
]);
const TAIWAN_PROVINCE = '71';
const PERMIT_REGIONS: Record<string, string> = { '81': '香港', '82': '澳门', '83': '台湾' };

/** The check character (0–9 or X) of a 17-digit body, by ISO 7064 MOD 11-2 as GB 11643-1999 prescribes. */
export function computeIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`computeIdCheckDigit expects 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
}

/** The 18-digit number of a legacy 15-digit ID (GB 11643-1989): "19" before the year, a check digit after; null if not 15 digits. */
export function convertLegacyId15(id15: string): string | null {
  const s = normalizeIdInput(id15);
  if (!/^\d{15}$/.test(s)) return null;
  const body = `${s.slice(0, 6)}19${s.slice(6)}`;
  return body + computeIdCheckDigit(body);
}

/** Validate an identity number and read the birth date, gender and region it encodes. */
export function validateIdNumber(input: string, options: IdNumberOptions = {}): IdNumberResult {
  const id = normalizeIdInput(input);
  const today = options.today ?? todayInChina();
  if (id === '') return problem('empty', '请填写证件号码（居民身份证为 18 位）');

  if (/^\d{15}$/.test(id)) {
    const converted = convertLegacyId15(id);
    const birth = converted === null ? null : checkBirthDate(converted.slice(6, 14), today, '第 7–12 位');
    return problem(
      'legacy_15',
      birth === null || typeof birth !== 'string'
        ? '这是 15 位的旧身份证号码，且其中的出生日期无效；请填写第二代居民身份证上的 18 位号码'
        : `这是 15 位的旧身份证号码，请填写 18 位号码（按国家标准换算应为 ${converted}，请与证件核对）`,
    );
  }
  if (/^[A-Z]{3}\d{12}$/.test(id)) return validateForeign2017(id, today);

  if (!/^\d{17}[\dX]$/.test(id)) {
    if (id.length !== 18) return problem('format', `证件号码应为 18 位，当前为 ${id.length} 位`);
    return problem('format', '证件号码前 17 位应为数字，最后一位为数字或 X');
  }
  if (id.startsWith('9')) return validateForeign2023(id, today);

  const province = id.slice(0, 2);
  let kind: IdNumberKind = 'resident';
  const permitRegion = PERMIT_REGIONS[province];
  if (permitRegion !== undefined) {
    kind = 'hk_mo_tw_permit';
    if (id.slice(2, 6) !== '0000') {
      return problem(
        'region',
        `港澳台居民居住证号码的前 6 位应为 810000（香港）、820000（澳门）或 830000（台湾），当前为 ${id.slice(0, 6)}`,
      );
    }
  } else if (!MAINLAND_PROVINCES.has(province) && province !== TAIWAN_PROVINCE) {
    return problem(
      'region',
      `前 2 位 ${province} 不是省级行政区划代码；居民身份证应以 11–65 之间的省级代码开头（如北京 11、浙江 33），港澳台居民居住证以 81、82、83 开头`,
    );
  }

  const birth = checkBirthDate(id.slice(6, 14), today, '第 7–14 位');
  if (typeof birth !== 'string') return birth;

  const expected = computeIdCheckDigit(id.slice(0, 17));
  if (id[17] !== expected) return checkDigitProblem(id[17] ?? '', expected);

  return {
    ok: true,
    normalized: id,
    kind,
    birthDate: birth,
    gender: genderOf(id[16]),
    regionCode: id.slice(0, 6),
  };
}

/** Show the first 6 and last 4 characters only: 110105********002X. */
export function maskIdNumber(id: string): string {
  const s = normalizeIdInput(id);
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

// 2023 form: 9, two-digit province that accepted the application, three-digit numeric nationality,
// YYYYMMDD, three-digit sequence (odd for men), MOD 11-2 check digit like the resident ID.
function validateForeign2023(id: string, today: string): IdNumberResult {
  const province = id.slice(1, 3);
  if (!MAINLAND_PROVINCES.has(province)) {
    return problem(
      'region',
      `外国人永久居留身份证号码第 2–3 位应为受理地的省级代码（11–65，如北京 11、浙江 33），当前为 ${province}`,
    );
  }
  const nationality = id.slice(3, 6);
  if (nationality === '000') {
    return problem('format', '外国人永久居留身份证号码第 4–6 位应为国籍的三位数字代码，不能为 000');
  }
  const birth = checkBirthDate(id.slice(6, 14), today, '第 7–14 位');
  if (typeof birth !== 'string') return birth;
  const expected = computeIdCheckDigit(id.slice(0, 17));
  if (id[17] !== expected) return checkDigitProblem(id[17] ?? '', expected);
  return {
    ok: true,
    normalized: id,
    kind: 'foreign_permanent',
    birthDate: birth,
    gender: genderOf(id[16]),
    regionCode: `${province}0000`,
    nationality,
  };
}

// 2017 form: three-letter nationality, four-digit place of acceptance (province + city), YYMMDD,
// one sequence digit (odd for men), one check digit computed as in machine-readable passports.
function validateForeign2017(id: string, today: string): IdNumberResult {
  const province = id.slice(3, 5);
  if (!MAINLAND_PROVINCES.has(province)) {
    return problem(
      'region',
      `外国人永久居留身份证号码第 4–5 位应为受理地的省级代码（11–65，如北京 11、浙江 33），当前为 ${province}`,
    );
  }
  const yymmdd = id.slice(7, 13);
  // The year has two digits: the later century unless that puts the birth in the future.
  const in2000s = `20${yymmdd}`;
  const candidate = isRealDate(in2000s) && formatDate(in2000s) <= today ? in2000s : `19${yymmdd}`;
  const birth = checkBirthDate(candidate, today, '第 8–13 位');
  if (typeof birth !== 'string') return birth;
  const expected = String(machineReadableCheckDigit(id.slice(0, 14)));
  if (id[14] !== expected) return checkDigitProblem(id[14] ?? '', expected);
  return {
    ok: true,
    normalized: id,
    kind: 'foreign_permanent',
    birthDate: birth,
    gender: genderOf(id[13]),
    regionCode: `${id.slice(3, 7)}00`,
    nationality: id.slice(0, 3),
  };
}

// ICAO 9303: weights 7, 3, 1 repeating; letters count A = 10 … Z = 35.
function machineReadableCheckDigit(s: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const value = c >= 65 ? c - 55 : c - 48;
    sum += value * (weights[i % 3] ?? 0);
  }
  return sum % 10;
}

function checkBirthDate(yyyymmdd: string, today: string, where: string): string | IdNumberProblem {
  if (!isRealDate(yyyymmdd)) {
    return problem('birth_date', `${where}的出生日期 ${yyyymmdd} 不是真实的日期，应为“年年年年月月日日”，如 19800101`);
  }
  const date = formatDate(yyyymmdd);
  if (date < '1900-01-01') return problem('birth_date_before_1900', `出生日期 ${date} 早于 1900 年，请核对${where}`);
  if (date > today) return problem('birth_date_future', `出生日期 ${date} 晚于今天（${today}），请核对${where}`);
  return date;
}

function checkDigitProblem(actual: string, expected: string): IdNumberProblem {
  return problem(
    'check_digit',
    `校验位不符：按前面各位计算，最后一位应为 ${expected}，而不是 ${actual}；多半是其中某一位抄错了，请逐位与证件核对`,
  );
}

function isRealDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function formatDate(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function genderOf(digit: string | undefined): 'male' | 'female' {
  return Number(digit) % 2 === 1 ? 'male' : 'female';
}

function problem(reason: IdNumberProblemReason, message: string): IdNumberProblem {
  return { ok: false, reason, message };
}

// Numbers typed with a Chinese input method often arrive in full-width characters (１２３Ｘ) or with spaces.
function normalizeIdInput(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

// China has kept UTC+8 without daylight saving since 1991, so a fixed offset gives the local date.
function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
