/** Who may read and change the jurisdiction tree (within the subtrees where they hold the role). */
import type { Permission, Role } from '@linli/contracts';

const staff: Role[] = [
  'sys_admin',
  'district_staff',
  'street_staff',
  'community_director',
  'community_worker',
  'window_clerk',
  'grid_worker',
  'department_handler',
];

export const jurisdictionPolicy = {
  'jurisdiction.read': staff,
  // Communities add their own grids and buildings; streets and districts reshape what lies below them.
  'jurisdiction.manage': ['sys_admin', 'district_staff', 'street_staff', 'community_director'],
} satisfies Partial<Record<Permission, Role[]>>;
