import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permissions } from '@linli/contracts';
import { normalizePaths, pathRangePredicate, scopeOf, type PermissionMatrix, type UserActor } from './actor.ts';

describe('scope', () => {
  it('drops paths inside other paths', () => {
    expect(normalizePaths(['/1/7/', '/1/', '/2/3/', '/2/3/9/'])).toEqual(['/1/', '/2/3/']);
  });

  it('the range [p, p with the final "/" replaced by "0") is exactly the subtree of p (C collation)', () => {
    const seg = fc.integer({ min: 1, max: 200 });
    const path = fc.array(seg, { minLength: 1, maxLength: 5 }).map((ids) => `/${ids.join('/')}/`);
    fc.assert(
      fc.property(path, path, (scopePath, p) => {
        const upper = scopePath.slice(0, -1) + '0';
        const inRange = p >= scopePath && p < upper; // JS compares UTF-16 code units, like the C collation for ASCII
        expect(inRange).toBe(p.startsWith(scopePath));
      }),
    );
  });

  it('builds parameterised SQL; global scope is "true", empty scope "false"', () => {
    const params: unknown[] = [];
    expect(pathRangePredicate({ paths: ['/1/', '/2/5/'] }, 'n.path', params)).toBe(
      '((n.path >= $1 AND n.path < $2) OR (n.path >= $3 AND n.path < $4))',
    );
    expect(params).toEqual(['/1/', '/10', '/2/5/', '/2/50']);
    expect(pathRangePredicate({ paths: ['/'] }, 'n.path', [])).toBe('true');
    expect(pathRangePredicate({ paths: [] }, 'n.path', [])).toBe('false');
  });

  it('a user scope for a permission is the union of the holdings that grant it', () => {
    const actor: UserActor = {
      kind: 'user',
      userId: 1,
      username: 'u',
      displayName: 'U',
      mustChangePassword: false,
      sessionHash: '',
      csrfToken: '',
      sessionExpiresAt: new Date(),
      holdings: [
        { role: 'grid_worker', nodeId: 5, path: '/1/2/5/', nodeName: null, nodeLevel: null },
        { role: 'community_director', nodeId: 3, path: '/1/3/', nodeName: null, nodeLevel: null },
      ],
    };
    const matrix: PermissionMatrix = {
      ...(Object.fromEntries(permissions.map((p) => [p, []])) as unknown as PermissionMatrix),
      'jurisdiction.read': ['grid_worker', 'community_director'],
      'jurisdiction.manage': ['community_director'],
    };
    expect(scopeOf(actor, 'jurisdiction.read', matrix).paths).toEqual(['/1/2/5/', '/1/3/']);
    expect(scopeOf(actor, 'jurisdiction.manage', matrix).paths).toEqual(['/1/3/']);
    expect(scopeOf(actor, 'audit.read', matrix).paths).toEqual([]);
  });
});
