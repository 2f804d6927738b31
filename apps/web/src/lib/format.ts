/** Date formatting the Chinese way (YYYY-MM-DD HH:mm) in China Standard Time, whatever the browser's zone. */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const displayTimeZone = 'Asia/Shanghai';

/** `2024-05-01 09:30` for an ISO timestamp; '—' when there is none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.tz(displayTimeZone).format('YYYY-MM-DD HH:mm') : '—';
}

/**
 * Reads the wall-clock time a user picked (in whatever zone the picker used) as China Standard Time
 * and returns ISO 8601 with offset, e.g. `2024-05-01T00:00:00+08:00`, as the API's `from`/`to` expect.
 */
export function toShanghaiIso(picked: Dayjs): string {
  return dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), displayTimeZone).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** True when the timestamp lies in the future (e.g. a lock that still holds). */
export function isFuture(iso: string | null | undefined, now: Date = new Date()): boolean {
  if (!iso) return false;
  return dayjs(iso).isAfter(now);
}
