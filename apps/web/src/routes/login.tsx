/** 登录: the sign-in page. */
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoginForm, useMeQuery } from '../features/auth/index.ts';
import { AuthLayout } from '../app/layouts/auth-layout.tsx';
import type { LoginState } from '../app/require-session.tsx';

function targetAfterLogin(state: unknown): string {
  const from = (state as LoginState | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginRoute() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMeQuery();
  const target = targetAfterLogin(location.state);

  if (me.data) return <Navigate to={me.data.mustChangePassword ? '/change-password' : target} replace />;

  return (
    <AuthLayout title={t('auth.loginTitle')}>
      <LoginForm
        onSignedIn={(signedIn) =>
          void navigate(signedIn.mustChangePassword ? '/change-password' : target, { replace: true })
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: '16px 0 0', fontSize: 12 }}>
        {t('auth.loginNotice')}
      </Typography.Paragraph>
    </AuthLayout>
  );
}
