/** Periods of the dashboard: presets in China time, and whether a trend is drawn by day or by month. */
import dayjs, { type Dayjs } from 'dayjs';

export interface Period {
  from: string;
  to: string;
}

const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Today in China (the figures count submission days in China). */
export function chinaToday(now: Date = new Date()): Dayjs {
  return dayjs(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));
}

export function presetPeriods(now: Date = new Date()) {
  const today = chinaToday(now);
  return {
    thisMonth: { from: fmt(today.startOf('month')), to: fmt(today) },
    lastMonth: {
      from: fmt(today.subtract(1, 'month').startOf('month')),
      to: fmt(today.subtract(1, 'month').endOf('month')),
    },
    last30: { from: fmt(today.subtract(29, 'day')), to: fmt(today) },
    thisYear: { from: fmt(today.startOf('year')), to: fmt(today) },
  } satisfies Record<string, Period>;
}

/** Longer than about two months: one point a month, else one a day. */
export function trendGrouping(p: Period): 'day' | 'month' {
  return dayjs(p.to).diff(dayjs(p.from), 'day') > 62 ? 'month' : 'day';
}

/** The month whose hot topics go with a period: the month of its last day. */
export function monthOf(p: Period): string {
  return p.to.slice(0, 7);
}
