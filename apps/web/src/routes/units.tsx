/** 辖区单位: search units by name or credit code, filter by kind; register one; open one for details. */
import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Table, Tag } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { routes, unitKinds, unitStatuses, type UnitListItem } from '@linli/contracts';
import { useHasPermission } from '../features/auth/index.ts';
import { useHousingLabels } from '../features/housing/index.ts';
import { useJurisdictionScope } from '../features/jurisdiction/index.ts';
import { RevealExportButton } from '../features/registry/index.ts';
import { OverrideBadge, UnitDrawer, UnitFormModal, useUnits } from '../features/units/index.ts';
import { apiDownload } from '../lib/api-files.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { PageHeader } from '../ui/page-header.tsx';

export function UnitsRoute() {
  const { t } = useTranslation();
  const labels = useHousingLabels();
  const canManage = useHasPermission('registry.manage');
  // Religious sites are sensitive: without the permission the kind is not offered (the server omits them anyway).
  const mayReadSensitive = useHasPermission('registry.sensitive');
  const { scopeNodeId } = useJurisdictionScope();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<(typeof unitKinds)[number]>();
  const [status, setStatus] = useState<(typeof unitStatuses)[number]>('active');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);
  const filters = { q: q || undefined, kind, status, nodeId: scopeNodeId ?? undefined };
  const units = useUnits({ ...filters, ...paging });
  const reset = () => setPaging((p) => ({ ...p, page: 1 }));

  return (
    <>
      <PageHeader
        title={t('units.title')}
        description={t('units.description')}
        extra={
          canManage && (
            <>
              <Link to="/residents/import?kind=units">
                <Button icon={<ImportOutlined />}>{t('registryIo.importAction')}</Button>
              </Link>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                {t('units.register')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <Flex vertical gap="middle">
          <Flex gap="middle" wrap>
            <Input.Search
              allowClear
              placeholder={t('units.searchPlaceholder')}
              style={{ width: 320 }}
              onSearch={(v) => {
                setQ(v.trim());
                reset();
              }}
            />
            <Select
              allowClear
              placeholder={t('units.kind')}
              style={{ width: 180 }}
              value={kind}
              onChange={(v) => {
                setKind(v);
                reset();
              }}
              options={unitKinds
                .filter((k) => k !== 'religious_site' || mayReadSensitive)
                .map((k) => ({ value: k, label: labels.unitKind(k) }))}
            />
            <Select
              style={{ width: 120 }}
              value={status}
              onChange={(v) => {
                setStatus(v);
                reset();
              }}
              options={unitStatuses.map((s) => ({ value: s, label: labels.unitStatus(s) }))}
            />
            <RevealExportButton
              title={t('registryIo.exportUnitsTitle')}
              numbersLabel={t('registryIo.exportPhones')}
              maskedLabel={t('registryIo.exportPhonesMasked')}
              download={(reveal) =>
                apiDownload(
                  routes.exportUnits,
                  { query: { ...filters, ...(reveal ? { reveal: 'true', reason: reveal.reason } : {}) } },
                  '辖区单位清单.xlsx',
                )
              }
            />
          </Flex>
          {units.isError && <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />}
          <Table<UnitListItem>
            rowKey="id"
            loading={units.isFetching}
            dataSource={units.data?.items ?? []}
            onRow={(u) => ({ onClick: () => setOpen(u.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: t('units.empty') }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: units.data?.total ?? 0,
              onChange: (page, pageSize) => setPaging({ page, pageSize }),
            }}
            columns={[
              { title: t('units.name'), dataIndex: 'name' },
              {
                title: t('units.kind'),
                dataIndex: 'kind',
                render: (k: UnitListItem['kind']) => <Tag>{labels.unitKind(k)}</Tag>,
              },
              {
                title: t('units.creditCode'),
                key: 'code',
                render: (_, u) => (
                  <Flex gap={6} align="center">
                    <span style={{ fontFamily: 'monospace' }}>{u.creditCode ?? '—'}</span>
                    {u.creditCodeOverride && <OverrideBadge reason={u.creditCodeOverride.reason} />}
                  </Flex>
                ),
              },
              { title: t('units.place'), dataIndex: 'address', render: (v: string) => v || '—' },
              { title: t('units.contactName'), dataIndex: 'contactName', render: (v: string | null) => v ?? '—' },
              {
                title: t('units.contactPhone'),
                dataIndex: 'contactPhoneMasked',
                render: (v: string | null) => v ?? '—',
              },
              { title: t('units.employees'), dataIndex: 'employees', render: (v: number | null) => v ?? '—' },
            ]}
          />
        </Flex>
      </Card>
      {open !== null && <UnitDrawer id={open} onClose={() => setOpen(null)} />}
      {registering && <UnitFormModal onClose={() => setRegistering(false)} />}
    </>
  );
}
