import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledCalendar } from './calendar-data.ts';
import { mergeCalendarData } from './calendar.ts';
import { HOUR_MS, MINUTE_MS } from './shanghai-time.ts';
import { createWorkTime } from './working-time.ts';

const wt = createWorkTime();

/** '2026-02-13 15:00' in Shanghai time. */
function at(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+08:00`);
}

/** A Date as 'YYYY-MM-DD HH:MM' in Shanghai time. */
function show(d: Date): string {
  return new Date(d.getTime() + 8 * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ');
}

const plusDays = (from: string, days: number) => show(wt.addWorkingDays(at(from), days));
const plusHours = (from: string, hours: number) => show(wt.addWorkingHours(at(from), hours));

describe('isWorkday around every 2026 holiday and make-up day', () => {
  it.each([
    // 元旦
    ['2025-12-31', true],
    ['2026-01-01', false],
    ['2026-01-02', false],
    ['2026-01-03', false],
    ['2026-01-04', true], // Sunday, make-up day
    ['2026-01-05', true],
    ['2026-01-10', false], // ordinary Saturday
    // 春节
    ['2026-02-13', true],
    ['2026-02-14', true], // Saturday, make-up day
    ['2026-02-15', false],
    ['2026-02-19', false], // a Thursday inside the holiday
    ['2026-02-23', false],
    ['2026-02-24', true],
    ['2026-02-28', true], // Saturday, make-up day
    ['2026-03-01', false],
    // 清明节
    ['2026-04-03', true],
    ['2026-04-04', false],
    ['2026-04-06', false],
    ['2026-04-07', true],
    // 劳动节
    ['2026-04-30', true],
    ['2026-05-01', false],
    ['2026-05-05', false],
    ['2026-05-06', true],
    ['2026-05-09', true], // Saturday, make-up day
    ['2026-05-10', false],
    // 端午节
    ['2026-06-18', true],
    ['2026-06-19', false],
    ['2026-06-21', false],
    ['2026-06-22', true],
    // 中秋节 and the first National Day make-up day
    ['2026-09-19', false],
    ['2026-09-20', true], // Sunday, make-up day
    ['2026-09-25', false],
    ['2026-09-27', false],
    ['2026-09-28', true],
    // 国庆节
    ['2026-09-30', true],
    ['2026-10-01', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday, make-up day
    ['2026-10-11', false],
  ])('%s → %s', (day, expected) => {
    expect(wt.isWorkday(day)).toBe(expected);
  });
});

describe('deadlines around every 2026 holiday and make-up day (08:30–12:00, 13:30–17:30)', () => {
  it.each([
    // 元旦: 1.5 h left on 31 December, then the make-up Sunday
    ['2025-12-31 16:00', 'h', 2, '2026-01-04 09:00'],
    ['2025-12-31 10:00', 'd', 1, '2026-01-04 10:00'],
    ['2026-01-02 11:00', 'h', 1, '2026-01-04 09:30'],
    // 春节: Friday afternoon + 1 working day lands on the make-up Saturday
    ['2026-02-13 15:00', 'd', 1, '2026-02-14 15:00'],
    ['2026-02-13 17:00', 'h', 1, '2026-02-14 09:00'],
    ['2026-02-14 15:00', 'd', 1, '2026-02-24 15:00'],
    ['2026-02-14 17:30', 'h', 1, '2026-02-24 09:30'],
    ['2026-02-27 10:00', 'd', 1, '2026-02-28 10:00'],
    ['2026-02-28 10:00', 'd', 1, '2026-03-02 10:00'],
    // 清明节
    ['2026-04-03 10:00', 'd', 1, '2026-04-07 10:00'],
    // 劳动节
    ['2026-04-30 10:00', 'd', 1, '2026-05-06 10:00'],
    ['2026-05-08 16:00', 'h', 3, '2026-05-09 10:00'],
    ['2026-05-09 10:00', 'd', 1, '2026-05-11 10:00'],
    // 端午节
    ['2026-06-18 14:00', 'd', 1, '2026-06-22 14:00'],
    // 中秋节, with the make-up Sunday before it
    ['2026-09-18 10:00', 'd', 1, '2026-09-20 10:00'],
    ['2026-09-24 10:00', 'd', 1, '2026-09-28 10:00'],
    // 国庆节: 3 working days from 30 September 10:00 end on the make-up Saturday
    ['2026-09-30 10:00', 'd', 3, '2026-10-10 10:00'],
    ['2026-09-30 10:00', 'd', 4, '2026-10-12 10:00'],
    ['2026-09-29 09:00', 'd', 5, '2026-10-12 09:00'],
    ['2026-09-30 17:00', 'h', 1, '2026-10-08 09:00'],
  ] as const)('%s + %s%s → %s', (from, unit, amount, expected) => {
    expect(unit === 'd' ? plusDays(from, amount) : plusHours(from, amount)).toBe(expected);
  });
});

describe('office hours', () => {
  it('counts a start outside office hours from the next opening', () => {
    expect(plusHours('2026-03-02 07:00', 0.5)).toBe('2026-03-02 09:00');
    expect(plusHours('2026-03-02 12:30', 1)).toBe('2026-03-02 14:30'); // lunch break
    expect(plusHours('2026-03-02 11:30', 1)).toBe('2026-03-02 14:00'); // spans the break
    expect(plusHours('2026-03-06 17:30', 0.5)).toBe('2026-03-09 09:00'); // Friday closing → Monday
    expect(plusHours('2026-03-07 10:00', 2)).toBe('2026-03-09 10:30'); // Saturday
  });

  it('ends a limit at the closing time rather than the next opening', () => {
    expect(plusDays('2026-03-02 07:00', 1)).toBe('2026-03-02 17:30');
    expect(plusHours('2026-03-02 08:30', 3.5)).toBe('2026-03-02 12:00');
  });

  it('ends a limit started at an opening at the previous closing (the earliest moment)', () => {
    expect(plusDays('2026-03-02 08:30', 1)).toBe('2026-03-02 17:30');
    expect(plusDays('2026-03-02 13:30', 1)).toBe('2026-03-03 12:00');
    expect(plusDays('2026-03-02 13:31', 1)).toBe('2026-03-03 13:31');
    expect(plusDays('2026-03-02 12:30', 1)).toBe('2026-03-03 12:00');
    expect(plusDays('2026-03-06 18:00', 1)).toBe('2026-03-09 17:30');
    expect(plusDays('2026-03-07 10:00', 1)).toBe('2026-03-09 17:30');
  });

  it('returns the start itself for a zero limit, and accepts fractions', () => {
    expect(plusHours('2026-03-02 10:00', 0)).toBe('2026-03-02 10:00');
    expect(plusHours('2026-03-07 10:00', 0)).toBe('2026-03-07 10:00');
    expect(plusDays('2026-03-02 08:30', 0.5)).toBe('2026-03-02 13:45'); // 3 h 45 min: 3.5 h + 15 min
  });

  it('has 7.5 office hours a day by default', () => {
    expect(wt.officeMsPerDay).toBe(7.5 * HOUR_MS);
  });

  it('uses configured hours', () => {
    const nineToSix = createWorkTime({
      data: bundledCalendar,
      officeHours: { start: '09:00', end: '18:00', breaks: [{ start: '12:00', end: '13:00' }] },
    });
    expect(nineToSix.officeMsPerDay).toBe(8 * HOUR_MS);
    expect(show(nineToSix.addWorkingDays(at('2026-09-30 10:00'), 3))).toBe('2026-10-10 10:00');
    expect(show(nineToSix.addWorkingHours(at('2026-09-30 17:00'), 2))).toBe('2026-10-08 10:00');
    const noBreak = createWorkTime({ officeHours: { start: '08:00', end: '16:00' } });
    expect(show(noBreak.addWorkingHours(at('2026-03-02 11:00'), 2))).toBe('2026-03-02 13:00');
  });

  it('refuses invalid office hours in Chinese', () => {
    expect(() => createWorkTime({ officeHours: { start: '18:00', end: '09:00' } })).toThrow(
      '办公时间设置有误：下班时间 09:00 应晚于上班时间 18:00',
    );
    expect(() => createWorkTime({ officeHours: { start: '9:00', end: '18:00' } })).toThrow(/24 小时制/);
    expect(() =>
      createWorkTime({ officeHours: { start: '09:00', end: '18:00', breaks: [{ start: '08:00', end: '10:00' }] } }),
    ).toThrow('休息时间 08:00–10:00 应在 09:00–18:00 之内');
    expect(() =>
      createWorkTime({
        officeHours: {
          start: '09:00',
          end: '18:00',
          breaks: [
            { start: '12:00', end: '13:00' },
            { start: '12:30', end: '14:00' },
          ],
        },
      }),
    ).toThrow('休息时间 12:30–14:00 与其他休息时间重叠');
  });

  it('tells whether the office is open and when it opens next', () => {
    expect(wt.isOfficeTime(at('2026-02-14 10:00'))).toBe(true);
    expect(wt.isOfficeTime(at('2026-02-14 12:00'))).toBe(false);
    expect(wt.isOfficeTime(at('2026-02-16 10:00'))).toBe(false);
    expect(show(wt.nextOpening(at('2026-02-14 10:00')))).toBe('2026-02-14 10:00');
    expect(show(wt.nextOpening(at('2026-02-14 12:10')))).toBe('2026-02-14 13:30');
    expect(show(wt.nextOpening(at('2026-02-14 17:30')))).toBe('2026-02-24 08:30');
    expect(show(wt.nextWorkdayStart(at('2026-09-30 08:00')))).toBe('2026-09-30 08:30');
    expect(show(wt.nextWorkdayStart(at('2026-09-30 08:31')))).toBe('2026-10-08 08:30');
  });
});

describe('workingMsBetween', () => {
  it('counts office time only', () => {
    expect(wt.workingMsBetween(at('2026-09-30 10:00'), at('2026-10-10 10:00'))).toBe(22.5 * HOUR_MS);
    expect(wt.workingMsBetween(at('2026-03-06 17:00'), at('2026-03-09 09:00'))).toBe(HOUR_MS);
    expect(wt.workingMsBetween(at('2026-02-13 08:30'), at('2026-02-24 17:30'))).toBe(3 * 7.5 * HOUR_MS);
    expect(wt.workingMsBetween(at('2026-03-02 11:00'), at('2026-03-02 14:00'))).toBe(1.5 * HOUR_MS);
    // 2025 and 2026 both have 248 working days: 261 weekdays − 18 (19) weekday holidays + 5 (6) make-up days.
    expect(wt.workingMsBetween(at('2025-01-01 00:00'), at('2026-01-01 00:00'))).toBe(248 * 7.5 * HOUR_MS);
    expect(wt.workingMsBetween(at('2026-01-01 00:00'), at('2027-01-01 00:00'))).toBe(248 * 7.5 * HOUR_MS);
  });

  it('is 0 when b is not after a', () => {
    expect(wt.workingMsBetween(at('2026-03-02 11:00'), at('2026-03-02 11:00'))).toBe(0);
    expect(wt.workingMsBetween(at('2026-03-03 11:00'), at('2026-03-02 11:00'))).toBe(0);
  });
});

describe('dueState', () => {
  // Resolve within 5 working days from Monday 2 March 09:00 → Monday 9 March 09:00 (37.5 h, 1/5 = 7.5 h).
  const started = at('2026-03-02 09:00');
  const due = wt.addWorkingDays(started, 5);

  it('turns amber when less than 1/5 of the limit is left', () => {
    expect(show(due)).toBe('2026-03-09 09:00');
    expect(wt.dueState(at('2026-03-05 10:00'), started, due)).toBe('ok');
    expect(wt.dueState(at('2026-03-06 09:00'), started, due)).toBe('ok'); // exactly 7.5 h left
    expect(wt.dueState(at('2026-03-06 09:01'), started, due)).toBe('due_soon');
    expect(wt.dueState(at('2026-03-07 12:00'), started, due)).toBe('due_soon'); // weekend, 0.5 h left
    expect(wt.dueState(due, started, due)).toBe('due_soon');
    expect(wt.dueState(new Date(due.getTime() + 1), started, due)).toBe('overdue');
  });

  it('turns amber with less than 2 working hours left when that is larger', () => {
    // Sign within 4 working hours: 1/5 is 48 min, so the 2-hour floor applies.
    const s = at('2026-03-02 08:30');
    const d = wt.addWorkingHours(s, 4);
    expect(show(d)).toBe('2026-03-02 14:00');
    expect(wt.dueState(at('2026-03-02 10:30'), s, d)).toBe('ok'); // 2 h left (1.5 + 0.5)
    expect(wt.dueState(at('2026-03-02 10:31'), s, d)).toBe('due_soon');
    expect(wt.dueState(at('2026-03-02 12:45'), s, d)).toBe('due_soon'); // lunch: 0.5 h left
  });

  it('takes a custom threshold', () => {
    const threshold = { fraction: 0.5, minimumMs: 0 };
    expect(wt.dueState(at('2026-03-04 14:15'), started, due, threshold)).toBe('ok'); // 18.75 h left: half
    expect(wt.dueState(at('2026-03-04 14:16'), started, due, threshold)).toBe('due_soon');
    expect(wt.dueState(at('2026-03-02 10:00'), started, due, { minimumMs: 40 * HOUR_MS })).toBe('due_soon');
  });
});

describe('years without an official schedule', () => {
  it('declares its covered years and falls back to weekends', () => {
    expect(wt.coveredYears).toEqual([2025, 2026]);
    expect(wt.isYearCovered(2027)).toBe(false);
    expect(wt.uncoveredYearsBetween(at('2026-12-20 10:00'), at('2027-01-10 10:00'))).toEqual([2027]);
    expect(wt.uncoveredYearsBetween(at('2026-01-20 10:00'), at('2026-02-10 10:00'))).toEqual([]);
    expect(wt.isWorkday('2027-01-01')).toBe(true); // a Friday: unknown holiday, counted as working
    expect(wt.isWorkday('2027-01-02')).toBe(false);
    expect(plusDays('2026-12-31 10:00', 1)).toBe('2027-01-01 10:00');
  });

  it('picks up a year supplied by an administrator', () => {
    const override = { '2027': { holidays: ['2027-01-01'], workdays: [], source: '管理员录入（示例）' } };
    const w = createWorkTime({ data: mergeCalendarData(bundledCalendar, override) });
    expect(w.coveredYears).toEqual([2025, 2026, 2027]);
    expect(w.isWorkday('2027-01-01')).toBe(false);
    expect(show(w.addWorkingDays(at('2026-12-31 10:00'), 1))).toBe('2027-01-04 10:00');
  });

  it('refuses invalid calendar data in Chinese', () => {
    const bad = { '2027': { holidays: ['2027-13-01'], workdays: [], source: 's' } };
    expect(() => createWorkTime({ data: bad })).toThrow('节假日数据有误：2027 年：放假日 2027-13-01 不是存在的日期');
  });
});

describe('input checks', () => {
  it('refuses negative or non-finite amounts, invalid dates and malformed days', () => {
    expect(() => wt.addWorkingHours(at('2026-03-02 10:00'), -1)).toThrow(RangeError);
    expect(() => wt.addWorkingDays(at('2026-03-02 10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => wt.addWorkingHours(new Date(Number.NaN), 1)).toThrow('无效的时间');
    expect(() => wt.isWorkday('2026-2-1')).toThrow('日期“2026-2-1”格式不对');
  });

  it('rounds amounts to the millisecond', () => {
    const from = at('2026-03-02 10:00');
    expect(wt.addWorkingHours(from, 1 / 3).getTime() - from.getTime()).toBe(20 * MINUTE_MS);
  });
});

describe('time zone', () => {
  it('gives the same answers whatever the process TZ', () => {
    const index = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `
      const { createWorkTime } = await import(${JSON.stringify(index)});
      const w = createWorkTime();
      const d = w.addWorkingDays(new Date('2026-09-30T10:00:00+08:00'), 3);
      console.log(d.toISOString(), w.isOfficeTime(new Date('2026-10-10T01:00:00Z')));`;
    for (const tz of ['UTC', 'America/New_York', 'Pacific/Kiritimati']) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      expect(out.trim()).toBe('2026-10-10T02:00:00.000Z true');
    }
  });
});
