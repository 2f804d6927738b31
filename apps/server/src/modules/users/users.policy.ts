/** Who may see and manage users; and which roles a manager may grant where. */
import { roleRank, type Permission, type Role } from '@linli/contracts';

export const usersPolicy = {
  'user.read': ['sys_admin', 'district_staff', 'street_staff', 'community_director'],
  'user.manage': ['sys_admin', 'district_staff', 'street_staff', 'community_director'],
} satisfies Partial<Record<Permission, Role[]>>;

export interface Holding {
  role: Role;
  path: string;
}

/**
 * A manager may grant a role on a node when one of their user.manage holdings covers the node and
 * ranks at least as high as the role. Installation-wide grants (node null) need an installation-wide
 * sys_admin holding.
 */
export function canGrant(managerHoldings: readonly Holding[], role: Role, nodePath: string | null): boolean {
  const managing = managerHoldings.filter((h) => (usersPolicy['user.manage'] as readonly Role[]).includes(h.role));
  if (nodePath === null) return role === 'sys_admin' && managing.some((h) => h.role === 'sys_admin' && h.path === '/');
  return managing.some((h) => nodePath.startsWith(h.path) && roleRank[h.role] >= roleRank[role]);
}
