/** The console frame: side menu by module, header with jurisdiction, language, user and sign-out. */
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { App, Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BankOutlined,
  CalendarOutlined,
  FieldTimeOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MessageOutlined,
  PhoneOutlined,
  ScheduleOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLogout, useSession } from '../../features/auth/index.ts';
import { JurisdictionScopeProvider, ScopeSwitcher } from '../../features/jurisdiction/index.ts';
import { RequestEventsProvider, RequestsNavLabel } from '../../features/requests/index.ts';
import { useLabels } from '../../lib/labels.ts';
import { BrandMark } from '../../ui/brand-mark.tsx';
import { FullPageSpin } from '../../ui/full-page-spin.tsx';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { navGroups, visibleNavItems, type NavItem } from '../navigation.ts';

const navIcons: Record<NavItem['labelKey'], React.ReactNode> = {
  'nav.jurisdiction': <ApartmentOutlined />,
  'nav.residents': <IdcardOutlined />,
  'nav.care': <HeartOutlined />,
  'nav.visits': <CalendarOutlined />,
  'nav.housing': <HomeOutlined />,
  'nav.units': <BankOutlined />,
  'nav.users': <TeamOutlined />,
  'nav.tokens': <KeyOutlined />,
  'nav.audit': <AuditOutlined />,
  'nav.retention': <FieldTimeOutlined />,
  'requests.nav': <MessageOutlined />,
  'requests.navIntake': <PhoneOutlined />,
  'requests.navCategories': <TagsOutlined />,
  'figures.nav': <BarChartOutlined />,
  'workCalendar.nav': <ScheduleOutlined />,
};

function SideMenu({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items = visibleNavItems(me.permissions);
  const selected = items.find((i) => location.pathname.startsWith(i.path))?.path;

  type MenuItem = NonNullable<MenuProps['items']>[number];
  const menuItems = navGroups.flatMap((group): MenuItem[] => {
    const children = items.filter((i) => i.group === group.key);
    if (children.length === 0) return [];
    const entries = children.map((i) => ({
      key: i.path,
      icon: navIcons[i.labelKey],
      // The requests entry carries the live count of work waiting for the user.
      label: i.labelKey === 'requests.nav' ? <RequestsNavLabel text={t(i.labelKey)} /> : t(i.labelKey),
    }));
    // A collapsed menu has no room for group titles; dividers keep the modules apart.
    if (collapsed) return [{ type: 'divider' as const, key: `${group.key}-divider` }, ...entries];
    return [
      {
        type: 'group' as const,
        key: group.key,
        label: t(group.labelKey),
        children: entries,
      },
    ];
  });

  return (
    <nav aria-label={t('nav.menu')}>
      <Menu
        theme="dark"
        mode="inline"
        selectedKeys={selected ? [selected] : []}
        items={menuItems}
        onClick={({ key }) => void navigate(key)}
      />
    </nav>
  );
}

/** The signed-in user and sign-out; `compact` (phones) keeps only the icons. */
function UserBlock({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();
  const roleText = me.roles.map((r) => (r.nodeName ? `${labels.role(r.role)} · ${r.nodeName}` : labels.role(r.role)));
  const firstRole = roleText[0] ?? '';
  const summary = roleText.length > 1 ? `${firstRole} +${roleText.length - 1}` : firstRole;

  return (
    <Flex align="center" gap={12}>
      <Dropdown
        menu={{
          items: [{ key: 'password', icon: <LockOutlined />, label: t('header.changePassword') }],
          onClick: () => void navigate('/change-password'),
        }}
        trigger={['click']}
      >
        <Button
          type="text"
          style={{ height: 48, padding: '0 8px' }}
          aria-label={`${t('header.account')}：${me.displayName}`}
        >
          <Flex align="center" gap={8}>
            <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d5bbf' }} />
            {!compact && (
              <Flex vertical align="flex-start" style={{ lineHeight: 1.25 }}>
                <Typography.Text strong>{me.displayName}</Typography.Text>
                <Tooltip title={roleText.join('；')}>
                  <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 220 }} ellipsis>
                    {summary}
                  </Typography.Text>
                </Tooltip>
              </Flex>
            )}
          </Flex>
        </Button>
      </Dropdown>
      <Button
        icon={<LogoutOutlined />}
        aria-label={t('header.logout')}
        loading={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSettled: () => void message.success(t('header.loggedOut')) })}
      >
        {!compact && t('header.logout')}
      </Button>
    </Flex>
  );
}

export function ConsoleLayout() {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(false);
  // On a phone (grid workers in the field) the menu folds away entirely and the header keeps to the essentials.
  const isPhone = Grid.useBreakpoint().md === false;
  return (
    <JurisdictionScopeProvider>
      <RequestEventsProvider>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider
            width={220}
            breakpoint="lg"
            collapsible
            collapsed={collapsed}
            collapsedWidth={isPhone ? 0 : 80}
            // On a phone the menu's trigger sits in the header's left corner instead of over the page title.
            zeroWidthTriggerStyle={{ top: 12, zIndex: 11 }}
            onCollapse={setCollapsed}
            // The menu stays in view and scrolls on its own when it is longer than the screen, so that the
            // fold button at its foot never covers the last entries.
            style={{ position: 'sticky', top: 0, height: '100vh', zIndex: 12 }}
          >
            <div style={{ height: '100%', overflowY: 'auto', overflowX: 'hidden' }}>
              <Flex
                align="center"
                gap={10}
                style={{ height: 56, padding: collapsed ? '0 22px' : '0 20px', overflow: 'hidden' }}
              >
                <BrandMark size={30} />
                {!collapsed && (
                  <Flex vertical style={{ lineHeight: 1.2, minWidth: 0 }}>
                    <span style={{ color: '#fff', fontSize: 18, fontWeight: 600, letterSpacing: 2 }}>
                      {t('app.name')}
                    </span>
                    <span
                      title={t('app.subtitle')}
                      style={{
                        color: 'rgba(255,255,255,0.65)',
                        fontSize: 12,
                        whiteSpace: 'nowrap',
                        overflow: 'hidden',
                        textOverflow: 'ellipsis',
                      }}
                    >
                      {t('app.subtitle')}
                    </span>
                  </Flex>
                )}
              </Flex>
              <SideMenu collapsed={collapsed} />
            </div>
          </Layout.Sider>
          <Layout>
            <Layout.Header
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: isPhone ? 8 : 16,
                ...(isPhone ? { padding: '0 12px 0 52px' } : {}),
                borderBottom: '1px solid #e8ecf2',
                position: 'sticky',
                top: 0,
                zIndex: 10,
              }}
            >
              <Flex align="center" gap={8}>
                {!isPhone && <Typography.Text type="secondary">{t('header.scope')}</Typography.Text>}
                <ScopeSwitcher />
              </Flex>
              <div style={{ flex: 1 }} />
              {!isPhone && <LanguageSwitch size="small" />}
              <UserBlock compact={isPhone} />
            </Layout.Header>
            <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
              <Suspense fallback={<FullPageSpin height={400} />}>
                <Outlet />
              </Suspense>
            </Layout.Content>
          </Layout>
        </Layout>
      </RequestEventsProvider>
    </JurisdictionScopeProvider>
  );
}
