/** The console's modules as menu entries, each shown to users holding its permission. */
import type { Permission } from '@linli/contracts';

export type NavGroup = 'jurisdiction' | 'registry' | 'organisation' | 'security';

export interface NavItem {
  path: string;
  permission: Permission;
  group: NavGroup;
  labelKey: 'nav.jurisdiction' | 'nav.residents' | 'nav.care' | 'nav.visits' | 'nav.users' | 'nav.tokens' | 'nav.audit';
}

export const navGroups: {
  key: NavGroup;
  labelKey: 'nav.groupJurisdiction' | 'nav.groupRegistry' | 'nav.groupOrganisation' | 'nav.groupSecurity';
}[] = [
  { key: 'jurisdiction', labelKey: 'nav.groupJurisdiction' },
  { key: 'registry', labelKey: 'nav.groupRegistry' },
  { key: 'organisation', labelKey: 'nav.groupOrganisation' },
  { key: 'security', labelKey: 'nav.groupSecurity' },
];

export const navItems: NavItem[] = [
  { path: '/jurisdiction', permission: 'jurisdiction.read', group: 'jurisdiction', labelKey: 'nav.jurisdiction' },
  { path: '/residents', permission: 'registry.read', group: 'registry', labelKey: 'nav.residents' },
  { path: '/care', permission: 'registry.read', group: 'registry', labelKey: 'nav.care' },
  { path: '/visits', permission: 'registry.read', group: 'registry', labelKey: 'nav.visits' },
  { path: '/users', permission: 'user.read', group: 'organisation', labelKey: 'nav.users' },
  { path: '/tokens', permission: 'token.manage', group: 'organisation', labelKey: 'nav.tokens' },
  { path: '/audit', permission: 'audit.read', group: 'security', labelKey: 'nav.audit' },
];

/** The entries a user with these permissions may open, in menu order. */
export function visibleNavItems(permissions: readonly Permission[]): NavItem[] {
  return navItems.filter((item) => permissions.includes(item.permission));
}
