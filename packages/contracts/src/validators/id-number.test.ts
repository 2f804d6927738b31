import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeIdCheckDigit, convertLegacyId15, maskIdNumber, validateIdNumber } from './id-number.ts';

const TODAY = '2026-06-30';
const validate = (id: string) => validateIdNumber(id, { today: TODAY });

const mainlandProvinces = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65,
].map(String);

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const dateArb = (from: string, to: string) =>
  fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

/** A 17-digit body with a real province, a real birth date between 1900 and TODAY, any sequence. */
const bodyArb = fc
  .record({
    province: fc.constantFrom(...mainlandProvinces, '71'),
    county: fc.integer({ min: 0, max: 9999 }),
    birth: dateArb('1900-01-01', TODAY),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(
    ({ province, county, birth, sequence }) => province + pad(county, 4) + birth.replaceAll('-', '') + pad(sequence, 3),
  );

describe('validateIdNumber — resident ID (GB 11643-1999)', () => {
  it('accepts the standard example and reads it', () => {
    expect(validate('11010519491231002X')).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      kind: 'resident',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
  });

  it('accepts a lower-case x and full-width or spaced input, and normalises them', () => {
    for (const input of ['11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２ｘ']) {
      const r = validate(input);
      expect(r.ok && r.normalized).toBe('11010519491231002X');
    }
  });

  it('rejects a wrong check digit and says which one is right', () => {
    const r = validate('340524198001010013');
    expect(r).toMatchObject({ ok: false, reason: 'check_digit' });
    expect(!r.ok && r.message).toContain('应为 X');
  });

  it('reads the gender from the 17th digit', () => {
    const body = '33010619850612001';
    const r = validate(body + computeIdCheckDigit(body));
    expect(r.ok && r.gender).toBe('male');
  });

  it.each([
    ['', 'empty'],
    ['1101051949123100', 'format'],
    ['1101051949123100222', 'format'],
    ['11010519491231002Y', 'format'],
    ['1101051949123X002X', 'format'],
    ['110105491231002', 'legacy_15'],
    ['00010519491231002X', 'region'],
    ['16010519491231002X', 'region'],
    ['91010519491231002X', 'region'],
    ['811234199001010010', 'region'],
    ['110105194902290020', 'birth_date'],
    ['110105198013010010', 'birth_date'],
    ['110105189912310010', 'birth_date_before_1900'],
    ['110105202607010010', 'birth_date_future'],
  ])('rejects %j as %s', (input, reason) => {
    const r = validate(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe(reason);
    expect(!r.ok && r.message.length).toBeGreaterThan(5);
  });

  it('judges "in the future" against today in China by default', () => {
    const body = `110105${new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10).replaceAll('-', '')}001`;
    expect(validateIdNumber(body + computeIdCheckDigit(body))).toMatchObject({
      ok: false,
      reason: 'birth_date_future',
    });
  });

  it('accepts 29 February in a leap year only', () => {
    const leap = '11010520000229002';
    expect(validate(leap + computeIdCheckDigit(leap)).ok).toBe(true);
    const notLeap = '11010519000229002';
    expect(validate(notLeap + computeIdCheckDigit(notLeap))).toMatchObject({ ok: false, reason: 'birth_date' });
  });

  it('tells the 18-digit form of a legacy 15-digit number', () => {
    const r = validate('110105491231002');
    expect(!r.ok && r.message).toContain('11010519491231002X');
  });
});

describe('validateIdNumber — residence permits of Hong Kong, Macau and Taiwan residents', () => {
  it.each([
    ['810000', 'male'],
    ['820000', 'female'],
    ['830000', 'male'],
  ])('accepts a %s permit as its own kind', (region, gender) => {
    const body = `${region}19900101${gender === 'male' ? '001' : '002'}`;
    const r = validate(body + computeIdCheckDigit(body));
    expect(r).toMatchObject({ ok: true, kind: 'hk_mo_tw_permit', regionCode: region, birthDate: '1990-01-01', gender });
  });
});

describe('validateIdNumber — foreign permanent-residence ID', () => {
  it('accepts the 2023 18-digit form starting with 9', () => {
    expect(validate('911398199012310021')).toEqual({
      ok: true,
      normalized: '911398199012310021',
      kind: 'foreign_permanent',
      birthDate: '1990-12-31',
      gender: 'female',
      regionCode: '110000',
      nationality: '398',
    });
    expect(validate('911398199012310022')).toMatchObject({ ok: false, reason: 'check_digit' });
    expect(validate('999398199012310021')).toMatchObject({ ok: false, reason: 'region' });
    expect(validate('911398199002310021')).toMatchObject({ ok: false, reason: 'birth_date' });
  });

  it('accepts the 2017 15-character form with a letter nationality code', () => {
    expect(validate('kaz110090123105')).toEqual({
      ok: true,
      normalized: 'KAZ110090123105',
      kind: 'foreign_permanent',
      birthDate: '1990-12-31',
      gender: 'female',
      regionCode: '110000',
      nationality: 'KAZ',
    });
    expect(validate('KAZ110090123107')).toMatchObject({ ok: false, reason: 'check_digit' });
    expect(validate('KAZ990090123105')).toMatchObject({ ok: false, reason: 'region' });
    expect(validate('KAZ110090023105')).toMatchObject({ ok: false, reason: 'birth_date' });
  });

  it('puts a two-digit year in this century unless that would be in the future', () => {
    // USA, accepted in Shanghai (3101), born 2010-05-06, sequence 1; check digit 7-3-1 as in passports.
    const r = validate('USA310110050618');
    expect(r).toMatchObject({ ok: true, birthDate: '2010-05-06', gender: 'male', nationality: 'USA' });
  });
});

describe('computeIdCheckDigit', () => {
  it('computes the known vectors', () => {
    expect(computeIdCheckDigit('11010519491231002')).toBe('X');
    expect(computeIdCheckDigit('34052419800101001')).toBe('X');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => computeIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => computeIdCheckDigit('1101051949123100X')).toThrow(RangeError);
  });

  it('makes every valid body a valid number', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const r = validate(body + computeIdCheckDigit(body));
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.birthDate.replaceAll('-', '')).toBe(body.slice(6, 14));
          expect(r.gender).toBe(Number(body[16]) % 2 === 1 ? 'male' : 'female');
          expect(r.regionCode).toBe(body.slice(0, 6));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('catches any single changed character', () => {
    const alphabet = '0123456789X';
    fc.assert(
      fc.property(bodyArb, fc.nat(17), fc.nat(9), (body, position, shift) => {
        const id = body + computeIdCheckDigit(body);
        const original = id[position] ?? '';
        const choices = position === 17 ? alphabet : '0123456789';
        const replaced = choices.replace(original, '')[shift % (choices.length - 1)] ?? '';
        const changed = id.slice(0, position) + replaced + id.slice(position + 1);
        expect(changed).not.toBe(id);
        expect(validate(changed).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('convertLegacyId15', () => {
  it('converts the known vector', () => {
    expect(convertLegacyId15('110105491231002')).toBe('11010519491231002X');
  });

  it('returns null for anything but 15 digits', () => {
    expect(convertLegacyId15('11010549123100')).toBeNull();
    expect(convertLegacyId15('11010549123100X')).toBeNull();
  });

  it('keeps the birth date and gender of every legacy number', () => {
    const legacyArb = fc
      .record({
        province: fc.constantFrom(...mainlandProvinces),
        county: fc.integer({ min: 0, max: 9999 }),
        birth: dateArb('1900-01-01', '1999-12-31'),
        sequence: fc.integer({ min: 0, max: 999 }),
      })
      .map(({ province, county, birth, sequence }) => ({
        id15: province + pad(county, 4) + birth.slice(2).replaceAll('-', '') + pad(sequence, 3),
        birth,
        gender: sequence % 2 === 1 ? 'male' : 'female',
      }));
    fc.assert(
      fc.property(legacyArb, ({ id15, birth, gender }) => {
        const id18 = convertLegacyId15(id15);
        expect(id18).toHaveLength(18);
        expect(validate(id18 ?? '')).toMatchObject({ ok: true, birthDate: birth, gender });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('maskIdNumber', () => {
  it('shows the first 6 and the last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('KAZ110090123105')).toBe('KAZ110*****3105');
    expect(maskIdNumber('1234567890')).toBe('**********');
  });

  it('never reveals the birth date', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        const masked = maskIdNumber(body + computeIdCheckDigit(body));
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });
});
