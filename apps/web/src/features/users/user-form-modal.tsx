/** Creating a user (answers with a one-time initial password) or editing name and roles. */
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role, User } from '@linli/contracts';
import type { z } from 'zod';
import type { routes } from '@linli/contracts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import { sameGrants } from './grantable-roles.ts';
import { RoleGrantsField, type GrantValue } from './role-grants-field.tsx';
import { useCreateUser, useUpdateUser } from './user-queries.ts';

interface UserValues {
  username: string;
  displayName: string;
  roles: GrantValue[];
}

type InitialPassword = z.output<typeof routes.createUser.response>;

function toGrants(values: GrantValue[]): { role: Role; nodeId: number | null }[] {
  return values.flatMap((g) => (g.role ? [{ role: g.role, nodeId: g.nodeId ?? null }] : []));
}

const userFieldByCode = { USERNAME_TAKEN: 'username', ROLE_NOT_GRANTABLE: 'roles' } as const;

export function CreateUserModal({
  defaultNodeId,
  onClose,
  onCreated,
}: {
  defaultNodeId: number | null;
  onClose: () => void;
  onCreated: (answer: InitialPassword) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserValues>();
  const create = useCreateUser();
  const error = useFormError(form, userFieldByCode);

  const submit = ({ username, displayName, roles }: UserValues) => {
    error.clear();
    create.mutate(
      { username: username.trim(), displayName: displayName.trim(), roles: toGrants(roles) },
      {
        onSuccess: (answer) => {
          onClose();
          onCreated(answer);
        },
        onError: error.show,
      },
    );
  };

  return (
    <FormModal<UserValues>
      title={t('users.createTitle')}
      form={form}
      name="create-user"
      width={720}
      onFinish={submit}
      onCancel={onClose}
      submitting={create.isPending}
      alert={error.alert}
      initialValues={{ roles: [{ nodeId: defaultNodeId ?? undefined }] }}
    >
      <Form.Item
        label={t('users.username')}
        name="username"
        extra={t('users.usernameHint')}
        rules={[
          { required: true, whitespace: true, message: t('users.usernameRequired') },
          { pattern: /^[a-z0-9][a-z0-9._-]{2,31}$/, message: t('users.usernameHint') },
        ]}
      >
        <Input autoComplete="off" maxLength={32} autoFocus />
      </Form.Item>
      <Form.Item
        label={t('users.displayName')}
        name="displayName"
        rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <RoleGrantsField defaultNodeId={defaultNodeId} />
    </FormModal>
  );
}

export function EditUserModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserValues>();
  const update = useUpdateUser();
  const error = useFormError(form, userFieldByCode);

  const submit = ({ displayName, roles }: UserValues) => {
    error.clear();
    const next = toGrants(roles);
    update.mutate(
      {
        id: user.id,
        body: {
          displayName: displayName.trim() !== user.displayName ? displayName.trim() : undefined,
          // Roles go only when changed: nobody may change their own roles, yet may fix their name.
          roles: sameGrants(next, user.roles) ? undefined : next,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('users.saved'));
          onClose();
        },
        onError: error.show,
      },
    );
  };

  return (
    <FormModal<UserValues>
      title={`${t('users.editTitle')}：${user.username}`}
      form={form}
      name="edit-user"
      width={720}
      onFinish={submit}
      onCancel={onClose}
      submitting={update.isPending}
      alert={error.alert}
      initialValues={{
        displayName: user.displayName,
        roles: user.roles.map((r) => ({ role: r.role, nodeId: r.nodeId })),
      }}
    >
      <Form.Item
        label={t('users.displayName')}
        name="displayName"
        rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
      >
        <Input maxLength={40} autoFocus />
      </Form.Item>
      <RoleGrantsField defaultNodeId={null} />
    </FormModal>
  );
}
