/** Who may issue and revoke API tokens for machine clients. */
import type { Permission, Role } from '@linli/contracts';

export const tokensPolicy = {
  'token.manage': ['sys_admin', 'district_staff'],
} satisfies Partial<Record<Permission, Role[]>>;
