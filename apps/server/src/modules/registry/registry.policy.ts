/** Who may read, change and reveal registry facts, and see sensitive fields (PIPL: only roles that need them). */
import type { Permission, Role } from '@linli/contracts';

export const registryPolicy = {
  'registry.read': [
    'sys_admin',
    'district_staff',
    'street_staff',
    'community_director',
    'community_worker',
    'window_clerk',
    'grid_worker',
  ],
  // Grid workers keep the facts of their grid fresh (seed 002: 四知四清四掌握).
  'registry.manage': [
    'sys_admin',
    'district_staff',
    'street_staff',
    'community_director',
    'community_worker',
    'window_clerk',
    'grid_worker',
  ],
  'registry.reveal': [
    'sys_admin',
    'district_staff',
    'street_staff',
    'community_director',
    'community_worker',
    'grid_worker',
  ],
  // Health, disability, religion and political status.
  'registry.sensitive': ['sys_admin', 'district_staff', 'street_staff', 'community_director'],
  // How long personal data is kept is one decision for the whole installation (with the legal office).
  'registry.configure': ['sys_admin'],
} satisfies Partial<Record<Permission, Role[]>>;
