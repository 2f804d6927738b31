/** The paged resident table: masked numbers, care tags, address; a row opens the resident's page. */
import type { ReactNode } from 'react';
import { Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { residentCountCap, type ResidentListItem } from '@linli/contracts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { useRegistryLabels } from './registry-labels.ts';

export interface ResidentsTableProps {
  residents: readonly ResidentListItem[];
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
  loading: boolean;
  empty: ReactNode;
  onPageChange: (page: number, pageSize: number) => void;
}

export const monospace: React.CSSProperties = {
  fontFamily: "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace",
  whiteSpace: 'nowrap',
};

export function residentPath(id: number): string {
  return `/residents/${id}`;
}

export function ResidentsTable({
  residents,
  total,
  totalIsCapped,
  page,
  pageSize,
  loading,
  empty,
  onPageChange,
}: ResidentsTableProps) {
  const { t } = useTranslation();
  const labels = useRegistryLabels();
  const navigate = useNavigate();

  const columns: ColumnsType<ResidentListItem> = [
    {
      title: t('registry.col.name'),
      dataIndex: 'name',
      width: 110,
      render: (name: string, r) => (
        <Flex gap={4} align="center" wrap>
          {/* A real link, so the row can be opened by keyboard and in a new tab. */}
          <Link to={residentPath(r.id)} onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
          {r.isMinor && (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('registry.minor')}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('registry.col.gender'),
      dataIndex: 'gender',
      width: 64,
      render: (g: ResidentListItem['gender']) => labels.label('gender', g),
    },
    {
      title: t('registry.col.age'),
      dataIndex: 'age',
      width: 52,
      align: 'right',
      render: (age: number | null) => age ?? '—',
    },
    {
      title: t('registry.col.idNumber'),
      dataIndex: 'idNumberMasked',
      width: 176,
      render: (v: string | null) => <span style={monospace}>{v ?? '—'}</span>,
    },
    {
      title: t('registry.col.phone'),
      dataIndex: 'phoneMasked',
      width: 116,
      render: (v: string | null) => <span style={monospace}>{v ?? '—'}</span>,
    },
    {
      title: t('registry.col.registrationType'),
      dataIndex: 'registrationType',
      width: 96,
      render: (v: ResidentListItem['registrationType']) => labels.label('registrationType', v),
    },
    {
      title: t('registry.col.relationToHead'),
      dataIndex: 'relationToHead',
      width: 100,
      render: (v: ResidentListItem['relationToHead']) => labels.label('relationToHead', v),
    },
    {
      title: t('registry.col.tags'),
      dataIndex: 'tags',
      width: 130,
      render: (tags: string[]) =>
        tags.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
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
      title: t('registry.col.address'),
      dataIndex: 'address',
      minWidth: 240,
    },
  ];

  return (
    <Table<ResidentListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={residents}
      loading={loading}
      scroll={{ x: 1120 }}
      onRow={(r) => ({ onClick: () => void navigate(residentPath(r.id)), style: { cursor: 'pointer' } })}
      locale={{ emptyText: <EmptyState>{empty}</EmptyState> }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (n) =>
          totalIsCapped
            ? t('registry.capped', { cap: residentCountCap.toLocaleString() })
            : t('common.total', { total: n }),
        onChange: onPageChange,
      }}
    />
  );
}
