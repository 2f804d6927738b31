import { describe, expect, it } from 'vitest';
import { chinaToday, monthOf, presetPeriods, trendGrouping } from './period.ts';

describe('dashboard periods', () => {
  it('presets count days in China, whatever the browser’s time zone', () => {
    // 2026-11-30 20:00 UTC is already 1 December in China.
    const now = new Date('2026-11-30T20:00:00Z');
    expect(chinaToday(now).format('YYYY-MM-DD')).toBe('2026-12-01');
    const p = presetPeriods(now);
    expect(p.thisMonth).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(p.lastMonth).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(p.last30).toEqual({ from: '2026-11-02', to: '2026-12-01' });
    expect(p.thisYear).toEqual({ from: '2026-01-01', to: '2026-12-01' });
  });

  it('draws a trend by day up to about two months, by month beyond', () => {
    expect(trendGrouping({ from: '2026-11-01', to: '2026-11-30' })).toBe('day');
    expect(trendGrouping({ from: '2026-01-01', to: '2026-11-30' })).toBe('month');
    expect(monthOf({ from: '2026-10-15', to: '2026-11-14' })).toBe('2026-11');
  });
});
