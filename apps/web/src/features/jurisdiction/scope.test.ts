import { describe, expect, it } from 'vitest';
import type { RoleAssignment } from '@linli/contracts';
import { decodeScope, encodeScope, isSelfOrDescendant, pathIds, pickScope, scopeOptionsFromRoles } from './scope.ts';

const roles: RoleAssignment[] = [
  { role: 'community_worker', nodeId: 12, nodeName: '幸福社区', nodeLevel: 'community' },
  { role: 'sys_admin', nodeId: null, nodeName: null, nodeLevel: null },
  { role: 'grid_worker', nodeId: 12, nodeName: '幸福社区', nodeLevel: 'community' },
  { role: 'grid_worker', nodeId: 30, nodeName: '第一网格', nodeLevel: 'grid' },
];

describe('scopeOptionsFromRoles', () => {
  it('gives one option per node, 全部辖区 first', () => {
    const options = scopeOptionsFromRoles(roles);
    expect(options.map((o) => o.nodeId)).toEqual([null, 12, 30]);
    expect(options[1]?.roles).toEqual(['community_worker', 'grid_worker']);
  });

  it('gives nothing for a user without roles', () => {
    expect(scopeOptionsFromRoles([])).toEqual([]);
  });
});

describe('pickScope', () => {
  const options = scopeOptionsFromRoles(roles);
  it('keeps a remembered choice that is still valid', () => {
    expect(pickScope(options, 30)).toBe(30);
    expect(pickScope(options, null)).toBeNull();
  });
  it('falls back to the first option', () => {
    expect(pickScope(options, 999)).toBeNull();
    expect(pickScope(options.slice(1), undefined)).toBe(12);
    expect(pickScope([], 5)).toBeNull();
  });
});

describe('scope storage', () => {
  it('round-trips', () => {
    expect(decodeScope(encodeScope(null))).toBeNull();
    expect(decodeScope(encodeScope(42))).toBe(42);
    expect(decodeScope('garbage')).toBeUndefined();
    expect(decodeScope(null)).toBeUndefined();
  });
});

describe('paths', () => {
  it('reads the ids of a materialised path', () => {
    expect(pathIds('/1/7/42/')).toEqual([1, 7, 42]);
    expect(pathIds('')).toEqual([]);
  });
  it('knows a subtree by its path prefix', () => {
    expect(isSelfOrDescendant({ path: '/1/7/42/' }, { path: '/1/7/' })).toBe(true);
    expect(isSelfOrDescendant({ path: '/1/70/' }, { path: '/1/7/' })).toBe(false);
  });
});
