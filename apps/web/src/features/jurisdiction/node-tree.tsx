/** The jurisdiction tree, loading each node's children when it is first expanded. */
import { useState, type Key } from 'react';
import { Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JurisdictionNode } from '@linli/contracts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FullPageSpin } from '../../ui/full-page-spin.tsx';
import { childrenQuery, rootsQuery } from './node-queries.ts';
import { NodeTitle } from './node-title.tsx';

export interface NodeTreeProps {
  /** The node to show as the only root, or null for the top nodes visible to the user. */
  rootId: number | null;
  includeRetired: boolean;
  selectedId: number | undefined;
  onSelect: (nodeId: number) => void;
  /** Rendered instead of the tree when there is no node at all. */
  empty: React.ReactNode;
  height?: number;
}

interface TreeItem extends DataNode {
  key: number;
}

export function NodeTree({ rootId, includeRetired, selectedId, onSelect, empty, height = 560 }: NodeTreeProps) {
  const queryClient = useQueryClient();
  const roots = useQuery(rootsQuery(rootId, includeRetired));
  const [loadedKeys, setLoadedKeys] = useState<number[]>([]);
  const [expandedKeys, setExpandedKeys] = useState<Key[]>(rootId === null ? [] : [rootId]);
  // Children stay subscribed, so invalidating the tree after an action refetches every open level.
  const children = useQueries({
    queries: loadedKeys.map((id) => childrenQuery(id, includeRetired)),
    combine: (results) => {
      const byParent = new Map<number, JurisdictionNode[]>();
      results.forEach((r, i) => {
        const parentId = loadedKeys[i];
        if (parentId !== undefined && r.data) byParent.set(parentId, r.data);
      });
      return byParent;
    },
  });

  if (roots.isPending) return <FullPageSpin height={240} />;
  if (roots.isError) return <ErrorAlert error={roots.error} onRetry={() => void roots.refetch()} />;
  if (roots.data.length === 0) return <>{empty}</>;

  const build = (nodes: readonly JurisdictionNode[]): TreeItem[] =>
    nodes.map((n) => {
      const kids = children.get(n.id);
      return {
        key: n.id,
        title: <NodeTitle name={n.name} level={n.level} isRetired={n.isRetired} />,
        isLeaf: kids ? kids.length === 0 : n.childCount === 0,
        children: kids ? build(kids) : undefined,
      };
    });

  const loadData = async ({ key }: { key: Key }) => {
    const id = Number(key);
    await queryClient.fetchQuery(childrenQuery(id, includeRetired));
    setLoadedKeys((keys) => (keys.includes(id) ? keys : [...keys, id]));
  };

  return (
    <Tree<TreeItem>
      blockNode
      showLine
      height={height}
      treeData={build(roots.data)}
      loadData={loadData}
      loadedKeys={loadedKeys}
      expandedKeys={expandedKeys}
      onExpand={(keys) => setExpandedKeys(keys)}
      selectedKeys={selectedId === undefined ? [] : [selectedId]}
      onSelect={(_keys, { node }) => onSelect(node.key)}
    />
  );
}
