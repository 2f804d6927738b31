/** What a screen shows when it crashes: what happened and how to recover. */
import { useRouteError } from 'react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../ui/error-alert.tsx';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Result
      status="error"
      title={t('errors.crashTitle')}
      subTitle={`${t('errors.crashText')}（${errorText(error)}）`}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>
      }
    />
  );
}
