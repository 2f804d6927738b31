import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { auditQueryFromFilters } from './audit-query.ts';

describe('auditQueryFromFilters', () => {
  it('trims text, drops empties, and writes the range with +08:00', () => {
    expect(
      auditQueryFromFilters(
        {
          action: ' node.create ',
          actor: '',
          entityType: undefined,
          outcome: 'denied',
          range: [dayjs('2024-05-01T08:00:00'), dayjs('2024-05-02T18:30:00')],
        },
        2,
        50,
      ),
    ).toEqual({
      action: 'node.create',
      actor: undefined,
      entityType: undefined,
      entityId: undefined,
      outcome: 'denied',
      from: '2024-05-01T08:00:00+08:00',
      to: '2024-05-02T18:30:00+08:00',
      page: 2,
      pageSize: 50,
    });
  });

  it('allows an open-ended range', () => {
    const q = auditQueryFromFilters({ range: [null, dayjs('2024-05-02T00:00:00')] }, 1, 20);
    expect(q.from).toBeUndefined();
    expect(q.to).toBe('2024-05-02T00:00:00+08:00');
  });
});
