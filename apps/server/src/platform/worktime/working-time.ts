/**
 * Working-time arithmetic on the official calendar: time limits counted in office time (工作时间)
 * on working days (工作日), holidays skipped and make-up days (调休上班) worked, in Shanghai time
 * whatever the process TZ. Pure and fast: one table of days per year, built on first use; no loop
 * over minutes or hours. Semantics and worked examples: docs/modules/worktime.md.
 */
import { bundledCalendar } from './calendar-data.ts';
import { calendarYears, validateCalendarData, type CalendarData, type CalendarYear } from './calendar.ts';
import { compileOfficeHours, defaultOfficeHours, type OfficeHours, type OfficePeriods } from './office-hours.ts';
import {
  HOUR_MS,
  dayNumberOf,
  firstDayOfYear,
  isWeekend,
  midnightOf,
  parseDay,
  timeOfDayMs,
  yearOfDay,
} from './shanghai-time.ts';

export type DueState = 'ok' | 'due_soon' | 'overdue';

/** When a running time limit turns amber. */
export interface DueSoonThreshold {
  /** Amber when less than this share of the limit's working time is left (default 1/5). */
  fraction: number;
  /** …or when less than this much working time is left, ms (default 2 working hours); the larger applies. */
  minimumMs: number;
}

export const defaultDueSoonThreshold: DueSoonThreshold = { fraction: 0.2, minimumMs: 2 * HOUR_MS };

export interface WorkTimeOptions {
  /** The calendar (default: `bundledCalendar`); merge an administrator's override first. */
  data?: CalendarData;
  /** Office hours (default: `defaultOfficeHours`, 08:30–12:00 and 13:30–17:30). */
  officeHours?: OfficeHours;
}

/** Working-time calculator bound to one calendar and one set of office hours. */
export interface WorkTime {
  /** Years whose official schedule is known, ascending; other years count weekends only. */
  readonly coveredYears: readonly number[];
  /** Office time of one working day, ms (7.5 h with the default hours). */
  readonly officeMsPerDay: number;
  /** True when the official schedule of `year` is in the calendar. */
  isYearCovered(year: number): boolean;
  /** Years from `from` to `to` (inclusive, Shanghai time) that are not covered: warn when non-empty. */
  uncoveredYearsBetween(from: Date, to: Date): number[];
  /** True when `day` ('YYYY-MM-DD') is a working day: Monday–Friday not off, or a make-up day. */
  isWorkday(day: string): boolean;
  /** True when the office is open at `at` (on a working day, inside office hours, not in a break). */
  isOfficeTime(at: Date): boolean;
  /** `from` itself when the office is open then, else the next moment it opens. */
  nextOpening(from: Date): Date;
  /** Opening time of the first working day that opens at or after `from`. */
  nextWorkdayStart(from: Date): Date;
  /** The earliest moment by which `hours` of office time have elapsed since `from`. */
  addWorkingHours(from: Date, hours: number): Date;
  /** `addWorkingHours` with `days` × `officeMsPerDay`: the same clock time `days` working days later. */
  addWorkingDays(from: Date, days: number): Date;
  /** Office time elapsed from `a` to `b`, ms; 0 when `b` is not after `a`. */
  workingMsBetween(a: Date, b: Date): number;
  /** Traffic light of a running time limit: overdue after `dueAt`, amber when little working time is left. */
  dueState(now: Date, startedAt: Date, dueAt: Date, threshold?: Partial<DueSoonThreshold>): DueState;
}

interface YearTable {
  /** Day number of 1 January. */
  first: number;
  /** 1 for a working day, by day of year. */
  work: Uint8Array;
  /** Working days before each day of year; length days + 1, last entry is the year's total. */
  before: Int32Array;
}

/** Builds a working-time calculator; throws (Chinese messages) when the calendar or hours are invalid. */
export function createWorkTime(options: WorkTimeOptions = {}): WorkTime {
  const checked = validateCalendarData(options.data ?? bundledCalendar);
  if (!checked.ok) throw new RangeError(`节假日数据有误：${checked.errors.join('；')}`);
  const data = checked.data;
  const office = compileOfficeHours(options.officeHours ?? defaultOfficeHours);
  const coveredYears = calendarYears(data);
  const covered = new Set(coveredYears);
  const tables = new Map<number, YearTable>();

  function tableOf(year: number): YearTable {
    let t = tables.get(year);
    if (!t) {
      t = buildYearTable(year, data[String(year)]);
      tables.set(year, t);
    }
    return t;
  }

  function isWorkdayNumber(day: number): boolean {
    const t = tableOf(yearOfDay(day));
    return t.work[day - t.first] === 1;
  }

  /** Working days in [from, to). */
  function workdaysBetween(from: number, to: number): number {
    let count = 0;
    let d = from;
    while (d < to) {
      const t = tableOf(yearOfDay(d));
      const end = Math.min(to, t.first + t.work.length);
      count += at(t.before, end - t.first) - at(t.before, d - t.first);
      d = end;
    }
    return count;
  }

  /** The k-th working day (k ≥ 1) counting from `from` itself. */
  function nthWorkdayFrom(from: number, k: number): number {
    let d = from;
    let left = k;
    for (;;) {
      const t = tableOf(yearOfDay(d));
      const i0 = d - t.first;
      const base = at(t.before, i0);
      const available = at(t.before, t.work.length) - base;
      if (left <= available) {
        // Smallest i with before[i + 1] - base >= left.
        let lo = i0;
        let hi = t.work.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (at(t.before, mid + 1) - base >= left) hi = mid;
          else lo = mid + 1;
        }
        return t.first + lo;
      }
      left -= available;
      d = t.first + t.work.length;
    }
  }

  function addWorkingMs(fromMs: number, ms: number): number {
    if (ms === 0) return fromMs;
    let day = dayNumberOf(fromMs);
    let left = ms;
    if (isWorkdayNumber(day)) {
      const done = officeMsBefore(office, timeOfDayMs(fromMs));
      if (left <= office.dayMs - done) return midnightOf(day) + clockAt(office, done + left);
      left -= office.dayMs - done;
    }
    day += 1;
    const fullDays = Math.ceil(left / office.dayMs);
    const target = nthWorkdayFrom(day, fullDays);
    return midnightOf(target) + clockAt(office, left - (fullDays - 1) * office.dayMs);
  }

  function workingMsBetween(aMs: number, bMs: number): number {
    if (bMs <= aMs) return 0;
    const da = dayNumberOf(aMs);
    const db = dayNumberOf(bMs);
    const intoA = isWorkdayNumber(da) ? officeMsBefore(office, timeOfDayMs(aMs)) : 0;
    const intoB = isWorkdayNumber(db) ? officeMsBefore(office, timeOfDayMs(bMs)) : 0;
    if (da === db) return intoB - intoA;
    const startDay = isWorkdayNumber(da) ? office.dayMs - intoA : 0;
    return startDay + workdaysBetween(da + 1, db) * office.dayMs + intoB;
  }

  const firstOpen = office.starts[office.ends.findIndex((end, i) => end > at(office.starts, i))] ?? 0;

  function openingOfNextWorkday(day: number): number {
    return midnightOf(nthWorkdayFrom(day, 1)) + firstOpen;
  }

  return {
    coveredYears,
    officeMsPerDay: office.dayMs,
    isYearCovered: (year) => covered.has(year),
    uncoveredYearsBetween(from, to) {
      const a = yearOfDay(dayNumberOf(checkDate(from)));
      const b = yearOfDay(dayNumberOf(checkDate(to)));
      const years: number[] = [];
      for (let y = Math.min(a, b); y <= Math.max(a, b); y++) if (!covered.has(y)) years.push(y);
      return years;
    },
    isWorkday(day) {
      const n = parseDay(day);
      if (n === undefined) throw new RangeError(`日期“${day}”格式不对，应为 YYYY-MM-DD`);
      return isWorkdayNumber(n);
    },
    isOfficeTime(when) {
      const ms = checkDate(when);
      if (!isWorkdayNumber(dayNumberOf(ms))) return false;
      const tod = timeOfDayMs(ms);
      return office.starts.some((s, i) => tod >= s && tod < at(office.ends, i));
    },
    nextOpening(from) {
      const ms = checkDate(from);
      const day = dayNumberOf(ms);
      if (isWorkdayNumber(day)) {
        const tod = timeOfDayMs(ms);
        const i = office.ends.findIndex((end, j) => tod < end && at(office.starts, j) < end);
        if (i >= 0) return new Date(midnightOf(day) + Math.max(tod, at(office.starts, i)));
      }
      return new Date(openingOfNextWorkday(day + 1));
    },
    nextWorkdayStart(from) {
      const ms = checkDate(from);
      const day = dayNumberOf(ms);
      if (isWorkdayNumber(day) && timeOfDayMs(ms) <= firstOpen) return new Date(midnightOf(day) + firstOpen);
      return new Date(openingOfNextWorkday(day + 1));
    },
    addWorkingHours(from, hours) {
      return new Date(addWorkingMs(checkDate(from), durationMs(hours, HOUR_MS, '工作小时数')));
    },
    addWorkingDays(from, days) {
      return new Date(addWorkingMs(checkDate(from), durationMs(days, office.dayMs, '工作日数')));
    },
    workingMsBetween(a, b) {
      return workingMsBetween(checkDate(a), checkDate(b));
    },
    dueState(now, startedAt, dueAt, threshold) {
      const { fraction, minimumMs } = { ...defaultDueSoonThreshold, ...threshold };
      const nowMs = checkDate(now);
      const dueMs = checkDate(dueAt);
      if (nowMs > dueMs) return 'overdue';
      const total = workingMsBetween(checkDate(startedAt), dueMs);
      const left = workingMsBetween(nowMs, dueMs);
      return left < Math.max(total * fraction, minimumMs) ? 'due_soon' : 'ok';
    },
  };
}

function buildYearTable(year: number, official: CalendarYear | undefined): YearTable {
  const first = firstDayOfYear(year);
  const length = firstDayOfYear(year + 1) - first;
  const off = new Set((official?.holidays ?? []).map((d) => parseDay(d)));
  const on = new Set((official?.workdays ?? []).map((d) => parseDay(d)));
  const work = new Uint8Array(length);
  const before = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) {
    const day = first + i;
    const isWork = on.has(day) || (!off.has(day) && !isWeekend(day));
    work[i] = isWork ? 1 : 0;
    before[i + 1] = at(before, i) + (isWork ? 1 : 0);
  }
  return { first, work, before };
}

/** Office time elapsed on a working day by clock time `tod` (ms since midnight). */
function officeMsBefore(office: OfficePeriods, tod: number): number {
  let done = 0;
  for (let i = 0; i < office.starts.length; i++) {
    const s = at(office.starts, i);
    const e = at(office.ends, i);
    if (tod <= s) break;
    done += Math.min(tod, e) - s;
  }
  return done;
}

/** Clock time (ms since midnight) by which `x` of office time has elapsed, 0 < x ≤ dayMs: the earliest. */
function clockAt(office: OfficePeriods, x: number): number {
  for (let i = 0; i < office.starts.length; i++) {
    const before = at(office.before, i);
    const length = at(office.ends, i) - at(office.starts, i);
    if (x <= before + length && length > 0) return at(office.starts, i) + (x - before);
  }
  return at(office.ends, office.ends.length - 1);
}

function durationMs(amount: number, unitMs: number, label: string): number {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`${label}应为不小于 0 的数，收到 ${amount}`);
  return Math.round(amount * unitMs);
}

function checkDate(d: Date): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError('无效的时间');
  return ms;
}

/** Indexed read of an array known to be long enough (noUncheckedIndexedAccess). */
function at(list: ArrayLike<number>, i: number): number {
  const v = list[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range`);
  return v;
}
