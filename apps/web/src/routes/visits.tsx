/** 走访: residents due a visit (overdue first) with 记录走访, and coverage per child grid or community. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Flex, Progress, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { nodeLevels, visitKinds, visitLabels, type CoverageRow, type DueVisit } from '@linli/contracts';
import type { z } from 'zod';
import { useHasPermission } from '../features/auth/index.ts';
import { useJurisdictionScope } from '../features/jurisdiction/index.ts';
import { RecordVisitModal, useDueVisits, useRegistryLabels, useVisitCoverage } from '../features/registry/index.ts';
import { pickLabel } from '../lib/i18n.ts';
import { useLabels } from '../lib/labels.ts';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { PageHeader } from '../ui/page-header.tsx';

type Coverage = z.output<typeof CoverageRow>;
const stateColor = { overdue: 'red', due_soon: 'gold', ok: 'green' } as const;
const stateText = { overdue: '#cf1322', due_soon: '#d48806', ok: undefined } as const;
const windows = [7, 14, 30, 90] as const;

function DueList() {
  const { t } = useTranslation();
  const { language } = useLabels();
  const labels = useRegistryLabels();
  const canManage = useHasPermission('registry.manage');
  const { scopeNodeId } = useJurisdictionScope();
  const [withinDays, setWithinDays] = useState(7);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const due = useDueVisits(scopeNodeId ?? undefined, withinDays, paging.page, paging.pageSize);
  const [recording, setRecording] = useState<DueVisit | null>(null);

  return (
    <Card
      title={t('visits.due')}
      extra={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('visits.withinDays')}</Typography.Text>
          <Select<number>
            aria-label={t('visits.withinDays')}
            value={withinDays}
            onChange={(v) => {
              setWithinDays(v);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={windows.map((d) => ({ value: d, label: t('visits.withinDaysValue', { days: d }) }))}
            style={{ width: 110 }}
          />
        </Flex>
      }
    >
      {due.isError && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={due.error} onRetry={() => void due.refetch()} />
        </div>
      )}
      <Table<DueVisit>
        size="small"
        rowKey={(r) => `${r.residentId}-${r.kind}`}
        loading={due.isFetching}
        dataSource={due.data?.items ?? []}
        locale={{ emptyText: <EmptyState>{t('visits.emptyDue')}</EmptyState> }}
        scroll={{ x: 1000 }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: due.data?.total ?? 0,
          showSizeChanger: true,
          hideOnSinglePage: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          {
            title: t('visits.state'),
            dataIndex: 'state',
            width: 92,
            render: (state: DueVisit['state']) => (
              <Tag color={stateColor[state]}>{pickLabel(visitLabels.dueState[state], language)}</Tag>
            ),
          },
          {
            title: t('visits.name'),
            dataIndex: 'name',
            width: 110,
            render: (name: string, r) => <Link to={`/residents/${r.residentId}`}>{name}</Link>,
          },
          {
            title: t('visits.age'),
            dataIndex: 'age',
            width: 70,
            render: (age: number | null) => (age === null ? '—' : age),
          },
          { title: t('visits.address'), dataIndex: 'address', ellipsis: true },
          {
            title: t('visits.tags'),
            dataIndex: 'tags',
            width: 170,
            render: (tags: string[]) => (
              <Flex gap={4} wrap>
                {tags.map((code) => (
                  <Tag key={code} color="volcano" style={{ marginInlineEnd: 0 }}>
                    {labels.tagName(code)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('visits.kind'),
            dataIndex: 'kind',
            width: 130,
            render: (kind: DueVisit['kind'], r) => (
              <Flex vertical>
                <span>{pickLabel(visitLabels.kind[kind], language)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('visits.everyDays', { days: r.everyDays })}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('visits.lastVisit'),
            dataIndex: 'lastVisitedOn',
            width: 110,
            render: (d: string | null) => d ?? <Typography.Text type="secondary">{t('visits.never')}</Typography.Text>,
          },
          {
            title: t('visits.dueOn'),
            dataIndex: 'dueOn',
            width: 110,
            render: (d: string, r) => (
              <span style={{ color: stateText[r.state], fontWeight: r.state === 'ok' ? undefined : 600 }}>{d}</span>
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 110,
                  fixed: 'right' as const,
                  render: (_: unknown, r: DueVisit) => (
                    <Button size="small" type="link" onClick={() => setRecording(r)}>
                      {t('visits.record')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {recording && (
        <RecordVisitModal
          residentId={recording.residentId}
          name={recording.name}
          defaultKind={visitKinds.includes(recording.kind) ? recording.kind : undefined}
          onClose={() => setRecording(null)}
        />
      )}
    </Card>
  );
}

function CoverageTable() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { scopeNodeId } = useJurisdictionScope();
  const coverage = useVisitCoverage(scopeNodeId ?? undefined);
  return (
    <Card title={t('visits.coverage')}>
      <Typography.Paragraph type="secondary">{t('visits.coverageHelp')}</Typography.Paragraph>
      {coverage.isError && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} />
        </div>
      )}
      <Table<Coverage>
        size="small"
        rowKey="nodeId"
        loading={coverage.isFetching}
        dataSource={coverage.data ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState>{t('visits.emptyCoverage')}</EmptyState> }}
        columns={[
          {
            title: t('visits.unit'),
            dataIndex: 'name',
            render: (name: string, r) => {
              const level = nodeLevels.find((l) => l === r.level);
              return level ? labels.nameWithLevel(name, level) : name;
            },
          },
          { title: t('visits.residents'), dataIndex: 'residents', width: 110, align: 'right' },
          { title: t('visits.covered'), dataIndex: 'covered', width: 110, align: 'right' },
          {
            title: t('visits.overdue'),
            dataIndex: 'overdue',
            width: 110,
            align: 'right',
            render: (n: number) => <span style={{ color: n > 0 ? '#cf1322' : undefined }}>{n}</span>,
          },
          {
            title: t('visits.rate'),
            dataIndex: 'rate',
            width: 240,
            render: (rate: number | null) =>
              rate === null ? (
                '—'
              ) : (
                <Progress
                  percent={Math.round(rate * 100)}
                  size="small"
                  status={rate < 0.8 ? 'exception' : 'success'}
                  format={(p) => `${p ?? 0}%`}
                />
              ),
          },
        ]}
      />
    </Card>
  );
}

export function VisitsRoute() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('visits.title')} description={t('visits.description')} />
      <Flex vertical gap={16}>
        <CoverageTable />
        <DueList />
      </Flex>
    </>
  );
}
