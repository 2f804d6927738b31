/** A page of requests: number, summary, category, state, place, deadline (amber/red), handler, urges. */
import { Link } from 'react-router';
import { Badge, Card, Flex, Grid, List, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RequestListItem } from '@linli/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { DeadlineTag } from './deadline-tag.tsx';
import { currentDeadline } from './due-time.ts';
import { stateColors, urgencyColors, useRequestLabel } from './request-labels.ts';

export interface RequestTableProps {
  items: RequestListItem[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  empty: string;
  onPageChange: (page: number, pageSize: number) => void;
}

export function RequestTable({ items, total, page, pageSize, loading, empty, onPageChange }: RequestTableProps) {
  const { t } = useTranslation();
  const label = useRequestLabel();
  const now = new Date();
  const isPhone = Grid.useBreakpoint().md === false;
  if (isPhone) {
    // On a phone a table is unreadable: one card a request, the deadline and state on top.
    return (
      <List<RequestListItem>
        dataSource={items}
        loading={loading}
        locale={{ emptyText: <EmptyState>{empty}</EmptyState> }}
        pagination={
          total > pageSize ? { current: page, pageSize, total, size: 'small', onChange: onPageChange } : false
        }
        renderItem={(r) => (
          <List.Item style={{ padding: '6px 0', borderBlockEnd: 'none' }}>
            <Card size="small" style={{ width: '100%' }}>
              <Flex vertical gap={6}>
                <Flex gap={6} wrap align="center">
                  <Tag color={stateColors[r.state]}>{label('state', r.state)}</Tag>
                  <DeadlineTag request={r} now={now} />
                  {r.urgeCount > 0 && <Tag color="red">{t('requests.urged', { count: r.urgeCount })}</Tag>}
                </Flex>
                <Link to={`/requests/${r.id}`} style={{ fontSize: 16 }}>
                  {r.summary}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {r.address}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <Link to={`/requests/${r.id}`} style={{ fontFamily: 'monospace' }}>
                    {r.code}
                  </Link>{' '}
                  · {r.categoryName} · {formatDateTime(r.submittedAt)}
                </Typography.Text>
              </Flex>
            </Card>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table<RequestListItem>
      rowKey="id"
      size="middle"
      dataSource={items}
      loading={loading}
      locale={{ emptyText: <EmptyState>{empty}</EmptyState> }}
      scroll={{ x: 1100 }}
      rowClassName={(r) => (r.dueState === 'overdue' ? 'request-row-overdue' : '')}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (n) => t('common.total', { total: n }),
        onChange: onPageChange,
      }}
      columns={[
        {
          title: t('requests.columns.code'),
          dataIndex: 'code',
          width: 190,
          render: (code: string, r) => (
            <Link to={`/requests/${r.id}`} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
              {code}
            </Link>
          ),
        },
        {
          title: t('requests.columns.summary'),
          dataIndex: 'summary',
          render: (summary: string, r) => (
            <Flex vertical gap={2} style={{ minWidth: 200 }}>
              <Link to={`/requests/${r.id}`} style={{ color: 'inherit' }}>
                {urgencyColors[r.urgency] && (
                  <Tag color={urgencyColors[r.urgency]} style={{ marginInlineEnd: 6 }}>
                    {label('urgency', r.urgency)}
                  </Tag>
                )}
                {summary}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.categoryName} · {label('channel', r.channel)} · {formatDateTime(r.submittedAt)}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('requests.columns.state'),
          dataIndex: 'state',
          width: 100,
          render: (state: string) => <Tag color={stateColors[state]}>{label('state', state)}</Tag>,
        },
        {
          title: t('requests.columns.address'),
          dataIndex: 'address',
          width: 220,
          ellipsis: true,
        },
        {
          title: t('requests.columns.deadline'),
          key: 'deadline',
          width: 170,
          render: (_: unknown, r) => (currentDeadline(r) ? <DeadlineTag request={r} now={now} /> : '—'),
        },
        {
          title: t('requests.columns.assignee'),
          dataIndex: 'assignee',
          width: 140,
          ellipsis: true,
          render: (a: string | null) => a ?? <Typography.Text type="secondary">—</Typography.Text>,
        },
        {
          title: t('requests.columns.urge'),
          dataIndex: 'urgeCount',
          width: 80,
          align: 'center',
          render: (n: number) =>
            n > 0 ? <Badge count={n} color="red" title={t('requests.urged', { count: n })} /> : null,
        },
      ]}
    />
  );
}
