/** The paged user table with status, roles and (for managers) edit / enable / reset actions. */
import type { ReactNode } from 'react';
import { App, Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { User } from '@linli/contracts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatDateTime, isFuture } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { errorText } from '../../ui/error-alert.tsx';
import { useSession } from '../auth/index.ts';
import { useResetPassword, useUpdateUser } from './user-queries.ts';

type InitialPassword = Awaited<ReturnType<ReturnType<typeof useResetPassword>['mutateAsync']>>;

export interface UsersTableProps {
  users: readonly User[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  canManage: boolean;
  empty: ReactNode;
  onPageChange: (page: number, pageSize: number) => void;
  onEdit: (user: User) => void;
  onPasswordReset: (answer: InitialPassword) => void;
}

export function UsersTable({
  users,
  total,
  page,
  pageSize,
  loading,
  canManage,
  empty,
  onPageChange,
  onEdit,
  onPasswordReset,
}: UsersTableProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const me = useSession();
  const update = useUpdateUser();
  const reset = useResetPassword();

  const setActive = async (user: User, isActive: boolean) => {
    try {
      await update.mutateAsync({ id: user.id, body: { isActive } });
      void message.success(isActive ? t('users.enabled') : t('users.disabled'));
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const resetPassword = async (user: User) => {
    try {
      onPasswordReset(await reset.mutateAsync(user.id));
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const columns: ColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      width: 140,
      render: (username: string) => <Typography.Text code>{username}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    {
      title: t('users.roles'),
      key: 'roles',
      width: 280,
      render: (_: unknown, user) => (
        <Flex gap={4} wrap>
          {user.roles.map((r, i) => (
            // Long role names (English) wrap inside the tag instead of running under the next column.
            <Tag
              key={i}
              color={r.nodeId === null ? 'red' : 'blue'}
              variant="outlined"
              style={{ whiteSpace: 'normal', maxWidth: '100%', marginInlineEnd: 0 }}
            >
              {labels.role(r.role)} · {r.nodeName ?? t('users.globalScope')}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 130,
      render: (_: unknown, user) => (
        <Flex gap={4} wrap>
          {user.isActive ? <Tag color="success">{t('users.active')}</Tag> : <Tag>{t('users.inactive')}</Tag>}
          {isFuture(user.lockedUntil) && (
            <Tag color="warning">{t('users.locked', { time: formatDateTime(user.lockedUntil) })}</Tag>
          )}
          {user.mustChangePassword && <Tag color="processing">{t('users.mustChange')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (at: string | null) => (at ? formatDateTime(at) : t('users.never')),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 150, render: (at: string) => formatDateTime(at) },
  ];

  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      fixed: 'right',
      render: (_: unknown, user) => (
        <Flex gap={0} wrap>
          <Button
            type="link"
            size="small"
            onClick={() => onEdit(user)}
            aria-label={`${t('users.edit')} ${user.username}`}
          >
            {t('users.edit')}
          </Button>
          {user.id !== me.id && (
            <>
              <Popconfirm
                title={
                  user.isActive
                    ? t('users.disableConfirm', { name: user.displayName })
                    : t('users.enableConfirm', { name: user.displayName })
                }
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: user.isActive }}
                onConfirm={() => void setActive(user, !user.isActive)}
                styles={{ root: { maxWidth: 360 } }}
              >
                <Button
                  type="link"
                  size="small"
                  danger={user.isActive}
                  aria-label={`${user.isActive ? t('users.disable') : t('users.enable')} ${user.username}`}
                >
                  {user.isActive ? t('users.disable') : t('users.enable')}
                </Button>
              </Popconfirm>
              <Popconfirm
                title={t('users.resetConfirm', { name: user.displayName })}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() => void resetPassword(user)}
                styles={{ root: { maxWidth: 360 } }}
              >
                <Button type="link" size="small" aria-label={`${t('users.resetPassword')} ${user.username}`}>
                  {t('users.resetPassword')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Flex>
      ),
    });
  }

  return (
    <Table<User>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={users}
      loading={loading}
      scroll={{ x: 1200 }}
      locale={{ emptyText: <EmptyState>{empty}</EmptyState> }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: (n) => t('common.total', { total: n }),
        onChange: onPageChange,
      }}
    />
  );
}
