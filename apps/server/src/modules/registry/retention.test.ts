import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addYears, anonymisedName, hasLapsed, lapseCutoff, retainedUntil } from './retention.ts';

describe('retention rules', () => {
  it('keeps a record through the same day N years later, 29 February falling back to the 28th', () => {
    expect(retainedUntil('2023-06-14', 3)).toBe('2026-06-14');
    expect(retainedUntil('2020-02-29', 3)).toBe('2023-02-28');
    expect(retainedUntil('2020-02-29', 4)).toBe('2024-02-29');
    expect(hasLapsed('2023-06-14', 3, '2026-06-14')).toBe(false);
    expect(hasLapsed('2023-06-14', 3, '2026-06-15')).toBe(true);
    expect(hasLapsed('2020-02-29', 3, '2023-03-01')).toBe(true);
    expect(hasLapsed('2020-02-29', 3, '2023-02-28')).toBe(false);
  });

  it('the cut-off used in SQL (ended < cutoff) agrees with hasLapsed', () => {
    const day = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 30 }), (ended, today, years) => {
        expect(ended < lapseCutoff(today, years)).toBe(hasLapsed(ended, years, today));
      }),
    );
  });

  it('the placeholder name identifies the record, not the person', () => {
    expect(anonymisedName(42)).toBe('已匿名化居民#42');
    expect(addYears('2026-01-31', -1)).toBe('2025-01-31');
  });
});
