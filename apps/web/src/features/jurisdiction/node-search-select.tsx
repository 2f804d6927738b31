/** A select that finds a jurisdiction node by searching the server (`GET /api/v1/nodes?q=`). */
import { useState, type CSSProperties } from 'react';
import { Flex, Select, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { JurisdictionNode } from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';
import { useDebouncedValue } from '../../ui/use-debounced-value.ts';
import { useNodeNames } from './node-names.ts';
import { NodePath } from './node-path.tsx';
import { childrenQuery, searchQuery } from './node-queries.ts';

export interface NodeSearchSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (nodeId: number | null, node: JurisdictionNode | undefined) => void;
  /** Leaves out nodes that may not be chosen here (e.g. a move's invalid parents). */
  filter?: (node: JurisdictionNode) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
  status?: 'error' | 'warning';
}

function NodeOption({ node }: { node: JurisdictionNode }) {
  const labels = useLabels();
  return (
    <Flex vertical style={{ minWidth: 0, padding: '2px 0' }}>
      <Flex gap={6} align="center">
        <span>{node.name}</span>
        <Tag style={{ marginInlineEnd: 0 }}>{labels.level(node.level)}</Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <NodePath path={node.path} parentsOnly type="secondary" />
      </Typography.Text>
    </Flex>
  );
}

export function NodeSearchSelect({
  id,
  value,
  onChange,
  filter,
  placeholder,
  allowClear = true,
  style,
  status,
  'aria-label': ariaLabel,
}: NodeSearchSelectProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const top = useQuery({ ...childrenQuery(null, false), enabled: q === '' });
  const found = useQuery(searchQuery(q, false));
  const nodes = (q === '' ? top.data : found.data) ?? [];
  const shown = filter ? nodes.filter(filter) : nodes;
  const names = useNodeNames(value ? [value] : []);
  const isLoading = q === '' ? top.isFetching : found.isFetching;

  return (
    <Select<number>
      id={id}
      aria-label={ariaLabel}
      status={status}
      value={value ?? undefined}
      placeholder={placeholder ?? t('jurisdiction.nodeSelectPlaceholder')}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      loading={isLoading}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={320}
      notFoundContent={
        isLoading
          ? t('common.loading')
          : q === ''
            ? t('jurisdiction.nodeSelectEmpty')
            : t('jurisdiction.nodeSelectNoMatch')
      }
      labelRender={({ value: v }) =>
        names.get(Number(v)) ?? nodes.find((n) => n.id === Number(v))?.name ?? `#${String(v)}`
      }
      options={shown.map((n) => ({ value: n.id, label: <NodeOption node={n} />, title: n.name }))}
      onChange={(v: number | undefined) => {
        setText('');
        onChange?.(
          v ?? null,
          shown.find((n) => n.id === v),
        );
      }}
      onOpenChange={(open) => {
        if (!open) setText('');
      }}
    />
  );
}
