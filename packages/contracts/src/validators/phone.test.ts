import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { maskPhone, validatePhone } from './phone.ts';

describe('validatePhone — mobile numbers', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    '+86-13812345678',
    '8613812345678',
    '0086 138 1234 5678',
    '１３８１２３４５６７８',
  ])('accepts %j as 13812345678', (input) => {
    expect(validatePhone(input)).toEqual({ ok: true, kind: 'mobile', normalized: '13812345678' });
  });

  it.each([
    ['', 'empty'],
    ['12812345678', 'mobile'],
    ['1381234567', 'mobile'],
    ['138123456789', 'mobile'],
    ['13812345678 转 12', 'mobile'],
    ['138-1234-567a', 'format'],
    ['tel:13812345678', 'format'],
  ])('rejects %j as %s', (input, reason) => {
    const r = validatePhone(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
  });

  it('normalises every valid mobile number however it is written', () => {
    const mobileArb = fc
      .tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 999_999_999 }))
      .map(([second, rest]) => `1${second}${String(rest).padStart(9, '0')}`);
    const styleArb = fc.constantFrom(
      (n: string) => n,
      (n: string) => `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`,
      (n: string) => `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`,
      (n: string) => `+86 ${n}`,
      (n: string) => `86${n}`,
      (n: string) => `0086-${n}`,
    );
    fc.assert(
      fc.property(mobileArb, styleArb, (n, style) => {
        expect(validatePhone(style(n))).toEqual({ ok: true, kind: 'mobile', normalized: n });
      }),
    );
  });
});

describe('validatePhone — landlines', () => {
  it.each([
    ['0571-88881234', '0571-88881234'],
    ['057188881234', '0571-88881234'],
    ['0571 8888 1234', '0571-88881234'],
    ['0571-8888-1234', '0571-88881234'],
    ['(0571)88881234', '0571-88881234'],
    ['010-62345678', '010-62345678'],
    ['021 6234 5678', '021-62345678'],
    ['0571-8888123', '0571-8888123'],
    ['+86 571 88881234', '0571-88881234'],
    ['0571-88881234-123', '0571-88881234-123'],
    ['0571-88881234转123', '0571-88881234-123'],
    ['0571-88881234 ext. 9', '0571-88881234-9'],
  ])('accepts %j as %s', (input, normalized) => {
    expect(validatePhone(input)).toMatchObject({ ok: true, kind: 'landline', normalized });
  });

  it('splits area code, number and extension', () => {
    expect(validatePhone('010-62345678-8001')).toEqual({
      ok: true,
      kind: 'landline',
      normalized: '010-62345678-8001',
      areaCode: '010',
      number: '62345678',
      extension: '8001',
    });
  });

  it.each([
    ['0571-1234', 'landline'],
    ['0571-123456789', 'landline'],
    ['010-12345678', 'landline'],
    ['88881234', 'missing_area_code'],
    ['56789', 'format'],
  ])('rejects %j as %s with advice', (input, reason) => {
    const r = validatePhone(input);
    expect(r).toMatchObject({ ok: false, reason });
    expect(!r.ok && r.message).toMatch(/0571|13812345678/);
  });
});

describe('maskPhone', () => {
  it('hides the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
  });

  it('keeps the area code and the last four digits of a landline', () => {
    expect(maskPhone('0571-88881234')).toBe('0571-****1234');
    expect(maskPhone('010-62345678-8001')).toBe('010-****5678-8001');
  });

  it('masks something that is not a valid number too', () => {
    expect(maskPhone('1381234567')).toBe('138***4567');
    expect(maskPhone('1234')).toBe('****');
  });
});
