/** Telephone numbers in mainland China: mobile numbers and landlines with an area code. */

export type PhoneKind = 'mobile' | 'landline';

export type PhoneProblemReason = 'empty' | 'format' | 'mobile' | 'landline' | 'missing_area_code';

export type PhoneResult =
  | { ok: true; kind: 'mobile'; /** 11 digits, without country code. */ normalized: string }
  | {
      ok: true;
      kind: 'landline';
      /** Area code, number and extension joined by hyphens: 0571-88881234 or 0571-88881234-123. */
      normalized: string;
      areaCode: string;
      number: string;
      extension: string | null;
    }
  | { ok: false; reason: PhoneProblemReason; message: string };

const MOBILE = /^1[3-9]\d{9}$/;
// Area codes: 010 and 02x have two digits after the 0, all others three, so the split is never ambiguous.
const LANDLINE = /^(0(?:10|2\d|[3-9]\d\d))([2-9]\d{6,7})$/;
const EXTENSION = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;

const LANDLINE_HINT =
  '固定电话应为“区号-号码”：区号 3–4 位（如 010、0571），号码 7–8 位，可带分机号（如 0571-88881234-123）';

/** Validate and normalise a mobile number (+86 and separators allowed) or a landline with area code. */
export function validatePhone(input: string): PhoneResult {
  let s = toHalfWidth(input).trim();
  if (s === '') return { ok: false, reason: 'empty', message: '请填写电话号码' };

  let extension: string | null = null;
  const ext = EXTENSION.exec(s);
  if (ext) {
    s = ext[1] ?? '';
    extension = ext[2] ?? null;
  }
  const groups = s.split(/[\s\-()（）.]+/).filter((g) => g !== '');
  if (groups.length === 0 || !groups.every((g, i) => /^\d+$/.test(g) || (i === 0 && /^\+\d+$/.test(g)))) {
    return problem('format', '电话号码只能包含数字、空格、连字符和开头的 +86');
  }
  const national = stripCountryCode(groups.join(''));

  if (national.startsWith('1')) {
    if (extension !== null) return problem('mobile', '手机号码不带分机号，请只填写 11 位手机号');
    if (MOBILE.test(national)) return { ok: true, kind: 'mobile', normalized: national };
    if (national.length !== 11) return problem('mobile', `手机号码应为 11 位数字，当前为 ${national.length} 位`);
    return problem('mobile', '手机号码第 2 位应为 3–9（如 138、159、186 开头）');
  }

  if (national.startsWith('0')) {
    const whole = LANDLINE.exec(national);
    if (whole) return landline(whole[1] ?? '', whole[2] ?? '', extension);
    // "0571-88881234-123": without an extension marker, a trailing group may be the extension.
    const last = groups[groups.length - 1] ?? '';
    if (extension === null && groups.length >= 3 && last.length <= 6) {
      const rest = LANDLINE.exec(stripCountryCode(groups.slice(0, -1).join('')));
      if (rest) return landline(rest[1] ?? '', rest[2] ?? '', last);
    }
    return problem('landline', LANDLINE_HINT);
  }

  if (/^[2-9]\d{6,7}$/.test(national)) {
    return problem('missing_area_code', `固定电话请加上区号，如 0571-${national}`);
  }
  return problem('format', '电话号码应为 11 位手机号（如 13812345678）或带区号的固定电话（如 0571-88881234）');
}

/** Hide the middle of a number: 138****5678, 0571-****1234. */
export function maskPhone(phone: string): string {
  const r = validatePhone(phone);
  if (r.ok && r.kind === 'mobile') return `${r.normalized.slice(0, 3)}****${r.normalized.slice(7)}`;
  if (r.ok && r.kind === 'landline') {
    const n = r.number;
    return `${r.areaCode}-${'*'.repeat(n.length - 4)}${n.slice(-4)}${r.extension === null ? '' : `-${r.extension}`}`;
  }
  const digits = toHalfWidth(phone).replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

function landline(areaCode: string, number: string, extension: string | null): PhoneResult {
  const normalized = `${areaCode}-${number}${extension === null ? '' : `-${extension}`}`;
  return { ok: true, kind: 'landline', normalized, areaCode, number, extension };
}

// +86 / 0086 / 86 before a mobile number; +86 before a landline drops the area code's leading 0.
function stripCountryCode(digits: string): string {
  let rest: string;
  if (digits.startsWith('+86')) rest = digits.slice(3);
  else if (digits.startsWith('0086')) rest = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) rest = digits.slice(2);
  else return digits.replace(/^\+/, '');
  return rest.startsWith('1') || rest.startsWith('0') ? rest : `0${rest}`;
}

function problem(reason: PhoneProblemReason, message: string): PhoneResult {
  return { ok: false, reason, message };
}

function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
