/**
 * Picks a household (户) node: search by building or room name, or open the levels one by one
 * (community → grid → building → unit → household). Only a household can be chosen; any other node
 * opens to show what lies below it.
 */
import { useRef, useState } from 'react';
import { Flex, Select, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { JurisdictionNode } from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';
import { useDebouncedValue } from '../../ui/use-debounced-value.ts';
import { childrenQuery, detailQuery, searchQuery, useNodeNames, usePathText } from '../jurisdiction/index.ts';

const BACK = -1;

export interface HouseholdSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (nodeId: number | null) => void;
  'aria-label'?: string;
  status?: 'error' | 'warning';
}

function HouseholdOption({ node }: { node: JurisdictionNode }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const where = usePathText(node.path, true);
  const isHousehold = node.level === 'household';
  return (
    <Flex justify="space-between" align="center" gap={8} style={{ minWidth: 0 }}>
      <Flex vertical style={{ minWidth: 0, padding: '2px 0' }}>
        <Flex gap={6} align="center">
          <span style={{ fontWeight: isHousehold ? 600 : undefined }}>{node.name}</span>
          <Tag color={isHousehold ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
            {labels.level(node.level)}
          </Tag>
        </Flex>
        {/* Where it sits tells same-named rooms apart; a path the user may not see says nothing. */}
        {where !== '…' && (
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
            {where}
          </Typography.Text>
        )}
      </Flex>
      {!isHousehold && (
        <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }}>
          {t('registry.householdOpen')} <RightOutlined />
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The chosen household as its building (and unit) and room: "28幢 1单元201室". */
function ChosenHousehold({ nodeId }: { nodeId: number }) {
  const detail = useQuery(detailQuery(nodeId));
  const names = useNodeNames(detail.data ? [] : [nodeId]);
  if (!detail.data) return <>{names.get(nodeId) ?? `#${nodeId}`}</>;
  const above = detail.data.ancestors.filter((a) => a.level === 'building' || a.level === 'unit').map((a) => a.name);
  return <>{[...above, detail.data.name].join(' ')}</>;
}

export function HouseholdSelect({ id, value, onChange, status, 'aria-label': ariaLabel }: HouseholdSelectProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  // Opening a level is a "selection" to the select, which then closes its list; keep it open instead.
  const keepOpen = useRef(false);
  const [trail, setTrail] = useState<JurisdictionNode[]>([]);
  const q = useDebouncedValue(text.trim(), 300);
  const browsing = trail.at(-1);
  const below = useQuery({ ...childrenQuery(browsing?.id ?? null, false), enabled: q === '' });
  const found = useQuery(searchQuery(q, false));
  const nodes = (q === '' ? below.data : found.data) ?? [];
  // Households first to choose; nodes above them to open. Nothing below a household level matters here.
  const shown = q === '' ? nodes : nodes.filter((n) => ['building', 'unit', 'household'].includes(n.level));
  const isLoading = q === '' ? below.isFetching : found.isFetching;

  const options = [
    ...(q === '' && browsing
      ? [
          {
            value: BACK,
            title: t('registry.householdBack'),
            label: (
              <Typography.Text type="secondary">
                <ArrowLeftOutlined /> {t('registry.householdBack')}（{browsing.name}）
              </Typography.Text>
            ),
          },
        ]
      : []),
    ...shown.map((n) => ({ value: n.id, title: n.name, label: <HouseholdOption node={n} /> })),
  ];

  const select = (v: number | undefined) => {
    if (v === undefined) {
      onChange?.(null);
      return;
    }
    if (v === BACK) {
      keepOpen.current = true;
      setOpen(true);
      setTrail((tr) => tr.slice(0, -1));
      return;
    }
    const node = shown.find((n) => n.id === v);
    if (!node) return;
    if (node.level !== 'household') {
      // Open it: show its children, keep the list open.
      keepOpen.current = true;
      setOpen(true);
      setTrail((tr) => [...tr, node]);
      setText('');
      return;
    }
    setText('');
    setOpen(false);
    onChange?.(node.id);
  };

  return (
    <Select<number>
      id={id}
      aria-label={ariaLabel}
      status={status}
      open={open}
      onOpenChange={(next) => {
        if (!next && keepOpen.current) {
          keepOpen.current = false;
          return;
        }
        keepOpen.current = false;
        setOpen(next);
        if (!next) setText('');
      }}
      value={value ?? undefined}
      placeholder={t('registry.householdHint')}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      loading={isLoading}
      style={{ width: '100%' }}
      popupMatchSelectWidth
      listHeight={320}
      notFoundContent={
        isLoading
          ? t('common.loading')
          : q === ''
            ? t('jurisdiction.nodeSelectEmpty')
            : t('jurisdiction.nodeSelectNoMatch')
      }
      labelRender={({ value: v }) => <ChosenHousehold nodeId={Number(v)} />}
      options={options}
      onChange={(v: number | undefined) => select(v)}
      onClear={() => select(undefined)}
    />
  );
}
