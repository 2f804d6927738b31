/** 修改密码: forced after the first sign-in (or a reset), otherwise reached from the user menu. */
import { useNavigate } from 'react-router';
import { Alert, App, Button } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm, useSession } from '../features/auth/index.ts';
import { AuthLayout } from '../app/layouts/auth-layout.tsx';

export function ChangePasswordRoute() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const isForced = me.mustChangePassword;

  return (
    <AuthLayout title={`${t('auth.changeTitle')} · ${me.displayName}`}>
      {isForced ? (
        <Alert type="warning" showIcon title={t('auth.forcedNotice')} style={{ marginBottom: 16 }} />
      ) : (
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate('/')}
          style={{ padding: 0, marginBottom: 8 }}
        >
          {t('auth.back')}
        </Button>
      )}
      <ChangePasswordForm
        onChanged={() => {
          void message.success(t('auth.changed'));
          void navigate('/', { replace: true });
        }}
      />
    </AuthLayout>
  );
}
