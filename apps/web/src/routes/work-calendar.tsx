/** 办公时间与节假日: what every time limit counts in. */
import { Card, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useHasPermission } from '../features/auth/index.ts';
import { useWorkCalendar, WorkCalendarView } from '../features/work-calendar/index.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { PageHeader } from '../ui/page-header.tsx';

export function WorkCalendarRoute() {
  const { t } = useTranslation();
  const calendar = useWorkCalendar();
  const canEdit = useHasPermission('request.configure');
  return (
    <>
      <PageHeader title={t('workCalendar.title')} description={t('workCalendar.description')} />
      {calendar.isError && <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} />}
      {calendar.isPending && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {calendar.data && <WorkCalendarView key={calendar.data.version} calendar={calendar.data} canEdit={canEdit} />}
    </>
  );
}
