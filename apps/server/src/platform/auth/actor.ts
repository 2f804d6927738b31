/**
 * Who is calling and where they may act. A user's scope for a permission is the union of the subtrees
 * of the nodes on which they hold a role that grants it; a token's scope is its node's subtree.
 */
import type { Permission, Role } from '@linli/contracts';

export interface RoleHolding {
  role: Role;
  nodeId: number | null;
  /** The node's materialised path; '/' for a global (installation-wide) assignment. */
  path: string;
  nodeName: string | null;
  nodeLevel: string | null;
}

export interface UserActor {
  kind: 'user';
  userId: number;
  username: string;
  displayName: string;
  holdings: RoleHolding[];
  mustChangePassword: boolean;
  sessionHash: string;
  csrfToken: string;
  sessionExpiresAt: Date;
}

export interface TokenActor {
  kind: 'token';
  tokenId: number;
  name: string;
  nodeId: number;
  path: string;
}

/** The operator at the command line (`npx linli user create`): acts everywhere, audited by name. */
export interface SystemActor {
  kind: 'system';
  name: string;
  /** How the audit log names it; default `cli:<name>` (a resident's phone session names itself `resident:138****0000`). */
  auditName?: string;
}

export type Actor = UserActor | TokenActor | SystemActor;

/** A set of subtrees, none inside another; `['/']` is everything. */
export interface Scope {
  paths: string[];
}

export type PermissionMatrix = Record<Permission, readonly Role[]>;

/** Remove paths that lie inside another path of the set. */
export function normalizePaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept.sort();
}

export function scopeOf(actor: Actor, permission: Permission, matrix: PermissionMatrix): Scope {
  if (actor.kind === 'token') return { paths: [actor.path] };
  if (actor.kind === 'system') return { paths: ['/'] };
  const allowed = matrix[permission];
  return { paths: normalizePaths(actor.holdings.filter((h) => allowed.includes(h.role)).map((h) => h.path)) };
}

export function permissionsOf(actor: Actor, matrix: PermissionMatrix): Permission[] {
  if (actor.kind === 'token') return [];
  if (actor.kind === 'system') return Object.keys(matrix) as Permission[];
  return (Object.keys(matrix) as Permission[]).filter((p) => actor.holdings.some((h) => matrix[p].includes(h.role)));
}

export function inScope(scope: Scope, path: string): boolean {
  return scope.paths.some((p) => path.startsWith(p));
}

/**
 * The SQL predicate "column lies in one of the scope's subtrees" as btree ranges on a C-collated path:
 * the subtree of '/1/7/' is [ '/1/7/', '/1/70' ) because '0' is the character after '/'.
 */
export function pathRangePredicate(scope: Scope, column: string, params: unknown[]): string {
  if (scope.paths.length === 0) return 'false';
  if (scope.paths.includes('/')) return 'true';
  const parts = scope.paths.map((p) => {
    params.push(p, p.slice(0, -1) + '0');
    return `(${column} >= $${params.length - 1} AND ${column} < $${params.length})`;
  });
  return `(${parts.join(' OR ')})`;
}

/** "node_id lies in the scope": for tables that reference a node. */
export function nodeInScopePredicate(scope: Scope, nodeIdColumn: string, params: unknown[]): string {
  if (scope.paths.includes('/')) return 'true';
  return `${nodeIdColumn} IN (SELECT s.id FROM jurisdiction_node s WHERE ${pathRangePredicate(scope, 's.path', params)})`;
}
