import { describe, expect, it } from 'vitest';
import { stateOn, type HistoryStep } from './resident-as-of.ts';

const history: HistoryStep[] = [
  { kind: 'register', occurredOn: '2026-01-10', fromNodeId: null, toNodeId: 1, changes: {} },
  {
    kind: 'update',
    occurredOn: '2026-03-01',
    fromNodeId: null,
    toNodeId: null,
    changes: { phone: { before: null, after: '138****5678' }, tags: { before: [], after: ['living_alone'] } },
  },
  {
    kind: 'change_address',
    occurredOn: '2026-05-01',
    fromNodeId: 1,
    toNodeId: 2,
    changes: { relationToHead: { before: 'head', after: 'tenant' } },
  },
  {
    kind: 'move_out',
    occurredOn: '2026-07-01',
    fromNodeId: 2,
    toNodeId: null,
    changes: { status: { before: 'active', after: 'moved_out' } },
  },
];
const now = {
  nodeId: 2,
  status: 'moved_out',
  fields: { name: '张三', phone: '138****5678', tags: ['living_alone'], relationToHead: 'tenant' },
};

describe('stateOn', () => {
  it('is the record itself on the day of its last change and after', () => {
    expect(stateOn(now, history, '2026-07-01')).toEqual(now);
    expect(stateOn(now, history, '2027-01-01')).toEqual(now);
  });

  it('undoes later changes step by step', () => {
    expect(stateOn(now, history, '2026-06-30')).toEqual({ ...now, status: 'active' });
    expect(stateOn(now, history, '2026-04-30')).toEqual({
      nodeId: 1,
      status: 'active',
      fields: { ...now.fields, relationToHead: 'head' },
    });
    expect(stateOn(now, history, '2026-01-10')).toEqual({
      nodeId: 1,
      status: 'active',
      fields: { name: '张三', phone: null, tags: [], relationToHead: 'head' },
    });
  });

  it('is nothing before the registration', () => {
    expect(stateOn(now, history, '2026-01-09')).toBeNull();
  });
});
