import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, checkFollowUp, dueState } from './visit.ts';

describe('visit rules', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-25', 7)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('overdue after the due day, amber within three days, otherwise on time', () => {
    expect(dueState('2026-11-20', '2026-11-21')).toBe('overdue');
    expect(dueState('2026-11-21', '2026-11-21')).toBe('due_soon');
    expect(dueState('2026-11-24', '2026-11-21')).toBe('due_soon');
    expect(dueState('2026-11-25', '2026-11-21')).toBe('ok');
  });

  it('the state only worsens as time passes', () => {
    const rank = { ok: 0, due_soon: 1, overdue: 2 } as const;
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 60 }), (offset, later) => {
        const today = '2026-11-21';
        const due = addDays(today, offset);
        expect(rank[dueState(due, addDays(today, later))]).toBeGreaterThanOrEqual(rank[dueState(due, today)]);
      }),
    );
  });

  it('a follow-up needs a note', () => {
    expect(checkFollowUp({ needsFollowUp: true })).toEqual([
      { path: 'body.followUpNote', message: '需要跟进时请写明跟进事项' },
    ]);
    expect(checkFollowUp({ needsFollowUp: true, followUpNote: '联系民政办理助餐' })).toEqual([]);
    expect(checkFollowUp({ needsFollowUp: false })).toEqual([]);
  });
});
