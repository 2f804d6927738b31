/** Who may read, record, dispatch, handle, claim, supervise and configure requests, and where. */
import type { Permission, Role } from '@linli/contracts';

export const requestsPolicy = {
  'request.read': [
    'sys_admin',
    'district_staff',
    'street_staff',
    'community_director',
    'community_worker',
    'window_clerk',
    'grid_worker',
  ],
  // Window clerks and hotline operators record calls and walk-ins; grid workers report what they find.
  'request.intake': [
    'sys_admin',
    'district_staff',
    'street_staff',
    'community_director',
    'community_worker',
    'window_clerk',
    'grid_worker',
  ],
  'request.dispatch': ['sys_admin', 'district_staff', 'street_staff', 'community_director', 'community_worker'],
  // Handlers act on work assigned to the very node they hold the role on (or to them, or their department).
  'request.handle': [
    'district_staff',
    'street_staff',
    'community_director',
    'community_worker',
    'grid_worker',
    'department_handler',
  ],
  'request.claim': ['volunteer'],
  'request.supervise': ['sys_admin', 'district_staff', 'street_staff', 'community_director'],
  // Categories and time limits are one dictionary for the whole installation.
  'request.configure': ['sys_admin'],
} satisfies Partial<Record<Permission, Role[]>>;
