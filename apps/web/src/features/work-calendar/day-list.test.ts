import { describe, expect, it } from 'vitest';
import { formatDayList, parseDayList } from './day-list.ts';

describe('day lists typed from a notice', () => {
  it('reads days and ranges in the ways people write them', () => {
    expect(parseDayList('2027-01-01~2027-01-03，2027-2-6\n2027-10-01 至 2027-10-02')).toEqual({
      ok: true,
      days: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-10-01', '2027-10-02'],
    });
    expect(parseDayList('')).toEqual({ ok: true, days: [] });
  });

  it('names the part it cannot read', () => {
    expect(parseDayList('2027-01-01, 一月二日')).toEqual({ ok: false, bad: '一月二日' });
    expect(parseDayList('2027-01-05~2027-01-01')).toEqual({ ok: false, bad: '2027-01-05~2027-01-01' });
  });

  it('folds consecutive days back into ranges, across a month end', () => {
    const days = ['2027-01-31', '2027-02-01', '2027-02-02', '2027-02-06'];
    expect(formatDayList(days)).toBe('2027-01-31~2027-02-02，2027-02-06');
    const round = parseDayList(formatDayList(days));
    expect(round).toEqual({ ok: true, days });
  });
});
