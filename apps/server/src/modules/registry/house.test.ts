import { describe, expect, it } from 'vitest';
import { compareRoomNames, decideCreditCode, isRentalMissing, isRentalOverdue } from './house.ts';

describe('housing rules', () => {
  it('warns about a house marked rented without an active rental', () => {
    expect(isRentalMissing('rented', 0)).toBe(true);
    expect(isRentalMissing('rented', 1)).toBe(false);
    expect(isRentalMissing('vacant', 0)).toBe(false);
  });

  it('an active rental past its period is overdue; an ended one never', () => {
    expect(isRentalOverdue({ status: 'active', endDate: '2026-01-31' }, '2026-02-01')).toBe(true);
    expect(isRentalOverdue({ status: 'active', endDate: '2026-02-01' }, '2026-02-01')).toBe(false);
    expect(isRentalOverdue({ status: 'active', endDate: null }, '2026-02-01')).toBe(false);
    expect(isRentalOverdue({ status: 'ended', endDate: '2026-01-31' }, '2026-02-01')).toBe(false);
  });

  it('orders rooms naturally', () => {
    expect(['1单元1001室', '1单元101室', '2单元101室', '1单元201室'].sort(compareRoomNames)).toEqual([
      '1单元101室',
      '1单元201室',
      '1单元1001室',
      '2单元101室',
    ]);
  });
});

describe('decideCreditCode', () => {
  it('keeps no code, and upper-cases a valid one (an override of a valid code is ignored)', () => {
    expect(decideCreditCode(undefined, undefined)).toEqual({ ok: true, code: null, override: null });
    expect(decideCreditCode('91350100m000100y43', { reason: '以执照为准' })).toEqual({
      ok: true,
      code: '91350100M000100Y43',
      override: null,
    });
  });

  it('refuses a failing code with the expected check character, unless overridden with a reason', () => {
    expect(decideCreditCode('911101087263797845', undefined)).toMatchObject({
      ok: false,
      overridable: true,
      position: 18,
      expectedCheck: 'B',
    });
    expect(decideCreditCode('911101087263797845', { reason: '以营业执照原件为准' })).toEqual({
      ok: true,
      code: '911101087263797845',
      override: { reason: '以营业执照原件为准', problem: expect.stringContaining('应为“B”') as string },
    });
  });

  it('never overrides a wrong length or a letter the code does not use', () => {
    expect(decideCreditCode('9135010', { reason: '以执照为准' })).toMatchObject({ ok: false, overridable: false });
    expect(decideCreditCode('91350100M000100YO3', { reason: '以执照为准' })).toMatchObject({
      ok: false,
      overridable: false,
      position: 17,
    });
  });
});
