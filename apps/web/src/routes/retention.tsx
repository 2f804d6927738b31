/** 个人信息保存期限: how long personal data is kept once its purpose ended. */
import { Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { RetentionPolicyForm, useRetentionSetting } from '../features/retention/index.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { PageHeader } from '../ui/page-header.tsx';

export function RetentionRoute() {
  const { t } = useTranslation();
  const setting = useRetentionSetting();
  return (
    <>
      <PageHeader title={t('retention.title')} description={t('retention.description')} />
      {setting.isError && <ErrorAlert error={setting.error} onRetry={() => void setting.refetch()} />}
      {setting.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {setting.data && <RetentionPolicyForm key={setting.data.version} setting={setting.data} />}
    </>
  );
}
