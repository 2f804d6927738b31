/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters — registration
 * authority (1), organisation type (1), the registering office's division code (6), the subject's
 * identifier (9, the old organisation code), and a check character computed modulo 31.
 */

/** The code's alphabet: digits and capital letters without I, O, Z, S, V. A character's value is its index. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authorities and the organisation types each may register (GB 32100-2015 appendix A
 * and the codes assigned since: 外交, 司法行政, 文化, 旅游, 宗教, 工会, 中央军委, 农业).
 */
export const creditCodeAuthorities: Record<string, { name: string; types: Record<string, string> }> = {
  '1': {
    name: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地代表机构', '9': '其他' },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', types: { '1': '其他' } },
};

export type CreditCodeProblemReason = 'empty' | 'length' | 'character' | 'authority' | 'type' | 'division' | 'check';

export type CreditCodeResult =
  | {
      ok: true;
      /** Upper case, without spaces. */
      normalized: string;
      authority: string;
      organisationType: string;
      divisionCode: string;
    }
  | {
      ok: false;
      reason: CreditCodeProblemReason;
      /** Says which character is wrong and, for the check character, what it should be. */
      message: string;
      /** 1-based position of the offending character, when there is one. */
      position?: number;
      /** The check character the first 17 characters call for (reason 'check'). */
      expectedCheck?: string;
    };

/** The check character (18th) for the first 17 characters; throws on a character outside the alphabet. */
export function computeCreditCodeCheck(first17: string): string {
  if (first17.length !== 17) throw new RangeError('computeCreditCodeCheck needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`character ${first17[i]} is not in the credit-code alphabet`);
    sum += v * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

/** Normalise (trim, remove spaces, full-width to half-width, upper-case) and check a code. */
export function validateCreditCode(input: string): CreditCodeResult {
  const s = input
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]+/g, '')
    .toUpperCase();
  if (s === '') return { ok: false, reason: 'empty', message: '请填写统一社会信用代码' };
  if (s.length !== 18)
    return { ok: false, reason: 'length', message: `统一社会信用代码应为 18 位，当前为 ${s.length} 位` };
  for (let i = 0; i < 18; i++) {
    const c = s[i]!;
    if (!CREDIT_CODE_ALPHABET.includes(c)) {
      const hint = /[IOZSV]/.test(c)
        ? '（代码中不使用字母 I、O、Z、S、V，请核对是否应为数字 1、0、2、5 或字母 U）'
        : '';
      return {
        ok: false,
        reason: 'character',
        position: i + 1,
        message: `第 ${i + 1} 位“${c}”不是统一社会信用代码允许的字符${hint}`,
      };
    }
  }
  const authority = creditCodeAuthorities[s[0]!];
  if (!authority)
    return {
      ok: false,
      reason: 'authority',
      position: 1,
      message: `第 1 位登记管理部门代码“${s[0]}”不存在（应为 1–9、A、N 或 Y）`,
    };
  const type = authority.types[s[1]!];
  if (!type)
    return {
      ok: false,
      reason: 'type',
      position: 2,
      message: `第 2 位机构类别代码“${s[1]}”不属于登记管理部门“${authority.name}”（可为 ${Object.keys(authority.types).join('、')}）`,
    };
  const division = s.slice(2, 8);
  const badDivision = division.search(/\D/);
  if (badDivision >= 0)
    return {
      ok: false,
      reason: 'division',
      position: badDivision + 3,
      message: `第 ${badDivision + 3} 位“${division[badDivision]}”有误：第 3–8 位是登记管理机关行政区划码，应为数字`,
    };
  const expected = computeCreditCodeCheck(s.slice(0, 17));
  if (s[17] !== expected)
    return {
      ok: false,
      reason: 'check',
      position: 18,
      expectedCheck: expected,
      message: `第 18 位校验码应为“${expected}”，而不是“${s[17]}”；请核对前 17 位是否抄错`,
    };
  return { ok: true, normalized: s, authority: authority.name, organisationType: type, divisionCode: division };
}
