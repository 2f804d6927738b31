/**
 * 疑似重复: groups of residents with the same household, name and birth date; a group opens a
 * side-by-side comparison where the worker keeps one record and merges the others into it (both
 * histories stay readable from the kept one; the merge is audited with its reason).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { routes, type DuplicateGroup, type ResidentDetail } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useHasPermission } from '../auth/index.ts';
import { registryKeys, residentQuery } from './registry-queries.ts';
import { useRegistryLabels } from './registry-labels.ts';
import { monospace, residentPath } from './residents-table.tsx';

export function useDuplicates(nodeId: number | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...registryKeys.all, 'duplicates', nodeId ?? null, page, pageSize],
    queryFn: ({ signal }) => apiCall(routes.listDuplicateResidents, { query: { nodeId, page, pageSize }, signal }),
  });
}

/** Merge each of `others` into `survivor`, one after another (each merge gives the survivor a new version). */
function useMergeResidents() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (v: { survivor: ResidentDetail; others: ResidentDetail[]; reason: string }) => {
      let kept = v.survivor;
      for (const other of v.others)
        kept = await apiCall(routes.mergeResident, {
          params: { id: kept.id },
          body: { otherId: other.id, version: kept.version, otherVersion: other.version, reason: v.reason },
        });
      return kept;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registryKeys.all }),
  });
}

function CompareModal({ group, onClose }: { group: DuplicateGroup; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useRegistryLabels();
  const { message } = App.useApp();
  const canManage = useHasPermission('registry.manage');
  const details = useQueries({ queries: group.residents.map((r) => residentQuery(r.id)) });
  const records = details.map((d) => d.data).filter((d): d is ResidentDetail => d !== undefined);
  const [keepId, setKeepId] = useState<number>(group.residents[0]?.id ?? 0);
  const [form] = Form.useForm<{ reason: string }>();
  const merge = useMergeResidents();
  const loading = details.some((d) => d.isPending);
  const failed = details.find((d) => d.isError);

  const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);
  const rows: { key: string; label: string; value: (r: ResidentDetail) => React.ReactNode }[] = [
    { key: 'name', label: t('registry.fields.name'), value: (r) => r.name },
    { key: 'gender', label: t('registry.fields.gender'), value: (r) => labels.label('gender', r.gender) },
    { key: 'birthDate', label: t('registry.fields.birthDate'), value: (r) => dash(r.birthDate) },
    {
      key: 'idNumber',
      label: t('registry.fields.idNumber'),
      value: (r) => <span style={monospace}>{dash(r.idNumberMasked)}</span>,
    },
    {
      key: 'phone',
      label: t('registry.fields.phone'),
      value: (r) => <span style={monospace}>{dash(r.phoneMasked)}</span>,
    },
    {
      key: 'registrationType',
      label: t('registry.fields.registrationType'),
      value: (r) => labels.label('registrationType', r.registrationType),
    },
    {
      key: 'relationToHead',
      label: t('registry.fields.relationToHead'),
      value: (r) => labels.label('relationToHead', r.relationToHead),
    },
    { key: 'address', label: t('registry.fields.address'), value: (r) => r.address },
    {
      key: 'tags',
      label: t('registry.fields.tags'),
      value: (r) => (r.tags.length ? r.tags.map((c) => <Tag key={c}>{labels.tagName(c)}</Tag>) : '—'),
    },
    { key: 'notes', label: t('registry.fields.notes'), value: (r) => dash(r.notes) },
    { key: 'events', label: t('duplicates.history'), value: (r) => t('duplicates.eventCount', { n: r.events.length }) },
    { key: 'createdAt', label: t('registry.fields.createdAt'), value: (r) => formatDateTime(r.createdAt) },
  ];

  const survivor = records.find((r) => r.id === keepId);
  const others = records.filter((r) => r.id !== keepId);
  const submit = ({ reason }: { reason: string }) => {
    if (!survivor) return;
    merge.mutate(
      { survivor, others, reason: reason.trim() },
      {
        onSuccess: (kept) => {
          void message.success(t('duplicates.merged', { name: kept.name }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      width={Math.min(1100, 280 + 300 * group.residents.length)}
      title={t('duplicates.compareTitle', { name: group.name })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        canManage
          ? [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="merge"
                type="primary"
                danger
                icon={<MergeCellsOutlined />}
                loading={merge.isPending}
                disabled={!survivor || others.length === 0}
                onClick={() => form.submit()}
              >
                {t('duplicates.merge')}
              </Button>,
            ]
          : [
              <Button key="close" onClick={onClose}>
                {t('common.close')}
              </Button>,
            ]
      }
    >
      {failed?.error && <ErrorAlert error={failed.error} />}
      <Table<(typeof rows)[number]>
        size="small"
        bordered
        loading={loading}
        pagination={false}
        rowKey="key"
        dataSource={loading ? [] : rows}
        columns={[
          {
            title: '',
            dataIndex: 'label',
            width: 120,
            render: (l: string) => <Typography.Text strong>{l}</Typography.Text>,
          },
          ...records.map((r) => ({
            key: String(r.id),
            title: (
              <Radio checked={keepId === r.id} onChange={() => setKeepId(r.id)} disabled={!canManage}>
                {keepId === r.id ? t('duplicates.keep') : t('duplicates.mergeAway')}{' '}
                <Link to={residentPath(r.id)} target="_blank">
                  #{r.id}
                </Link>
              </Radio>
            ),
            render: (_: unknown, row: (typeof rows)[number]) => row.value(r),
          })),
        ]}
      />
      {canManage && (
        <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 16 }}>
          <Alert type="info" showIcon title={t('duplicates.mergeHelp')} style={{ marginBottom: 16 }} />
          {merge.isError && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={merge.error} />
            </div>
          )}
          <Form.Item
            label={t('duplicates.reason')}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('duplicates.reasonRequired') },
              { min: 2, message: t('duplicates.reasonRequired') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('duplicates.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function DuplicatesView({ nodeId }: { nodeId: number | undefined }) {
  const { t } = useTranslation();
  const labels = useRegistryLabels();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const duplicates = useDuplicates(nodeId, paging.page, paging.pageSize);
  const [open, setOpen] = useState<DuplicateGroup | null>(null);

  return (
    <Card>
      {duplicates.isError && <ErrorAlert error={duplicates.error} onRetry={() => void duplicates.refetch()} />}
      <Table<DuplicateGroup>
        rowKey={(g) => g.residents.map((r) => r.id).join('-')}
        loading={duplicates.isFetching}
        dataSource={duplicates.data?.items ?? []}
        locale={{ emptyText: <EmptyState>{t('duplicates.empty')}</EmptyState> }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: duplicates.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: t('registry.col.name'), dataIndex: 'name', width: 120 },
          {
            title: t('registry.fields.birthDate'),
            dataIndex: 'birthDate',
            width: 120,
            render: (v: string | null) => v ?? '—',
          },
          { title: t('registry.col.address'), dataIndex: 'address' },
          {
            title: t('duplicates.records'),
            key: 'records',
            render: (_, g) =>
              g.residents.map((r) => (
                <Tag key={r.id}>
                  {labels.label('registrationType', r.registrationType)} · {r.idNumberMasked ?? t('duplicates.noId')}
                </Tag>
              )),
          },
          {
            title: '',
            key: 'action',
            width: 120,
            render: (_, g) => (
              <Button size="small" onClick={() => setOpen(g)}>
                {t('duplicates.compare')}
              </Button>
            ),
          },
        ]}
      />
      {open && <CompareModal group={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
