/**
 * China Standard Time as plain arithmetic: UTC+08:00 all year (China has had no daylight saving since
 * 1991), so a calendar day and a time of day follow from epoch milliseconds without the process TZ.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Offset of Asia/Shanghai from UTC. */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** Days since 1970-01-01 of the Shanghai calendar day that contains the instant `ms`. */
export function dayNumberOf(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Milliseconds since Shanghai midnight of the instant `ms`. */
export function timeOfDayMs(ms: number): number {
  return ms + SHANGHAI_OFFSET_MS - dayNumberOf(ms) * DAY_MS;
}

/** The instant of Shanghai midnight that starts day number `day`. */
export function midnightOf(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** 'YYYY-MM-DD' → day number, or undefined when malformed or not a real date (2026-02-30). */
export function parseDay(text: string): number | undefined {
  const m = DAY_PATTERN.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

/** Day number → 'YYYY-MM-DD'. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Shanghai calendar day of an instant as 'YYYY-MM-DD'. */
export function shanghaiDayOf(at: Date): string {
  return formatDay(dayNumberOf(at.getTime()));
}

/** Calendar year of a day number. */
export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** Day number of 1 January of `year`. */
export function firstDayOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** True for Saturday and Sunday. */
export function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/** 周一 … 周日, for messages. */
export function weekdayName(day: number): string {
  return WEEKDAY_NAMES[weekdayOf(day)] ?? '';
}
