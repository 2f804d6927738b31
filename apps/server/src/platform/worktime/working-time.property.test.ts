import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledCalendar } from './calendar-data.ts';
import { HOUR_MS, MINUTE_MS } from './shanghai-time.ts';
import { createWorkTime } from './working-time.ts';

const wt = createWorkTime();
const RUNS = { numRuns: 500 };
const DAY = 86_400_000;

// Instants across 2026 and 2027 (2027 has no official schedule bundled: weekends only).
const FROM = Date.parse('2026-01-01T00:00:00+08:00');
const TO = Date.parse('2027-12-31T23:59:59+08:00');
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const officeInstant = instant.map((d) => (wt.isOfficeTime(d) ? d : wt.nextOpening(d)));
/** Up to 15 working days, in minutes, with a fair share of whole days and zero. */
const hours = fc.oneof(
  fc.integer({ min: 0, max: 15 * 450 }).map((m) => m / 60),
  fc.integer({ min: 0, max: 15 }).map((d) => d * 7.5),
);
const days = fc.integer({ min: 0, max: 20 });

// An independent, slow reference: walk the days, intersect [a, b) with each period of office time.
const OFFICE_PERIODS = [
  [8.5 * HOUR_MS, 12 * HOUR_MS],
  [13.5 * HOUR_MS, 17.5 * HOUR_MS],
] as const;
const OFF = new Set(Object.values(bundledCalendar).flatMap((y) => y.holidays));
const ON = new Set(Object.values(bundledCalendar).flatMap((y) => y.workdays));

function referenceIsWorkday(dayStart: number, calendar: boolean): boolean {
  const local = new Date(dayStart + 8 * HOUR_MS);
  const text = local.toISOString().slice(0, 10);
  const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
  if (!calendar) return !weekend;
  return ON.has(text) || (!OFF.has(text) && !weekend);
}

function referenceWorkingMs(a: number, b: number, calendar = true): number {
  let total = 0;
  const firstMidnight = Math.floor((a + 8 * HOUR_MS) / DAY) * DAY - 8 * HOUR_MS;
  for (let midnight = firstMidnight; midnight < b; midnight += DAY) {
    if (!referenceIsWorkday(midnight, calendar)) continue;
    for (const [s, e] of OFFICE_PERIODS) {
      total += Math.max(0, Math.min(b, midnight + e) - Math.max(a, midnight + s));
    }
  }
  return total;
}

function shanghaiDay(d: Date): string {
  return new Date(d.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10);
}

describe('working time (properties, 2026–2027)', () => {
  it('workingMsBetween agrees with a day-by-day reference', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(wt.workingMsBetween(a, b)).toBe(referenceWorkingMs(a.getTime(), b.getTime()));
      }),
      RUNS,
    );
  });

  it('workingMsBetween is additive', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 3, maxLength: 3 }), (list) => {
        const [a, b, c] = list.sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        expect(wt.workingMsBetween(a, c)).toBe(wt.workingMsBetween(a, b) + wt.workingMsBetween(b, c));
      }),
      RUNS,
    );
  });

  it('workingMsBetween(from, addWorkingHours(from, h)) is h hours (office-time starts, and any start)', () => {
    fc.assert(
      fc.property(fc.oneof(officeInstant, instant), hours, (from, h) => {
        const due = wt.addWorkingHours(from, h);
        expect(wt.workingMsBetween(from, due)).toBe(Math.round(h * HOUR_MS));
      }),
      RUNS,
    );
  });

  it('addWorkingHours is the earliest such moment, inside office hours on a working day, never on a holiday', () => {
    fc.assert(
      fc.property(instant, hours, (from, h) => {
        fc.pre(h > 0);
        const due = wt.addWorkingHours(from, h);
        // The last millisecond counted was office time: the deadline is at most a closing time.
        expect(wt.isOfficeTime(new Date(due.getTime() - 1))).toBe(true);
        expect(shanghaiDay(new Date(due.getTime() - 1))).toBe(shanghaiDay(due));
        expect(wt.isWorkday(shanghaiDay(due))).toBe(true);
        expect(OFF.has(shanghaiDay(due))).toBe(false);
        expect(wt.workingMsBetween(from, new Date(due.getTime() - 1))).toBe(Math.round(h * HOUR_MS) - 1);
      }),
      RUNS,
    );
  });

  it('addWorkingHours is monotonic in the start and in the amount', () => {
    fc.assert(
      fc.property(instant, instant, hours, hours, (a, b, h1, h2) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [small, large] = h1 <= h2 ? [h1, h2] : [h2, h1];
        expect(wt.addWorkingHours(early, small).getTime()).toBeLessThanOrEqual(
          wt.addWorkingHours(late, small).getTime(),
        );
        expect(wt.addWorkingHours(early, small).getTime()).toBeLessThanOrEqual(
          wt.addWorkingHours(early, large).getTime(),
        );
      }),
      RUNS,
    );
  });

  it('addWorkingDays(from, a + b) = addWorkingDays(addWorkingDays(from, a), b)', () => {
    fc.assert(
      fc.property(officeInstant, days, days, (from, a, b) => {
        const once = wt.addWorkingDays(from, a + b);
        const twice = wt.addWorkingDays(wt.addWorkingDays(from, a), b);
        expect(twice.getTime()).toBe(once.getTime());
      }),
      RUNS,
    );
  });

  it('addWorkingDays from inside office time keeps the clock time on the n-th next working day', () => {
    // Strictly inside: from an opening (08:30, 13:30) the earliest moment is the previous closing instead.
    const inside = instant.filter((d) => wt.isOfficeTime(d) && wt.isOfficeTime(new Date(d.getTime() - 1)));
    fc.assert(
      fc.property(inside, fc.integer({ min: 1, max: 20 }), (from, n) => {
        const due = wt.addWorkingDays(from, n);
        expect((due.getTime() - from.getTime()) % DAY).toBe(0);
        let count = 0;
        for (let d = from.getTime() + DAY; d <= due.getTime(); d += DAY) {
          if (wt.isWorkday(shanghaiDay(new Date(d)))) count++;
        }
        expect(count).toBe(n);
      }),
      RUNS,
    );
  });

  it('dueState is ok at the start of a long limit, amber at its end and overdue just after', () => {
    fc.assert(
      fc.property(officeInstant, fc.integer({ min: 1, max: 15 }), (start, n) => {
        const due = wt.addWorkingDays(start, n);
        expect(wt.dueState(start, start, due)).toBe('ok');
        expect(wt.dueState(due, start, due)).toBe('due_soon');
        expect(wt.dueState(new Date(due.getTime() + MINUTE_MS), start, due)).toBe('overdue');
      }),
      RUNS,
    );
  });

  it('counts weekends only in years without an official schedule', () => {
    const weekendsOnly = createWorkTime({ data: {} });
    expect(weekendsOnly.coveredYears).toEqual([]);
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(weekendsOnly.workingMsBetween(a, b)).toBe(referenceWorkingMs(a.getTime(), b.getTime(), false));
        const day = shanghaiDay(a);
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
        const plainWeekday = weekday !== 0 && weekday !== 6;
        expect(weekendsOnly.isWorkday(day)).toBe(plainWeekday);
        if (day.startsWith('2027-')) expect(wt.isWorkday(day)).toBe(plainWeekday);
      }),
      RUNS,
    );
  });
});
