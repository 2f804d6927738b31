import { describe, expect, it } from 'vitest';
import { canGrant } from './users.policy.ts';

describe('canGrant: who may grant which role where', () => {
  const street = [{ role: 'street_staff', path: '/1/2/' }] as const;
  const director = [{ role: 'community_director', path: '/1/2/3/' }] as const;
  const admin = [{ role: 'sys_admin', path: '/' }] as const;
  const grid = [{ role: 'grid_worker', path: '/1/2/3/4/' }] as const;

  it.each([
    [street, 'grid_worker', '/1/2/3/4/', true],
    [street, 'street_staff', '/1/2/', true],
    [street, 'district_staff', '/1/2/', false],
    [street, 'grid_worker', '/1/9/3/', false],
    [director, 'grid_worker', '/1/2/3/4/', true],
    [director, 'community_director', '/1/2/3/', true],
    [director, 'street_staff', '/1/2/3/', false],
    [grid, 'volunteer', '/1/2/3/4/', false],
    [admin, 'sys_admin', null, true],
    [street, 'sys_admin', null, false],
    [admin, 'resident', '/5/', true],
  ] as const)('%j grants %s at %s → %s', (holdings, role, path, expected) => {
    expect(canGrant(holdings, role, path)).toBe(expected);
  });
});
