/** Route guard: sends signed-out users to the login page and, until they change it, to the password page. */
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { SessionContext, useMeQuery } from '../features/auth/index.ts';
import { errorText } from '../ui/error-alert.tsx';
import { FullPageSpin } from '../ui/full-page-spin.tsx';

export interface LoginState {
  from?: string;
}

export function RequireSession({ allowInitial = false }: { allowInitial?: boolean }) {
  const { t } = useTranslation();
  const me = useMeQuery();
  const location = useLocation();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    return (
      <Result
        status="error"
        title={t('errors.loadFailed')}
        subTitle={errorText(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    const state: LoginState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  if (me.data.mustChangePassword && !allowInitial) return <Navigate to="/change-password" replace />;

  return (
    <SessionContext.Provider value={me.data}>
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
    </SessionContext.Provider>
  );
}
