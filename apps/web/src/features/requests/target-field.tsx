/**
 * Picks where a request is dispatched: a grid or community below the dispatch node (opened level by
 * level), or a department. The category's default target comes preselected, with the reason shown.
 */
import { useState } from 'react';
import { Alert, Flex, Radio, Select, TreeSelect } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { JurisdictionNode } from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';
import { childrenQuery, detailQuery } from '../jurisdiction/index.ts';
import type { DispatchTarget } from './default-target.ts';
import { useDepartments } from './request-queries.ts';

const dispatchable = new Set(['street', 'community', 'grid']);

interface TreeNode {
  id: number;
  pId: number | null;
  value: number;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

export interface TargetFieldProps {
  /** The node the request is dispatched from: targets lie in its subtree. */
  dispatchNodeId: number;
  value?: DispatchTarget | undefined;
  onChange?: (target: DispatchTarget | undefined) => void;
  id?: string;
  /** Why the preselected target was chosen. */
  explanation?: string | undefined;
  /** The preselected node, shown before its level is opened. */
  preselected?: { nodeId: number; name: string } | undefined;
}

export function TargetField({ dispatchNodeId, value, onChange, id, explanation, preselected }: TargetFieldProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const root = useQuery(detailQuery(dispatchNodeId));
  const [kind, setKind] = useState<'node' | 'department'>(value?.departmentId !== undefined ? 'department' : 'node');
  const [loaded, setLoaded] = useState<TreeNode[]>([]);

  const toNode = (n: JurisdictionNode | { id: number; name: string; level: string; parentId: number | null }) => ({
    id: n.id,
    pId: n.id === dispatchNodeId ? null : n.parentId,
    value: n.id,
    title: `${n.name}（${labels.level(n.level as JurisdictionNode['level'])}）`,
    isLeaf: n.level === 'grid',
    selectable: dispatchable.has(n.level),
  });
  const rootNode = root.data ? [toNode(root.data)] : [];
  // The preselected node may sit deeper than what is opened so far: keep it visible by its own entry.
  const seed =
    preselected && preselected.nodeId !== dispatchNodeId && !loaded.some((n) => n.id === preselected.nodeId)
      ? [
          {
            id: preselected.nodeId,
            pId: dispatchNodeId,
            value: preselected.nodeId,
            title: preselected.name,
            isLeaf: true,
            selectable: true,
          },
        ]
      : [];
  const treeData = [...rootNode, ...seed, ...loaded.filter((n) => n.id !== dispatchNodeId)];

  return (
    <Flex vertical gap={8}>
      <Radio.Group
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as 'node' | 'department');
          onChange?.(undefined);
        }}
        optionType="button"
        options={[
          { value: 'node', label: t('requests.act.targetNode') },
          { value: 'department', label: t('requests.act.targetDepartment') },
        ]}
      />
      {kind === 'node' ? (
        <TreeSelect
          id={id}
          aria-label={t('requests.act.targetNode')}
          placeholder={t('requests.act.targetNodePlaceholder')}
          treeDataSimpleMode
          treeData={treeData}
          value={value?.nodeId}
          labelInValue={false}
          treeDefaultExpandedKeys={[dispatchNodeId]}
          loadData={async (node) => {
            const parentId = Number((node as unknown as { value: number }).value);
            const children = await queryClient.fetchQuery(childrenQuery(parentId, false));
            setLoaded((prev) => {
              const known = new Set(prev.map((p) => p.id));
              return [
                ...prev,
                ...children.filter((c) => dispatchable.has(c.level) && !known.has(c.id)).map((c) => toNode(c)),
              ];
            });
          }}
          onChange={(nodeId: number | undefined) => onChange?.(nodeId === undefined ? undefined : { nodeId })}
          style={{ width: '100%' }}
        />
      ) : (
        <Select
          id={id}
          aria-label={t('requests.act.targetDepartment')}
          placeholder={t('requests.act.departmentPlaceholder')}
          loading={departments.isLoading}
          value={value?.departmentId}
          onChange={(departmentId: number) => onChange?.({ departmentId })}
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      )}
      {explanation && <Alert type="info" showIcon title={explanation} />}
    </Flex>
  );
}
