/** 用户与角色: filterable user table, new user, edit, enable/disable, reset password. */
import { useState } from 'react';
import { Button, Card } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '@linli/contracts';
import { useHasPermission } from '../features/auth/index.ts';
import { useJurisdictionScope } from '../features/jurisdiction/index.ts';
import {
  CreateUserModal,
  EditUserModal,
  UserFilterBar,
  UsersTable,
  useUsers,
  type UserFilterValues,
} from '../features/users/index.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { OneTimeSecretModal } from '../ui/one-time-secret-modal.tsx';
import { PageHeader } from '../ui/page-header.tsx';

interface ShownPassword {
  title: string;
  intro: string;
  secret: string;
}

function UsersScreen({ scopeNodeId }: { scopeNodeId: number | null }) {
  const { t } = useTranslation();
  const canManage = useHasPermission('user.manage');
  const [filters, setFilters] = useState<UserFilterValues>({ nodeId: scopeNodeId ?? undefined });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const users = useUsers({ ...filters, ...paging });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User>();
  const [shown, setShown] = useState<ShownPassword>();

  const showPassword = (title: string, answer: { user: User; initialPassword: string }) =>
    setShown({
      title,
      intro: t('users.initialPasswordFor', { name: answer.user.displayName, username: answer.user.username }),
      secret: answer.initialPassword,
    });

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Card>
        <UserFilterBar
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        {users.isError && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
          </div>
        )}
        <UsersTable
          users={users.data?.items ?? []}
          total={users.data?.total ?? 0}
          page={paging.page}
          pageSize={paging.pageSize}
          loading={users.isFetching}
          canManage={canManage}
          empty={canManage ? t('users.emptyManage') : t('users.empty')}
          onPageChange={(page, pageSize) => setPaging({ page, pageSize })}
          onEdit={setEditing}
          onPasswordReset={(answer) => showPassword(t('users.resetPasswordTitle'), answer)}
        />
      </Card>
      {creating && (
        <CreateUserModal
          defaultNodeId={scopeNodeId}
          onClose={() => setCreating(false)}
          onCreated={(answer) => showPassword(t('users.initialPasswordTitle'), answer)}
        />
      )}
      {editing && <EditUserModal user={editing} onClose={() => setEditing(undefined)} />}
      <OneTimeSecretModal
        secret={shown?.secret}
        title={shown?.title ?? ''}
        intro={shown?.intro ?? ''}
        onClose={() => setShown(undefined)}
      />
    </>
  );
}

export function UsersRoute() {
  const { scopeNodeId } = useJurisdictionScope();
  // A new jurisdiction starts a fresh screen: its filters default to the chosen node.
  return <UsersScreen key={String(scopeNodeId)} scopeNodeId={scopeNodeId} />;
}
