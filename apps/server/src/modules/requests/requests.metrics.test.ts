import { describe, expect, it } from 'vitest';
import { splitPeriod } from './requests.metrics.repository.ts';
import { emptyCounts, figuresOf, previousPeriodOf } from './requests.metrics.ts';

describe('request figures: pure rules', () => {
  it('a rate with nothing to divide by is null, never 0 or 100%', () => {
    const f = figuresOf(emptyCounts(), 7.5 * 3_600_000);
    expect(f.responseRate).toBeNull();
    expect(f.satisfactionRate).toBeNull();
    expect(f.avgResolveDays).toBeNull();
  });

  it('满意率 counts 基本满意 with full weight; averages in working hours and working days', () => {
    const f = figuresOf(
      {
        ...emptyCounts(),
        total: 10,
        responded: 8,
        responded_on_time: 6,
        resolved: 5,
        resolved_on_time: 4,
        rated: 4,
        satisfied: 2,
        basically_satisfied: 1,
        unsatisfied: 1,
        returned: 1,
        reopened: 2,
        respond_work_ms: 8 * 3_600_000,
        resolve_work_ms: 5 * 15 * 3_600_000,
      },
      7.5 * 3_600_000,
    );
    expect(f).toMatchObject({
      responseRate: 0.8,
      resolutionRate: 0.5,
      satisfactionRate: 0.75,
      onTimeResponseRate: 0.75,
      onTimeResolutionRate: 0.8,
      returnRate: 0.1,
      reopenRate: 0.2,
      avgRespondHours: 1,
      avgResolveDays: 2,
    });
  });

  it('the previous period: the same days of last month for a month to date, else the days just before', () => {
    expect(previousPeriodOf('2026-11-01', '2026-11-22')).toEqual({ from: '2026-10-01', to: '2026-10-22' });
    expect(previousPeriodOf('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriodOf('2026-01-01', '2026-01-31')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousPeriodOf('2026-10-15', '2026-11-14')).toEqual({ from: '2026-09-14', to: '2026-10-14' });
  });

  it('splits a period into whole months (monthly rollup) and the days at either end (daily rollup)', () => {
    expect(splitPeriod('2026-10-01', '2026-10-31')).toEqual({ months: ['2026-10-01', '2026-10-01'], days: [] });
    expect(splitPeriod('2026-01-01', '2026-11-22')).toEqual({
      months: ['2026-01-01', '2026-10-01'],
      days: [['2026-11-01', '2026-11-22']],
    });
    expect(splitPeriod('2026-09-15', '2026-12-31')).toEqual({
      months: ['2026-10-01', '2026-12-01'],
      days: [['2026-09-15', '2026-09-30']],
    });
    expect(splitPeriod('2026-11-01', '2026-11-22')).toEqual({ months: null, days: [['2026-11-01', '2026-11-22']] });
    expect(splitPeriod('2026-02-10', '2026-03-05')).toEqual({ months: null, days: [['2026-02-10', '2026-03-05']] });
    expect(splitPeriod('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02-01', '2024-02-01'], days: [] });
  });
});
