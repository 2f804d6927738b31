/** Which roles a user may hand out: those ranked at or below their own highest role (pure rule). */
import { roleRank, roles, type Role } from '@linli/contracts';

export function grantableRoles(held: readonly Role[]): Role[] {
  const highest = Math.max(-1, ...held.map((r) => roleRank[r]));
  return roles.filter((r) => roleRank[r] <= highest);
}

/** Roles granted without a node (全部辖区); every other role is held on a node. */
export function isGlobalRole(role: Role | undefined): boolean {
  return role === 'sys_admin';
}

function grantKey(g: { role: Role; nodeId: number | null }): string {
  return `${g.role}@${g.nodeId ?? 'all'}`;
}

/** True when both lists grant the same roles on the same nodes, in any order. */
export function sameGrants(
  a: readonly { role: Role; nodeId: number | null }[],
  b: readonly { role: Role; nodeId: number | null }[],
) {
  const left = a.map(grantKey).sort();
  const right = b.map(grantKey).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}
