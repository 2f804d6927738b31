import { describe, expect, it } from 'vitest';
import { grantableRoles, sameGrants } from './grantable-roles.ts';

describe('grantableRoles', () => {
  it('lets a system administrator grant everything', () => {
    expect(grantableRoles(['sys_admin'])).toContain('sys_admin');
    expect(grantableRoles(['sys_admin'])).toHaveLength(10);
  });

  it('limits others to roles at or below their highest rank', () => {
    const granted = grantableRoles(['community_director', 'grid_worker']);
    expect(granted).toContain('community_worker');
    expect(granted).toContain('resident');
    expect(granted).not.toContain('street_staff');
    expect(granted).toContain('department_handler'); // rank 40 < 50
  });

  it('gives nothing to a user without roles', () => {
    expect(grantableRoles([])).toEqual([]);
  });
});

describe('sameGrants', () => {
  it('ignores order but not nodes', () => {
    const a = [
      { role: 'grid_worker' as const, nodeId: 3 },
      { role: 'volunteer' as const, nodeId: null },
    ];
    expect(sameGrants(a, [...a].reverse())).toBe(true);
    expect(sameGrants(a, [{ role: 'grid_worker', nodeId: 4 }, a[1]!])).toBe(false);
    expect(sameGrants(a, a.slice(0, 1))).toBe(false);
  });
});
