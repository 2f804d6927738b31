/** 关爱对象: one tab per care tag, each listing the residents with that tag in the user's jurisdiction. */
import { useState } from 'react';
import { Card, Tabs } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { residentCountCap, type CareTag } from '@linli/contracts';
import {
  ResidentsTable,
  residentSearchQuery,
  useCareTags,
  useRegistryLabels,
  useResidentSearch,
} from '../features/registry/index.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { FullPageSpin } from '../ui/full-page-spin.tsx';
import { PageHeader } from '../ui/page-header.tsx';
import { useJurisdictionScope } from '../features/jurisdiction/index.ts';

function CareTagList({ tag, name }: { tag: string; name: string }) {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { scopeNodeId } = useJurisdictionScope();
  const residents = useResidentSearch({ tags: [tag], status: 'active', nodeId: scopeNodeId ?? undefined, ...paging });
  return (
    <>
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
        empty={t('care.empty', { tag: name })}
        onPageChange={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </>
  );
}

function CareTabs({ tags }: { tags: CareTag[] }) {
  const { t } = useTranslation();
  const labels = useRegistryLabels();
  const { scopeNodeId } = useJurisdictionScope();
  // One small count query per tag, for the tab titles; the first page of each is what the tab shows anyway.
  const counts = useQueries({
    queries: tags.map((tag) =>
      residentSearchQuery({
        tags: [tag.code],
        status: 'active',
        nodeId: scopeNodeId ?? undefined,
        page: 1,
        pageSize: 20,
      }),
    ),
  });
  return (
    <Tabs
      destroyOnHidden
      items={tags.map((tag, i) => {
        const data = counts[i]?.data;
        const name = labels.tagName(tag.code);
        const count =
          data === undefined
            ? ''
            : data.totalIsCapped
              ? t('care.countCapped', { cap: residentCountCap.toLocaleString() })
              : String(data.total);
        return {
          key: tag.code,
          label: count === '' ? name : `${name}（${count}）`,
          children: <CareTagList tag={tag.code} name={name} />,
        };
      })}
    />
  );
}

export function CareRoute() {
  const { t } = useTranslation();
  const tags = useCareTags();
  return (
    <>
      <PageHeader title={t('care.title')} description={t('care.description')} />
      <Card>
        {tags.isPending ? (
          <FullPageSpin height={300} />
        ) : tags.isError ? (
          <ErrorAlert error={tags.error} onRetry={() => void tags.refetch()} />
        ) : tags.data.length === 0 ? (
          <EmptyState>{t('care.noTags')}</EmptyState>
        ) : (
          <CareTabs tags={tags.data} />
        )}
      </Card>
    </>
  );
}
