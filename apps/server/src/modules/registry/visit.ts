/** Pure rules of home visits: when a visit is due, and how urgent that is. */

/** Days before the due date when a visit shows amber ("即将到期"). */
export const DUE_SOON_DAYS = 3;

export type DueState = 'overdue' | 'due_soon' | 'ok';

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Overdue after the due date; amber from DUE_SOON_DAYS before it. */
export function dueState(dueOn: string, today: string): DueState {
  if (dueOn < today) return 'overdue';
  if (dueOn <= addDays(today, DUE_SOON_DAYS)) return 'due_soon';
  return 'ok';
}

/** A follow-up needs a note saying what is to be done. */
export function checkFollowUp(input: { needsFollowUp: boolean; followUpNote?: string | undefined }) {
  return input.needsFollowUp && !input.followUpNote
    ? [{ path: 'body.followUpNote', message: '需要跟进时请写明跟进事项' }]
    : [];
}
