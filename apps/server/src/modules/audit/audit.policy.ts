/** Who may read the audit log: entries of their subtrees; entries tied to no node only installation-wide. */
import type { Permission, Role } from '@linli/contracts';

export const auditPolicy = {
  'audit.read': ['sys_admin', 'district_staff', 'street_staff', 'community_director'],
} satisfies Partial<Record<Permission, Role[]>>;
