/** 居民信息: one search box and filters over the residents in the user's jurisdiction; register a newcomer. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card } from 'antd';
import { MergeCellsOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useHasPermission } from '../features/auth/index.ts';
import { useJurisdictionScope } from '../features/jurisdiction/index.ts';
import {
  ExportButtons,
  RegisterResidentModal,
  ResidentFilterBar,
  ResidentsTable,
  useResidentSearch,
  type ResidentFilterValues,
} from '../features/registry/index.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { PageHeader } from '../ui/page-header.tsx';

export function ResidentsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useHasPermission('registry.manage');
  const [filters, setFilters] = useState<ResidentFilterValues>({ status: 'active' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { scopeNodeId } = useJurisdictionScope();
  const residents = useResidentSearch({ ...filters, nodeId: scopeNodeId ?? undefined, ...paging });
  const [registering, setRegistering] = useState(false);

  return (
    <>
      <PageHeader
        title={t('registry.title')}
        description={t('registry.description')}
        extra={
          <>
            <ExportButtons filters={filters} nodeId={scopeNodeId} />
            <Button icon={<MergeCellsOutlined />} onClick={() => void navigate('/residents/duplicates')}>
              {t('duplicates.open')}
            </Button>
            {canManage && (
              <Button icon={<UploadOutlined />} onClick={() => void navigate('/residents/import')}>
                {t('registryIo.import')}
              </Button>
            )}
            {canManage && (
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => setRegistering(true)}>
                {t('registry.register')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <ResidentFilterBar
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        {residents.isError && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={residents.error} onRetry={() => void residents.refetch()} />
          </div>
        )}
        <ResidentsTable
          residents={residents.data?.items ?? []}
          total={residents.data?.total ?? 0}
          totalIsCapped={residents.data?.totalIsCapped ?? false}
          page={paging.page}
          pageSize={paging.pageSize}
          loading={residents.isFetching}
          empty={canManage ? t('registry.emptyManage') : t('registry.empty')}
          onPageChange={(page, pageSize) => setPaging({ page, pageSize })}
        />
      </Card>
      {registering && (
        <RegisterResidentModal
          onClose={() => setRegistering(false)}
          onRegistered={(resident) => void navigate(`/residents/${resident.id}`)}
        />
      )}
    </>
  );
}
