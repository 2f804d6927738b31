/** The paged audit log; each row expands to its summary JSON. */
import type { ReactNode } from 'react';
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { auditActionLabels, auditEntityLabels, routes, type AuditEntry } from '@linli/contracts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { JsonView } from '../../ui/json-view.tsx';

const outcomeColour: Record<AuditEntry['outcome'], string> = {
  success: 'success',
  failure: 'error',
  denied: 'warning',
};

export interface AuditTableProps {
  entries: readonly AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  empty: ReactNode;
  onPageChange: (page: number, pageSize: number) => void;
}

function hasSummary(summary: unknown): boolean {
  if (summary === null || summary === undefined) return false;
  if (typeof summary === 'object') return Object.keys(summary).length > 0;
  return true;
}

type Lang = 'zh' | 'en';

/** A readable name for an action: its label, or for a refused request the route's summary. */
function actionLabel(action: string, lang: Lang): string | null {
  const known = auditActionLabels[action];
  if (known) return known[lang];
  const routeId = action.startsWith('http.') ? action.slice(5) : null;
  if (routeId && routeId in routes) return routes[routeId as keyof typeof routes].summary;
  return null;
}

function summaryName(summary: unknown): string | null {
  if (typeof summary !== 'object' || summary === null) return null;
  const s = summary as { name?: unknown; username?: unknown };
  return typeof s.name === 'string' ? s.name : typeof s.username === 'string' ? s.username : null;
}

export function AuditTable({ entries, total, page, pageSize, loading, empty, onPageChange }: AuditTableProps) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 140,
      render: (_: unknown, e) => e.actorName ?? (e.actorId === null ? t('audit.system') : `#${e.actorId}`),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 230,
      render: (action: string) => {
        const label = actionLabel(action, lang);
        return (
          <div>
            {label && <div>{label}</div>}
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {action}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_: unknown, e) => {
        if (!e.entityType) return '—';
        const type = auditEntityLabels[e.entityType]?.[lang] ?? e.entityType;
        const name = summaryName(e.summary);
        return `${type}${e.entityId ? ` #${e.entityId}` : ''}${name ? `（${name}）` : ''}`;
      },
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (outcome: AuditEntry['outcome']) => (
        <Tag color={outcomeColour[outcome]}>{t(`audit.outcomes.${outcome}`)}</Tag>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <Table<AuditEntry>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={entries}
      loading={loading}
      scroll={{ x: 900 }}
      locale={{ emptyText: <EmptyState>{empty}</EmptyState> }}
      expandable={{
        expandedRowRender: (e) =>
          hasSummary(e.summary) ? (
            <JsonView value={e.summary} label={t('audit.summary')} />
          ) : (
            <Typography.Text type="secondary">{t('audit.noSummary')}</Typography.Text>
          ),
      }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (n) => t('common.total', { total: n }),
        onChange: onPageChange,
      }}
    />
  );
}
