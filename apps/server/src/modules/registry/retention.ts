/**
 * Retention rules (pure): until which day a record must be kept, and what anonymising a resident
 * clears. No I/O. Dates are calendar days in China ('YYYY-MM-DD').
 */

/** The day n years after (or before, n < 0) a calendar day; 29 February falls back to the 28th. */
export function addYears(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y + n;
  const lastOfMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`;
}

/** The last day a record ended on `endedOn` must be kept, when kept `years` years. */
export function retainedUntil(endedOn: string, years: number): string {
  return addYears(endedOn, years);
}

/**
 * Records that ended strictly before this day have lapsed on `today` (kept through `retainedUntil`,
 * anonymised from the day after).
 */
export function lapseCutoff(today: string, years: number): string {
  return addYears(today, -years);
}

/** Whether a record that ended on `endedOn` is past its retention on `today`. */
export function hasLapsed(endedOn: string, years: number, today: string): boolean {
  return retainedUntil(endedOn, years) < today;
}

/** The name an anonymised resident carries: says what happened, identifies no one. */
export const anonymisedName = (id: number) => `已匿名化居民#${id}`;
export const ANONYMISED_TENANT = '已匿名化租客';
export const ANONYMISED_NOTE = '（已匿名化）';

/**
 * Keys of `resident_event.changes` that hold personal data; their values are cleared on
 * anonymisation. Statistics fields (gender, registration type, relation, address nodes, status, care
 * tags, dates) stay, so that past periods' counts and ledgers stay right.
 */
export const PERSONAL_EVENT_FIELDS = [
  'name',
  'birthDate',
  'idNumber',
  'idKind',
  'phone',
  'origin',
  'arrivalReason',
  'expectedStay',
  'politicalStatus',
  'notes',
  'health',
  'disabilityKind',
  'disabilityGrade',
  'religion',
] as const;

/** Keys of `house_event.changes` about a rental's tenant. */
export const PERSONAL_RENTAL_EVENT_FIELDS = ['tenant', 'tenantName', 'tenantIdNumber', 'tenantPhone'] as const;
