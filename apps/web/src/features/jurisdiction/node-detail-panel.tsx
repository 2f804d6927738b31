/** One node: where it sits, what lies below it, who works there, and how it has been moved. */
import type { ReactNode } from 'react';
import { Breadcrumb, Descriptions, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { nodeLevels, type NodeDetail } from '@linli/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FullPageSpin } from '../../ui/full-page-spin.tsx';
import { usePathText } from './node-path.tsx';
import { detailQuery } from './node-queries.ts';
import { NodeTitle } from './node-title.tsx';

export interface NodeDetailPanelProps {
  nodeId: number;
  /** The root of the user's working scope: ancestors above it are shown but not links. */
  rootId?: number | null;
  onSelect: (nodeId: number) => void;
  /** Buttons for the node (the actions the user may take), given the loaded detail. */
  actions?: (node: NodeDetail) => ReactNode;
}

function MoveLine({ move }: { move: NodeDetail['moves'][number] }) {
  const { t } = useTranslation();
  const from = usePathText(move.fromPath, true);
  const to = usePathText(move.toPath, true);
  return (
    <Flex vertical>
      <Typography.Text>{t('jurisdiction.movedFromTo', { from, to })}</Typography.Text>
      {move.movedBy && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('jurisdiction.movedBy', { name: move.movedBy })}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function NodeDetailPanel({ nodeId, rootId = null, onSelect, actions }: NodeDetailPanelProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const detail = useQuery(detailQuery(nodeId));

  if (detail.isPending) return <FullPageSpin height={240} />;
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const node = detail.data;
  const rootIndex = rootId === null ? -1 : node.ancestors.findIndex((a) => a.id === rootId);
  const isLink = (index: number) => rootIndex < 0 || index >= rootIndex;
  const counts = nodeLevels
    .map((level) => ({ level, count: node.counts.descendants[level] ?? 0 }))
    .filter((c) => c.count > 0);

  return (
    <Flex vertical gap="large">
      <Flex vertical gap={8}>
        <Breadcrumb
          items={[
            ...node.ancestors.map((a, index) => ({
              key: a.id,
              title: isLink(index) ? (
                <Typography.Link onClick={() => onSelect(a.id)} title={labels.level(a.level)}>
                  {a.name}
                </Typography.Link>
              ) : (
                <span title={labels.level(a.level)}>{a.name}</span>
              ),
            })),
            { key: node.id, title: node.name },
          ]}
        />
        <Flex justify="space-between" align="center" gap="middle" wrap>
          <h2 style={{ margin: 0, minWidth: 0 }}>
            <NodeTitle name={node.name} level={node.level} isRetired={node.isRetired} large />
          </h2>
          {actions && (
            <Flex gap="small" wrap>
              {actions(node)}
            </Flex>
          )}
        </Flex>
      </Flex>

      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'level', label: t('jurisdiction.level'), children: labels.level(node.level) },
          { key: 'code', label: t('jurisdiction.code'), children: node.code ?? '—' },
          {
            key: 'status',
            label: t('jurisdiction.status'),
            children: node.isRetired ? (
              <Tag>{t('jurisdiction.retired')}</Tag>
            ) : (
              <Tag color="success">{t('jurisdiction.active')}</Tag>
            ),
          },
          {
            key: 'users',
            label: t('jurisdiction.users'),
            children: t('jurisdiction.usersCount', { count: node.counts.users }),
          },
          { key: 'created', label: t('jurisdiction.createdAt'), children: formatDateTime(node.createdAt) },
          { key: 'updated', label: t('jurisdiction.updatedAt'), children: formatDateTime(node.updatedAt) },
        ]}
      />

      <section aria-label={t('jurisdiction.counts')}>
        <Typography.Title level={5}>{t('jurisdiction.counts')}</Typography.Title>
        {counts.length === 0 ? (
          <Typography.Text type="secondary">{t('jurisdiction.noDescendants')}</Typography.Text>
        ) : (
          <Flex gap="middle" wrap>
            {counts.map(({ level, count }) => (
              <div
                key={level}
                style={{
                  minWidth: 96,
                  padding: '8px 16px',
                  background: '#f6f8fb',
                  borderRadius: 8,
                  textAlign: 'center',
                }}
              >
                <div style={{ fontSize: 22, fontWeight: 600, color: '#1f3a68' }}>{count}</div>
                <Typography.Text type="secondary">{labels.level(level)}</Typography.Text>
              </div>
            ))}
          </Flex>
        )}
      </section>

      <section aria-label={t('jurisdiction.moves')}>
        <Typography.Title level={5}>{t('jurisdiction.moves')}</Typography.Title>
        {node.moves.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jurisdiction.noMoves')} />
        ) : (
          <Timeline
            items={node.moves.map((m) => ({
              key: m.id,
              title: formatDateTime(m.movedAt),
              content: <MoveLine move={m} />,
            }))}
          />
        )}
      </section>
    </Flex>
  );
}
