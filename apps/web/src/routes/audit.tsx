/** 审计日志: filter and page through the audit log. */
import { useState } from 'react';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  AuditFilters,
  AuditTable,
  auditQueryFromFilters,
  useAuditLog,
  type AuditFilterValues,
} from '../features/audit/index.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { PageHeader } from '../ui/page-header.tsx';

export function AuditRoute() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const log = useAuditLog(auditQueryFromFilters(filters, paging.page, paging.pageSize));

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Card>
        <AuditFilters
          onApply={(values) => {
            setFilters(values);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        {log.isError && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
          </div>
        )}
        <AuditTable
          entries={log.data?.items ?? []}
          total={log.data?.total ?? 0}
          page={paging.page}
          pageSize={paging.pageSize}
          loading={log.isFetching}
          empty={t('audit.empty')}
          onPageChange={(page, pageSize) => setPaging({ page, pageSize })}
        />
      </Card>
    </>
  );
}
