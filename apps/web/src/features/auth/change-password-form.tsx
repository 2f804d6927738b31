/** Changing one's password, with the policy shown and checked live; forced after first sign-in. */
import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkPasswordStrength, type Me } from '@linli/contracts';
import { ApiError } from '../../lib/api-error.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { errorText } from '../../ui/error-alert.tsx';
import { PasswordPolicyList } from './password-policy-list.tsx';
import { useChangePassword } from './session.ts';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm({ onChanged }: { onChanged: (me: Me) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ChangePasswordValues>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const change = useChangePassword();
  const [failure, setFailure] = useState<string>();

  const submit = ({ currentPassword, newPassword: next }: ChangePasswordValues) => {
    setFailure(undefined);
    change.mutate(
      { currentPassword, newPassword: next },
      {
        onSuccess: onChanged,
        onError: (error) => {
          if (!(error instanceof ApiError)) return setFailure(errorText(error));
          switch (error.code) {
            case 'CURRENT_PASSWORD_WRONG':
              form.setFields([{ name: 'currentPassword', errors: [error.message] }]);
              return;
            case 'PASSWORD_TOO_WEAK':
            case 'PASSWORD_REUSED':
              form.setFields([{ name: 'newPassword', errors: [error.message] }]);
              return;
            default:
              if (!applyFieldErrors(form, error.fieldIssues)) setFailure(error.message);
          }
        },
      },
    );
  };

  return (
    <Form<ChangePasswordValues> form={form} name="change-password" layout="vertical" onFinish={submit}>
      {failure && <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 16 }} />}
      <Form.Item
        label={t('auth.currentPassword')}
        name="currentPassword"
        rules={[{ required: true, message: t('auth.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" maxLength={256} autoFocus />
      </Form.Item>
      <Form.Item
        label={t('auth.newPassword')}
        name="newPassword"
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('auth.newRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (!value) return;
              if (!checkPasswordStrength(value)) throw new Error(t('auth.tooWeak'));
              if (value === getFieldValue('currentPassword')) throw new Error(t('auth.sameAsCurrent'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      <Form.Item style={{ marginTop: -8 }}>
        <PasswordPolicyList password={newPassword} />
      </Form.Item>
      <Form.Item
        label={t('auth.confirmPassword')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('auth.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block size="large" loading={change.isPending}>
          {t('auth.submitChange')}
        </Button>
      </Form.Item>
    </Form>
  );
}
