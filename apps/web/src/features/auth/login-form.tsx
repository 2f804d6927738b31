/** Username and password sign-in; shows the server's message (wrong password, lock-out, disabled). */
import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '@linli/contracts';
import { ApiError } from '../../lib/api-error.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { errorText } from '../../ui/error-alert.tsx';
import { useLogin } from './session.ts';
import { clearSessionNotice, readSessionNotice } from './session-notice.ts';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const login = useLogin();
  const [notice] = useState(readSessionNotice);
  const [failure, setFailure] = useState<string>();

  const submit = (values: LoginValues) => {
    setFailure(undefined);
    login.mutate(values, {
      onSuccess: (me) => {
        clearSessionNotice();
        onSignedIn(me);
      },
      onError: (error) => {
        const onFields = error instanceof ApiError && applyFieldErrors(form, error.fieldIssues);
        if (!onFields) setFailure(errorText(error));
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <Form<LoginValues> form={form} name="login" layout="vertical" size="large" onFinish={submit} requiredMark={false}>
      {notice && !failure && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon role="alert" title={failure} style={{ marginBottom: 16 }} />}
      <Form.Item
        label={t('auth.username')}
        name="username"
        rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
      </Form.Item>
      <Form.Item
        label={t('auth.password')}
        name="password"
        rules={[{ required: true, message: t('auth.passwordRequired') }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} />
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.login')}
        </Button>
      </Form.Item>
    </Form>
  );
}
