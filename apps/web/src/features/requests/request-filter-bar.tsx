/** Filters of the request lists: search by number or text, state, category, channel, place, dates. */
import { DatePicker, Flex, Input, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { requestChannels, requestStates } from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';
import { NodeSearchSelect } from '../jurisdiction/index.ts';
import { categoryName, categoryTree, type CategoryNode } from './category-tree.ts';
import { useCategories } from './request-queries.ts';
import { useRequestLabel } from './request-labels.ts';

export interface RequestFilters {
  q?: string | undefined;
  state?: (typeof requestStates)[number] | undefined;
  categoryId?: number | undefined;
  channel?: (typeof requestChannels)[number] | undefined;
  nodeId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

interface TreeOption {
  value: number;
  title: string;
  children?: TreeOption[];
}

export function toTreeOptions(nodes: CategoryNode[], language: 'zh-CN' | 'en'): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: categoryName(n, language),
    ...(n.children ? { children: toTreeOptions(n.children, language) } : {}),
  }));
}

export function RequestFilterBar({
  value,
  onChange,
}: {
  value: RequestFilters;
  onChange: (next: RequestFilters) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLabels();
  const label = useRequestLabel();
  const categories = useCategories();
  const set = (patch: Partial<RequestFilters>) => onChange({ ...value, ...patch });

  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <Input.Search
        aria-label={t('requests.filters.search')}
        placeholder={t('requests.filters.searchPlaceholder')}
        allowClear
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 240 }}
      />
      <Select
        aria-label={t('requests.filters.state')}
        placeholder={t('requests.filters.state')}
        allowClear
        value={value.state}
        onChange={(state) => set({ state })}
        style={{ width: 130 }}
        options={requestStates.map((s) => ({ value: s, label: label('state', s) }))}
      />
      <TreeSelect
        aria-label={t('requests.filters.category')}
        placeholder={t('requests.filters.category')}
        allowClear
        treeDefaultExpandAll={false}
        value={value.categoryId}
        onChange={(categoryId: number | undefined) => set({ categoryId })}
        style={{ width: 170 }}
        treeData={toTreeOptions(categoryTree(categories.data ?? []), language)}
        showSearch={{ treeNodeFilterProp: 'title' }}
      />
      <Select
        aria-label={t('requests.filters.channel')}
        placeholder={t('requests.filters.channel')}
        allowClear
        value={value.channel}
        onChange={(channel) => set({ channel })}
        style={{ width: 130 }}
        options={requestChannels.map((c) => ({ value: c, label: label('channel', c) }))}
      />
      <NodeSearchSelect
        aria-label={t('requests.filters.node')}
        placeholder={t('requests.filters.node')}
        value={value.nodeId ?? null}
        onChange={(nodeId) => set({ nodeId: nodeId ?? undefined })}
        style={{ width: 180 }}
      />
      <DatePicker.RangePicker
        aria-label={t('requests.filters.dates')}
        value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
        onChange={(range) =>
          set({
            from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
            to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
          })
        }
        style={{ width: 250 }}
      />
    </Flex>
  );
}
