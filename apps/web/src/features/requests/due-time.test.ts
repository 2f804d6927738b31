import { describe, expect, it } from 'vitest';
import { currentDeadline, distanceTo } from './due-time.ts';

const now = new Date('2026-03-02T02:00:00Z');
const item = { respondDueAt: '2026-03-02T05:00:00Z', resolveDueAt: '2026-03-05T02:00:00Z' };

describe('currentDeadline', () => {
  it('races the respond limit until signed for, then the resolve limit', () => {
    expect(currentDeadline({ ...item, state: 'dispatched' })).toEqual({ kind: 'respond', at: item.respondDueAt });
    expect(currentDeadline({ ...item, state: 'in_progress' })).toEqual({ kind: 'resolve', at: item.resolveDueAt });
  });
  it('has none once resolved or ended', () => {
    for (const state of ['resolved', 'verified', 'closed', 'declined'] as const)
      expect(currentDeadline({ ...item, state })).toBeNull();
  });
});

describe('distanceTo', () => {
  it('says hours left under two days', () => {
    expect(distanceTo('2026-03-02T05:00:00Z', now)).toEqual({ isOver: false, unit: 'hour', count: 3 });
  });
  it('says days overdue beyond two days, minutes under an hour', () => {
    expect(distanceTo('2026-02-27T01:00:00Z', now)).toEqual({ isOver: true, unit: 'day', count: 3 });
    expect(distanceTo('2026-03-02T02:20:30Z', now)).toEqual({ isOver: false, unit: 'minute', count: 20 });
    expect(distanceTo('2026-03-02T02:00:10Z', now)).toEqual({ isOver: false, unit: 'minute', count: 1 });
  });
});
