/** Nodes matching a search, each with where it sits, as a list of buttons that select the node. */
import { Empty, Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FullPageSpin } from '../../ui/full-page-spin.tsx';
import { NodePath } from './node-path.tsx';
import { searchQuery } from './node-queries.ts';
import { NodeTitle } from './node-title.tsx';

export function NodeSearchResults({
  q,
  includeRetired,
  selectedId,
  onSelect,
}: {
  q: string;
  includeRetired: boolean;
  selectedId: number | undefined;
  onSelect: (nodeId: number) => void;
}) {
  const { t } = useTranslation();
  const results = useQuery(searchQuery(q, includeRetired));

  if (results.isPending) return <FullPageSpin height={200} />;
  if (results.isError) return <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />;
  if (results.data.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jurisdiction.searchEmpty', { q })} />;
  }

  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">
        {t('jurisdiction.searchResults', { count: results.data.length })}
      </Typography.Text>
      <ul
        aria-label={t('jurisdiction.searchResults', { count: results.data.length })}
        style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 560, overflow: 'auto' }}
      >
        {results.data.map((n) => (
          <li key={n.id}>
            <button
              type="button"
              onClick={() => onSelect(n.id)}
              aria-current={n.id === selectedId ? 'true' : undefined}
              style={{
                display: 'block',
                width: '100%',
                textAlign: 'left',
                border: 'none',
                borderRadius: 6,
                padding: '8px 10px',
                cursor: 'pointer',
                background: n.id === selectedId ? '#e6f0ff' : 'transparent',
                font: 'inherit',
              }}
            >
              <NodeTitle name={n.name} level={n.level} isRetired={n.isRetired} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <NodePath path={n.path} parentsOnly type="secondary" />
              </Typography.Text>
            </button>
          </li>
        ))}
      </ul>
    </Flex>
  );
}
