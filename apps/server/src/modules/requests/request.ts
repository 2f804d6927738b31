/** Pure rules of requests: numbers, deadlines, amber and red, and each request's share of the figures. */
import type { Rating, RequestState, TimeLimits, Urgency } from '@linli/contracts';

/** What the rules need of the working-time calendar (platform/worktime provides it). */
export interface WorkClock {
  addWorkingHours(from: Date, hours: number): Date;
  addWorkingDays(from: Date, days: number): Date;
  workingMsBetween(a: Date, b: Date): number;
}

/** SQ + the submission day in China + a six-digit serial: SQ20261121-000123. */
export function requestCode(submittedAt: Date, serial: number): string {
  const day = chinaDay(submittedAt).replaceAll('-', '');
  return `SQ${day}-${String(serial % 1_000_000).padStart(6, '0')}`;
}

/** The calendar day in China (UTC+8, no daylight saving) of an instant, as YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function deadlines(clock: WorkClock, limits: TimeLimits, urgency: Urgency, from: Date) {
  const limit = limits[urgency];
  const respondDueAt = clock.addWorkingHours(from, limit.respondHours);
  const resolveDueAt = clock.addWorkingDays(from, limit.resolveDays);
  return {
    respondDueAt,
    respondAmberAt: amberAt(clock, from, respondDueAt),
    resolveDueAt,
    resolveAmberAt: amberAt(clock, from, resolveDueAt),
  };
}

const handledStates: readonly RequestState[] = ['resolved', 'verified', 'rated', 'closed'];
const uncountedStates: readonly RequestState[] = ['declined', 'merged', 'withdrawn'];
const stillOpen: readonly RequestState[] = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress'];

/** The instant a limit running from `from` to `due` turns amber: four fifths of its working time spent. */
export function amberAt(clock: WorkClock, from: Date, due: Date): Date {
  return clock.addWorkingHours(from, (0.8 * clock.workingMsBetween(from, due)) / 3_600_000);
}

/**
 * Amber and red. The resolution deadline always counts; while a request waits to be signed for, the
 * response deadline too. Amber from the stored amber instant (see amberAt), red from the deadline.
 */
export function dueStateOf(
  r: {
    state: RequestState;
    signedAt: Date | null;
    respondDueAt: Date;
    respondAmberAt: Date;
    resolveDueAt: Date;
    resolveAmberAt: Date;
  },
  now: Date,
): 'ok' | 'due_soon' | 'overdue' | null {
  if (!stillOpen.includes(r.state)) return null;
  const waiting = r.signedAt === null;
  if ((waiting && now >= r.respondDueAt) || now >= r.resolveDueAt) return 'overdue';
  if ((waiting && now >= r.respondAmberAt) || now >= r.resolveAmberAt) return 'due_soon';
  return 'ok';
}

/** The counters one request adds to its row of the figures (docs/modules/requests.md defines each). */
export interface Contribution {
  total: number;
  responded: number;
  responded_on_time: number;
  resolved: number;
  resolved_on_time: number;
  rated: number;
  satisfied: number;
  basically_satisfied: number;
  unsatisfied: number;
  returned: number;
  reopened: number;
  respond_work_ms: number;
  resolve_work_ms: number;
}

export const contributionKeys = [
  'total',
  'responded',
  'responded_on_time',
  'resolved',
  'resolved_on_time',
  'rated',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'returned',
  'reopened',
  'respond_work_ms',
  'resolve_work_ms',
] as const satisfies readonly (keyof Contribution)[];

export interface CountedFacts {
  state: RequestState;
  rating: Rating | null;
  firstSignedAt: Date | null;
  respondDueAt: Date;
  resolvedAt: Date | null;
  resolveDueAt: Date;
  returnCount: number;
  reopenCount: number;
  respondWorkMs: number | null;
  resolveWorkMs: number | null;
}

/** A request's share of the figures; declined, merged and withdrawn requests count nowhere. */
export function contributionOf(r: CountedFacts): Contribution | null {
  if (uncountedStates.includes(r.state)) return null;
  const isHandled = handledStates.includes(r.state) && r.rating !== 'unsatisfied';
  const bit = (b: boolean) => (b ? 1 : 0);
  return {
    total: 1,
    responded: bit(r.firstSignedAt !== null),
    responded_on_time: bit(r.firstSignedAt !== null && r.firstSignedAt <= r.respondDueAt),
    resolved: bit(isHandled),
    resolved_on_time: bit(isHandled && r.resolvedAt !== null && r.resolvedAt <= r.resolveDueAt),
    rated: bit(r.rating !== null),
    satisfied: bit(r.rating === 'satisfied'),
    basically_satisfied: bit(r.rating === 'basically_satisfied'),
    unsatisfied: bit(r.rating === 'unsatisfied'),
    returned: bit(r.returnCount > 0),
    reopened: bit(r.reopenCount > 0),
    respond_work_ms: r.respondWorkMs ?? 0,
    // Only while the request counts as resolved, so that resolve_work_ms ÷ resolved is an average over
    // the same requests (a reopened or unsatisfied one keeps its first-resolution time but is not resolved).
    resolve_work_ms: isHandled ? (r.resolveWorkMs ?? 0) : 0,
  };
}

/** after − before, or null when nothing changes. */
export function contributionDelta(before: Contribution | null, after: Contribution | null): Contribution | null {
  const delta = {} as Contribution;
  let changed = false;
  for (const k of contributionKeys) {
    delta[k] = (after?.[k] ?? 0) - (before?.[k] ?? 0);
    if (delta[k] !== 0) changed = true;
  }
  return changed ? delta : null;
}

/**
 * The area of a place, the unit of the figures: the grid it lies in, or the deepest node above the
 * building level when the place is not under a grid. `levels` are the levels along the path.
 */
export function areaPathOf(path: string, levels: readonly string[]): string {
  const ids = path.split('/').filter(Boolean);
  let keep = ids.length;
  const grid = levels.indexOf('grid');
  if (grid >= 0) keep = grid + 1;
  else {
    const firstBelow = levels.findIndex((l) => l === 'building' || l === 'unit' || l === 'household');
    if (firstBelow >= 0) keep = firstBelow;
  }
  return `/${ids.slice(0, Math.max(1, keep)).join('/')}/`;
}
