/** One request: facts, photos, the timeline of its steps and the steps the user may take. */
import { useParams, useNavigate } from 'react-router';
import { Button, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { RequestDetailView, useRequest } from '../features/requests/index.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { PageHeader } from '../ui/page-header.tsx';

export function RequestDetailRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const request = useRequest(id);
  return (
    <>
      <PageHeader
        title={request.data ? `${request.data.categoryName} · ${request.data.code}` : t('requests.title')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)}>
            {t('requests.detail.back')}
          </Button>
        }
      />
      {request.isError && <ErrorAlert error={request.error} onRetry={() => void request.refetch()} />}
      {request.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {request.data && <RequestDetailView request={request.data} />}
    </>
  );
}
