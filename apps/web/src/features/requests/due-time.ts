/**
 * The deadline a request is racing now, and how far off it is in words ("剩 3 小时" / "超时 1 天").
 * The distance is calendar time: the limits themselves are computed on the server's working calendar.
 */
import type { RequestListItem } from '@linli/contracts';

export type DeadlineKind = 'respond' | 'resolve';

/** States in which a time limit still runs. */
const running = new Set(['submitted', 'accepted', 'dispatched', 'signed', 'in_progress']);
const beforeSigning = new Set(['submitted', 'accepted', 'dispatched']);

/** The deadline that matters now: signing for until signed, then resolving; none once resolved or ended. */
export function currentDeadline(
  r: Pick<RequestListItem, 'state' | 'respondDueAt' | 'resolveDueAt'>,
): { kind: DeadlineKind; at: string } | null {
  if (!running.has(r.state)) return null;
  if (beforeSigning.has(r.state) && r.respondDueAt) return { kind: 'respond', at: r.respondDueAt };
  return r.resolveDueAt ? { kind: 'resolve', at: r.resolveDueAt } : null;
}

export interface Distance {
  isOver: boolean;
  unit: 'minute' | 'hour' | 'day';
  count: number;
}

/** Distance from now to the deadline, rounded to the unit a person would use (minutes under an hour, hours under two days). */
export function distanceTo(dueIso: string, now: Date): Distance {
  const ms = new Date(dueIso).getTime() - now.getTime();
  const isOver = ms < 0;
  const minutes = Math.abs(ms) / 60_000;
  if (minutes < 60) return { isOver, unit: 'minute', count: Math.max(1, Math.floor(minutes)) };
  const hours = minutes / 60;
  if (hours < 48) return { isOver, unit: 'hour', count: Math.floor(hours) };
  return { isOver, unit: 'day', count: Math.floor(hours / 24) };
}
