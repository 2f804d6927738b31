import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeCreditCodeCheck,
  CREDIT_CODE_ALPHABET,
  creditCodeAuthorities,
  validateCreditCode,
} from './credit-code.ts';

describe('validateCreditCode (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', '工商', '企业', '350100'],
    ['91110000600037341L', '工商', '企业', '110000'],
    ['91440300708461136T', '工商', '企业', '440300'],
  ])('accepts the real code %s', (code, authority, organisationType, divisionCode) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, normalized: code, authority, organisationType, divisionCode });
  });

  it('accepts lower case, spaces and full-width characters, and upper-cases them', () => {
    for (const raw of ['91350100m000100y43', ' 9135 0100 M000 100Y 43 ', '９１３５０１００Ｍ０００１００Ｙ４３']) {
      const r = validateCreditCode(raw);
      expect(r.ok && r.normalized).toBe('91350100M000100Y43');
    }
  });

  it('names the check character a code cited as real should have (911101087263797845 → B)', () => {
    // Cited as a real code, but its 18th character does not follow from the first 17: exactly the
    // case for the audited override.
    const r = validateCreditCode('911101087263797845');
    expect(r).toMatchObject({ ok: false, reason: 'check', position: 18, expectedCheck: 'B' });
    expect(!r.ok && r.message).toBe('第 18 位校验码应为“B”，而不是“5”；请核对前 17 位是否抄错');
  });

  it.each([
    ['', 'empty', undefined],
    ['91350100M000100Y4', 'length', undefined],
    ['91350100M000100Y433', 'length', undefined],
    ['91350100I000100Y43', 'character', 9],
    ['91350100M0O0100Y43', 'character', 11],
    ['91350100M000100Y4S', 'character', 18],
    ['B1350100M000100Y43', 'authority', 1],
    ['95350100M000100Y43', 'type', 2],
    ['Y2350100M000100Y43', 'type', 2],
    ['913501A0M000100Y43', 'division', 7],
    ['91350100M000100Y44', 'check', 18],
    ['91350100M000101Y43', 'check', 18],
  ])('refuses %j (%s)', (code, reason, position) => {
    const r = validateCreditCode(code);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
    expect(!r.ok && r.position).toBe(position);
    expect(!r.ok && r.message.length).toBeGreaterThan(5);
  });

  it('explains the letters the code never uses', () => {
    const r = validateCreditCode('91350100M000100Y4O');
    expect(!r.ok && r.message).toMatch(/第 18 位“O”.*不使用字母 I、O、Z、S、V/);
  });

  it('computes check characters from the alphabet, 31 mapping to 0', () => {
    expect(computeCreditCodeCheck('91350100M000100Y4')).toBe('3');
    expect(() => computeCreditCodeCheck('91350100M000100Y')).toThrow(RangeError);
    expect(() => computeCreditCodeCheck('9135010OM000100Y4')).toThrow(RangeError);
  });
});

const prefixArb = fc.constantFrom(
  ...Object.entries(creditCodeAuthorities).flatMap(([a, { types }]) => Object.keys(types).map((t) => a + t)),
);
const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET);
const codeArb = fc
  .tuple(
    prefixArb,
    fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
    fc.string({ unit: alphabetChar, minLength: 9, maxLength: 9 }),
  )
  .map(([p, d, o]) => {
    const first17 = p + d + o;
    return first17 + computeCreditCodeCheck(first17);
  });

describe('validateCreditCode — properties', () => {
  it('a code completed with its computed check character is valid, in either case', () => {
    fc.assert(
      fc.property(codeArb, (code) => {
        expect(validateCreditCode(code)).toMatchObject({ ok: true, normalized: code });
        expect(validateCreditCode(code.toLowerCase())).toMatchObject({ ok: true, normalized: code });
      }),
    );
  });

  it('any change of one character is detected (31 is prime and no weight is a multiple of it)', () => {
    fc.assert(
      fc.property(codeArb, fc.integer({ min: 0, max: 17 }), alphabetChar, (code, i, c) => {
        fc.pre(code[i] !== c);
        expect(validateCreditCode(code.slice(0, i) + c + code.slice(i + 1)).ok).toBe(false);
      }),
    );
  });

  it('a swap of two different neighbouring characters is detected', () => {
    fc.assert(
      fc.property(codeArb, fc.integer({ min: 0, max: 16 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(validateCreditCode(swapped).ok).toBe(false);
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => void validateCreditCode(s)));
  });
});
