/** The start page: the first module the user may open, or a note on how to get access. */
import { Navigate } from 'react-router';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../features/auth/index.ts';
import { visibleNavItems } from '../app/navigation.ts';

export function HomeRoute() {
  const { t } = useTranslation();
  const me = useSession();
  const first = visibleNavItems(me.permissions)[0];
  if (first) return <Navigate to={first.path} replace />;
  return <Result status="info" title={t('app.documentTitle')} subTitle={t('errors.noModules')} />;
}
