/** The console's modules as menu entries, each shown to users holding its permission. */
import type { Permission } from '@linli/contracts';

export type NavGroup = 'jurisdiction' | 'registry' | 'requests' | 'organisation' | 'security';

export interface NavItem {
  path: string;
  permission: Permission;
  /** Other permissions that also open the entry (the requests workbench serves handlers without request.read). */
  alsoFor?: readonly Permission[];
  group: NavGroup;
  labelKey:
    | 'nav.jurisdiction'
    | 'nav.residents'
    | 'nav.care'
    | 'nav.visits'
    | 'nav.housing'
    | 'nav.units'
    | 'nav.users'
    | 'nav.tokens'
    | 'nav.audit'
    | 'nav.retention'
    | 'requests.nav'
    | 'requests.navIntake'
    | 'requests.navCategories'
    | 'figures.nav'
    | 'workCalendar.nav';
}

export const navGroups: {
  key: NavGroup;
  labelKey:
    'nav.groupJurisdiction' | 'nav.groupRegistry' | 'requests.group' | 'nav.groupOrganisation' | 'nav.groupSecurity';
}[] = [
  { key: 'jurisdiction', labelKey: 'nav.groupJurisdiction' },
  { key: 'registry', labelKey: 'nav.groupRegistry' },
  { key: 'requests', labelKey: 'requests.group' },
  { key: 'organisation', labelKey: 'nav.groupOrganisation' },
  { key: 'security', labelKey: 'nav.groupSecurity' },
];

export const navItems: NavItem[] = [
  { path: '/jurisdiction', permission: 'jurisdiction.read', group: 'jurisdiction', labelKey: 'nav.jurisdiction' },
  { path: '/residents', permission: 'registry.read', group: 'registry', labelKey: 'nav.residents' },
  { path: '/care', permission: 'registry.read', group: 'registry', labelKey: 'nav.care' },
  { path: '/visits', permission: 'registry.read', group: 'registry', labelKey: 'nav.visits' },
  { path: '/housing', permission: 'registry.read', group: 'registry', labelKey: 'nav.housing' },
  { path: '/units', permission: 'registry.read', group: 'registry', labelKey: 'nav.units' },
  {
    path: '/requests',
    permission: 'request.read',
    alsoFor: ['request.handle', 'request.claim', 'request.dispatch'],
    group: 'requests',
    labelKey: 'requests.nav',
  },
  { path: '/request-intake', permission: 'request.intake', group: 'requests', labelKey: 'requests.navIntake' },
  { path: '/request-dashboard', permission: 'request.read', group: 'requests', labelKey: 'figures.nav' },
  {
    path: '/request-categories',
    permission: 'request.configure',
    group: 'requests',
    labelKey: 'requests.navCategories',
  },
  {
    path: '/work-calendar',
    permission: 'request.read',
    alsoFor: ['request.configure'],
    group: 'requests',
    labelKey: 'workCalendar.nav',
  },
  { path: '/users', permission: 'user.read', group: 'organisation', labelKey: 'nav.users' },
  { path: '/tokens', permission: 'token.manage', group: 'organisation', labelKey: 'nav.tokens' },
  { path: '/audit', permission: 'audit.read', group: 'security', labelKey: 'nav.audit' },
  { path: '/retention', permission: 'registry.configure', group: 'security', labelKey: 'nav.retention' },
];

/** The entries a user with these permissions may open, in menu order. */
export function visibleNavItems(permissions: readonly Permission[]): NavItem[] {
  return navItems.filter(
    (item) => permissions.includes(item.permission) || (item.alsoFor ?? []).some((p) => permissions.includes(p)),
  );
}
