import { describe, expect, it } from 'vitest';
import { defaultTargetOf, type PlaceWithAncestors } from './default-target.ts';

const room: PlaceWithAncestors = {
  id: 9,
  name: '101室',
  level: 'household',
  ancestors: [
    { id: 1, name: '某区', level: 'district' },
    { id: 2, name: '某街道', level: 'street' },
    { id: 3, name: '甲社区', level: 'community' },
    { id: 4, name: '第一网格', level: 'grid' },
    { id: 5, name: '1幢', level: 'building' },
  ],
};
const depts = [{ id: 7, nodeId: 1, name: '城管局', code: 'cg' }];

describe('defaultTargetOf', () => {
  it('sends grid matters to the grid of the place', () => {
    expect(defaultTargetOf({ handlerType: 'grid', departmentId: null }, room, depts)).toEqual({
      target: { nodeId: 4 },
      name: '第一网格',
    });
  });
  it('sends department matters to the department, by name', () => {
    expect(defaultTargetOf({ handlerType: 'department', departmentId: 7 }, room, depts)).toEqual({
      target: { departmentId: 7 },
      name: '城管局',
    });
  });
  it('sends the rest, and grid matters of a place without a grid, to the community', () => {
    expect(defaultTargetOf({ handlerType: 'community', departmentId: null }, room, depts)?.target).toEqual({
      nodeId: 3,
    });
    const noGrid = { ...room, ancestors: room.ancestors.filter((a) => a.level !== 'grid') };
    expect(defaultTargetOf({ handlerType: 'grid', departmentId: null }, noGrid, depts)?.target).toEqual({ nodeId: 3 });
  });
});
