import { computeIdCheckDigit } from '@linli/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  checkFloating,
  classifyQuery,
  namePinyin,
  normalizeIdentity,
  normalizePhone,
  prefixRange,
} from './resident.ts';

const today = '2026-11-21';

describe('normalizeIdentity', () => {
  it('takes birth date and gender from a valid ID number', () => {
    const r = normalizeIdentity({ idNumber: '11010519491231002x' }, today);
    expect(r).toEqual({
      ok: true,
      value: {
        idKind: 'resident',
        idNumber: '11010519491231002X',
        idNumberMasked: '110105********002X',
        gender: 'female',
        birthDate: '1949-12-31',
      },
    });
  });

  it('refuses an invalid check digit with a message that says what would be right', () => {
    const r = normalizeIdentity({ idNumber: '340524198001010013', gender: 'male' }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: 'body.idNumber' });
  });

  it('flags a gender or birth date that disagrees with the ID number', () => {
    const r = normalizeIdentity({ idNumber: '11010519491231002X', gender: 'male', birthDate: '1950-01-01' }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path)).toEqual(['body.gender', 'body.birthDate']);
      expect(r.issues[0]!.message).toBe('性别与证件号码不一致：按证件号码应为「女」');
    }
  });

  it('converts a 15-digit legacy number', () => {
    const r = normalizeIdentity({ idNumber: '110105491231002' }, today);
    expect(r.ok && r.value.idNumber).toBe('110105194912310021'.slice(0, 17) + computeIdCheckDigit('11010519491231002'));
  });

  it('without an ID number, gender is required', () => {
    expect(normalizeIdentity({}, today)).toEqual({
      ok: false,
      issues: [{ path: 'body.gender', message: '请选择性别' }],
    });
    expect(normalizeIdentity({ gender: 'male' }, today)).toMatchObject({
      ok: true,
      value: { idKind: 'none', idNumber: null },
    });
  });

  it('any valid generated ID round-trips to its birth date and gender', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1920-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (d, seq) => {
          const birth = d.toISOString().slice(0, 10);
          const body = `330199${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
          const r = normalizeIdentity({ idNumber: body + computeIdCheckDigit(body) }, today);
          expect(r.ok && r.value.birthDate).toBe(birth);
          expect(r.ok && r.value.gender).toBe(seq % 2 === 1 ? 'male' : 'female');
        },
      ),
    );
  });
});

describe('other rules', () => {
  it('phones', () => {
    expect(normalizePhone('+86 138-1234-5678')).toEqual({
      ok: true,
      value: { phone: '13812345678', phoneMasked: '138****5678' },
    });
    expect(normalizePhone('12345').ok).toBe(false);
    expect(normalizePhone(undefined)).toEqual({ ok: true, value: { phone: null, phoneMasked: null } });
  });

  it('floating residents need arrival date and origin', () => {
    expect(checkFloating({ registrationType: 'floating' }).map((i) => i.path)).toEqual([
      'body.arrivalDate',
      'body.origin',
    ]);
    expect(checkFloating({ registrationType: 'registered' })).toEqual([]);
  });

  it('age in whole years', () => {
    expect(ageOn('2012-11-22', '2026-11-21')).toBe(13);
    expect(ageOn('2012-11-21', '2026-11-21')).toBe(14);
    expect(ageOn(null, '2026-11-21')).toBeNull();
  });

  it('pinyin with surname readings', () => {
    expect(namePinyin('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(namePinyin('单雄信').initials).toBe('sxx');
    expect(namePinyin('曾小贤').full).toBe('zengxiaoxian');
  });

  it('prefix ranges match "starts with" for ASCII and Chinese', () => {
    expect(prefixRange('zs')).toEqual(['zs', 'zt']);
    const [lo, hi] = prefixRange('张');
    expect('张三' >= lo && '张三' < hi).toBe(true);
    expect('章三' >= lo && '章三' < hi).toBe(false);
  });

  it('classifies search entries', () => {
    expect(classifyQuery('11010519491231002X')).toBe('id_number');
    expect(classifyQuery('13812345678')).toBe('phone');
    expect(classifyQuery('002X')).toBe('tail');
    expect(classifyQuery('zs')).toBe('pinyin');
    expect(classifyQuery('张三')).toBe('name');
    expect(classifyQuery('3幢')).toBe('name');
  });
});
