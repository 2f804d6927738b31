/** A resident's page: /residents/:id. */
import { useParams } from 'react-router';
import { Result } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-error.ts';
import { ResidentDetailView, residentQuery } from '../features/registry/index.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { FullPageSpin } from '../ui/full-page-spin.tsx';

function ResidentScreen({ id }: { id: number }) {
  const { t } = useTranslation();
  const resident = useQuery(residentQuery(id));
  if (resident.isPending) return <FullPageSpin height={400} />;
  if (resident.isError) {
    if (resident.error instanceof ApiError && resident.error.status === 404) {
      return <Result status="404" title={t('registry.notFound')} />;
    }
    return <ErrorAlert error={resident.error} onRetry={() => void resident.refetch()} />;
  }
  return <ResidentDetailView resident={resident.data} onReload={() => void resident.refetch()} />;
}

export function ResidentDetailRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  if (!id || !/^\d+$/.test(id)) return <Result status="404" title={t('registry.notFound')} />;
  return <ResidentScreen key={id} id={Number(id)} />;
}
