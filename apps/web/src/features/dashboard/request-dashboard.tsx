/**
 * 诉求统计: the three rates and their companions for a node and period beside the previous period,
 * trend, rates by the units below, categories, channels, a table to drill from district to grid,
 * departments, hot topics and repeated complaints.
 */
import { useMemo } from 'react';
import { Link } from 'react-router';
import { Breadcrumb, Card, Col, DatePicker, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  requestLabels,
  type FigureGroup,
  type Figures,
  type FiguresAnswer,
  type HotTopicsAnswer,
  type RequestChannel,
} from '@linli/contracts';
import { pickLabel } from '../../lib/i18n.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { EChart, type ChartOption } from './echart.tsx';
import { changeOf, decimal, percent, type RateKey } from './figures-format.ts';
import { useFigures, useHotTopics } from './figures-queries.ts';
import { monthOf, presetPeriods, trendGrouping, type Period } from './period.ts';

const colors = { response: '#1677ff', resolution: '#52c41a', satisfaction: '#fa8c16' };
const pct100 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

function Kpi({
  title,
  value,
  suffix,
  change,
}: {
  title: string;
  value: string;
  suffix?: string;
  change: ReturnType<typeof changeOf>;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        suffix={suffix ? <span style={{ fontSize: 14 }}>{suffix}</span> : undefined}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {change ? (
          <>
            {t('figures.vsPrevious')}{' '}
            <span style={{ color: change.direction === 'same' ? undefined : change.isGood ? '#389e0d' : '#cf1322' }}>
              {change.direction === 'up' && <ArrowUpOutlined />}
              {change.direction === 'down' && <ArrowDownOutlined />} {change.text}
            </span>
          </>
        ) : (
          t('figures.noPrevious')
        )}
      </Typography.Text>
    </Card>
  );
}

function KpiCards({ data }: { data: FiguresAnswer }) {
  const { t } = useTranslation();
  const now = data.totals;
  const before = data.previous;
  const rate = (key: Exclude<RateKey, 'returnRate' | 'reopenRate'>) => ({
    title: t(`figures.kpi.${key}`),
    value: percent(now[key]),
    change: changeOf(key, now[key], before[key]),
  });
  const cards = [
    {
      title: t('figures.kpi.total'),
      value: String(now.counts.total),
      suffix: t('figures.units.pieces'),
      change: changeOf('total', now.counts.total, before.counts.total || null),
    },
    rate('responseRate'),
    rate('resolutionRate'),
    rate('satisfactionRate'),
    rate('onTimeResponseRate'),
    rate('onTimeResolutionRate'),
    {
      title: t('figures.kpi.avgRespondHours'),
      value: decimal(now.avgRespondHours),
      suffix: t('figures.units.hours'),
      change: changeOf('avgRespondHours', now.avgRespondHours, before.avgRespondHours),
    },
    {
      title: t('figures.kpi.avgResolveDays'),
      value: decimal(now.avgResolveDays),
      suffix: t('figures.units.days'),
      change: changeOf('avgResolveDays', now.avgResolveDays, before.avgResolveDays),
    },
  ];
  return (
    <Row gutter={[12, 12]}>
      {cards.map((c) => (
        <Col key={c.title} xs={12} md={6} xl={3}>
          <Kpi {...c} />
        </Col>
      ))}
    </Row>
  );
}

function useRateSeries() {
  const { t } = useTranslation();
  return (groups: FigureGroup[]) =>
    (
      [
        ['responseRate', colors.response],
        ['resolutionRate', colors.resolution],
        ['satisfactionRate', colors.satisfaction],
      ] as const
    ).map(([key, color]) => ({
      name: t(`figures.kpi.${key}`),
      color,
      data: groups.map((g) => pct100(g.figures[key])),
    }));
}

function TrendChart({ data }: { data: FiguresAnswer }) {
  const { t } = useTranslation();
  const rates = useRateSeries();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: data.groups.map((g) => (data.groupBy === 'day' ? g.key.slice(5) : g.key)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: t('figures.charts.count'),
          data: data.groups.map((g) => g.figures.counts.total),
          itemStyle: { color: '#bfbfbf' },
          barMaxWidth: 18,
        },
        ...rates(data.groups).map((s) => ({
          type: 'line' as const,
          yAxisIndex: 1,
          name: s.name,
          data: s.data,
          connectNulls: true,
          itemStyle: { color: s.color },
          symbolSize: 5,
        })),
      ],
    }),
    [data, rates, t],
  );
  return <EChart option={option} label={t('figures.charts.trend')} />;
}

function ChildRatesChart({ groups }: { groups: FigureGroup[] }) {
  const { t } = useTranslation();
  const rates = useRateSeries();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: groups.map((g) => g.label), axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: rates(groups).map((s) => ({
        type: 'bar' as const,
        name: s.name,
        data: s.data,
        itemStyle: { color: s.color },
        barMaxWidth: 22,
      })),
    }),
    [groups, rates],
  );
  return <EChart option={option} label={t('figures.charts.byChild')} />;
}

function CategoryChart({ groups }: { groups: FigureGroup[] }) {
  const { t } = useTranslation();
  const sorted = useMemo(
    () =>
      [...groups]
        .filter((g) => g.figures.counts.total > 0)
        .sort((a, b) => a.figures.counts.total - b.figures.counts.total),
    [groups],
  );
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 80, right: 32, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: sorted.map((g) => g.label) },
      series: [
        {
          type: 'bar',
          name: t('figures.charts.count'),
          data: sorted.map((g) => g.figures.counts.total),
          itemStyle: { color: colors.response },
          barMaxWidth: 16,
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [sorted, t],
  );
  return <EChart option={option} label={t('figures.charts.byCategory')} />;
}

function ChannelChart({ groups }: { groups: FigureGroup[] }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{d}%' },
          data: groups
            .filter((g) => g.figures.counts.total > 0)
            .map((g) => ({ name: g.label, value: g.figures.counts.total })),
        },
      ],
    }),
    [groups],
  );
  return <EChart option={option} label={t('figures.charts.byChannel')} />;
}

type Row = { key: string; label: string; figures: Figures; group?: FigureGroup };

function FiguresTable({
  rows,
  firstColumn,
  onDrill,
}: {
  rows: Row[];
  firstColumn: string;
  onDrill?: (g: FigureGroup) => void;
}) {
  const { t } = useTranslation();
  const rateColumn = (key: RateKey, title: string) => ({
    title,
    key,
    align: 'right' as const,
    sorter: (a: Row, b: Row) => (a.figures[key] ?? -1) - (b.figures[key] ?? -1),
    render: (_: unknown, r: Row) => percent(r.figures[key]),
  });
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: firstColumn,
          key: 'label',
          fixed: 'left',
          width: 160,
          render: (_, r) =>
            r.group?.canDrill && onDrill ? (
              <Typography.Link onClick={() => onDrill(r.group!)}>{r.label}</Typography.Link>
            ) : (
              r.label
            ),
        },
        {
          title: t('figures.table.total'),
          key: 'total',
          width: 92,
          align: 'right',
          sorter: (a, b) => a.figures.counts.total - b.figures.counts.total,
          defaultSortOrder: undefined,
          render: (_, r) => r.figures.counts.total,
        },
        rateColumn('responseRate', t('figures.kpi.responseRate')),
        rateColumn('resolutionRate', t('figures.kpi.resolutionRate')),
        rateColumn('satisfactionRate', t('figures.kpi.satisfactionRate')),
        rateColumn('onTimeResponseRate', t('figures.kpi.onTimeResponseRate')),
        rateColumn('onTimeResolutionRate', t('figures.kpi.onTimeResolutionRate')),
        rateColumn('returnRate', t('figures.table.returnRate')),
        rateColumn('reopenRate', t('figures.table.reopenRate')),
        {
          title: `${t('figures.kpi.avgRespondHours')}（${t('figures.units.hours')}）`,
          key: 'h',
          align: 'right',
          render: (_, r) => decimal(r.figures.avgRespondHours),
        },
        {
          title: `${t('figures.kpi.avgResolveDays')}（${t('figures.units.days')}）`,
          key: 'd',
          align: 'right',
          render: (_, r) => decimal(r.figures.avgResolveDays),
        },
      ]}
    />
  );
}

function TrendTag({ trend }: { trend: number | null }) {
  const { t } = useTranslation();
  if (trend === null) return <Tag color="magenta">{t('figures.hot.newTopic')}</Tag>;
  const p = Math.round(trend * 100);
  return <Tag color={p > 20 ? 'red' : p < -20 ? 'green' : 'default'}>{`${p > 0 ? '+' : ''}${p}%`}</Tag>;
}

function HotTopics({ data }: { data: HotTopicsAnswer }) {
  const { t } = useTranslation();
  const spark = (previous: number[], count: number) => [...previous, count].join(' → ');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('figures.hot.categories')}</Typography.Title>
        <Table
          size="small"
          rowKey="categoryId"
          pagination={false}
          dataSource={data.categories}
          locale={{ emptyText: <EmptyState>{t('figures.hot.empty')}</EmptyState> }}
          columns={[
            { title: t('figures.repeated.category'), dataIndex: 'name' },
            {
              title: data.months.map((m) => m.slice(5)).join(' → '),
              key: 's',
              render: (_, r) => spark(r.previous, r.count),
            },
            { title: t('figures.hot.trend'), key: 't', width: 110, render: (_, r) => <TrendTag trend={r.trend} /> },
          ]}
        />
      </Col>
      <Col xs={24} lg={12}>
        <Typography.Title level={5}>{t('figures.hot.places')}</Typography.Title>
        <Table
          size="small"
          rowKey="nodeId"
          pagination={false}
          dataSource={data.places}
          locale={{ emptyText: <EmptyState>{t('figures.hot.empty')}</EmptyState> }}
          columns={[
            {
              title: t('figures.repeated.place'),
              key: 'p',
              render: (_, r) => (
                <Flex gap={6} align="center">
                  <Tag>{t(`figures.hot.level.${r.level as 'community' | 'grid' | 'building'}`)}</Tag>
                  <Typography.Text ellipsis={{ tooltip: r.address }} style={{ maxWidth: 260 }}>
                    {r.address}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: data.months.map((m) => m.slice(5)).join(' → '),
              key: 's',
              render: (_, r) => spark(r.previous, r.count),
            },
            { title: t('figures.hot.trend'), key: 't', width: 110, render: (_, r) => <TrendTag trend={r.trend} /> },
          ]}
        />
      </Col>
    </Row>
  );
}

function RepeatedComplaints({ data }: { data: HotTopicsAnswer }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(r) => r.requests.map((x) => x.id).join('-')}
      pagination={false}
      dataSource={data.repeatedComplaints}
      scroll={{ x: 900 }}
      locale={{ emptyText: <EmptyState>{t('figures.repeated.empty')}</EmptyState> }}
      columns={[
        { title: t('figures.repeated.phone'), dataIndex: 'phoneMasked', width: 130 },
        { title: t('figures.repeated.category'), dataIndex: 'categoryName', width: 110 },
        { title: t('figures.repeated.place'), dataIndex: 'address', ellipsis: true },
        {
          title: t('figures.repeated.count'),
          dataIndex: 'count',
          width: 80,
          align: 'right',
          render: (n: number) => <Tag color="red">{n}</Tag>,
        },
        {
          title: t('figures.repeated.span'),
          key: 'span',
          width: 200,
          render: (_, r) => `${dayjs(r.firstAt).format('MM-DD')} — ${dayjs(r.lastAt).format('MM-DD')}`,
        },
        {
          title: t('figures.repeated.requests'),
          key: 'codes',
          width: 260,
          render: (_, r) => (
            <Flex gap={4} wrap>
              {r.requests.map((x) => (
                <Link key={x.id} to={`/requests/${x.id}`} style={{ fontSize: 12 }}>
                  {x.code}
                </Link>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}

export interface RequestDashboardProps {
  nodeId: number | undefined;
  period: Period;
  onNode: (nodeId: number) => void;
  onPeriod: (p: Period) => void;
}

export function RequestDashboard({ nodeId, period, onNode, onPeriod }: RequestDashboardProps) {
  const { t } = useTranslation();
  const filter = { nodeId, ...period };
  const byChild = useFigures(filter, 'child');
  const byCategory = useFigures(filter, 'category');
  const byChannel = useFigures(filter, 'channel');
  const trend = useFigures(filter, trendGrouping(period));
  const hot = useHotTopics(nodeId, monthOf(period));
  const presets = presetPeriods();
  const data = byChild.data;
  const error = byChild.error ?? byCategory.error ?? byChannel.error ?? trend.error;

  const rows: Row[] = (data?.groups ?? []).map((g) => ({ key: g.key, label: g.label, figures: g.figures, group: g }));
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Breadcrumb
            items={(data?.trail ?? []).map((n, i, all) => ({
              key: n.id,
              title:
                i === all.length - 1 ? (
                  <Typography.Text strong>{n.name}</Typography.Text>
                ) : (
                  <Typography.Link onClick={() => onNode(n.id)}>{n.name}</Typography.Link>
                ),
            }))}
          />
          <Flex align="center" gap={8} wrap>
            <Typography.Text type="secondary">{t('figures.period')}</Typography.Text>
            <DatePicker.RangePicker
              aria-label={t('figures.period')}
              allowClear={false}
              value={[dayjs(period.from), dayjs(period.to)]}
              presets={(Object.keys(presets) as (keyof typeof presets)[]).map((k) => ({
                label: t(`figures.presets.${k}`),
                value: [dayjs(presets[k].from), dayjs(presets[k].to)],
              }))}
              onChange={(v) => {
                if (v?.[0] && v[1]) onPeriod({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
              }}
            />
            {data && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('figures.compared', data.previousPeriod)}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
      </Card>
      {error && <ErrorAlert error={error} onRetry={() => void byChild.refetch()} />}
      {data && <KpiCards data={data} />}
      {data && data.totals.counts.total === 0 && <EmptyState>{t('figures.empty')}</EmptyState>}
      {data && data.totals.counts.total > 0 && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={data.groups.length > 0 ? 12 : 24}>
              <Card size="small" title={t('figures.charts.trend')}>
                {trend.data && <TrendChart data={trend.data} />}
              </Card>
            </Col>
            {/* A grid is the finest unit of the figures: nothing below it to compare. */}
            {data.groups.length > 0 && (
              <Col xs={24} xl={12}>
                <Card size="small" title={t('figures.charts.byChild')}>
                  <ChildRatesChart groups={data.groups} />
                </Card>
              </Col>
            )}
            <Col xs={24} xl={12}>
              <Card size="small" title={t('figures.charts.byCategory')}>
                {byCategory.data && <CategoryChart groups={byCategory.data.groups} />}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('figures.charts.byChannel')}>
                {byChannel.data && (
                  <ChannelChart
                    groups={byChannel.data.groups.map((g) => ({
                      ...g,
                      label:
                        g.key in requestLabels.channel
                          ? pickLabel(requestLabels.channel[g.key as RequestChannel])
                          : g.label,
                    }))}
                  />
                )}
              </Card>
            </Col>
          </Row>
          {rows.length > 0 && (
            <Card size="small" title={t('figures.table.title')}>
              <FiguresTable
                rows={rows}
                firstColumn={t('figures.table.unit')}
                onDrill={(g) => g.nodeId && onNode(g.nodeId)}
              />
            </Card>
          )}
          {data.byDepartment.length > 0 && (
            <Card size="small" title={t('figures.departments.title')}>
              <FiguresTable
                rows={data.byDepartment.map((d) => ({
                  key: String(d.departmentId),
                  label: d.name,
                  figures: d.figures,
                }))}
                firstColumn={t('figures.departments.name')}
              />
            </Card>
          )}
        </>
      )}
      {hot.data && (
        <>
          <Card
            size="small"
            title={t('figures.hot.title')}
            extra={
              <Typography.Text type="secondary">{t('figures.hot.month', { month: hot.data.month })}</Typography.Text>
            }
          >
            <HotTopics data={hot.data} />
          </Card>
          <Card size="small" title={t('figures.repeated.title')}>
            <RepeatedComplaints data={hot.data} />
          </Card>
        </>
      )}
    </Flex>
  );
}
