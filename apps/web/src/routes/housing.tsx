/** 房屋: pick a building to see its rooms (楼栋视图), or list the houses in scope by use; open a room for its rentals. */
import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Select, Table, Tag, Tabs } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { houseUses, routes, type HouseListItem } from '@linli/contracts';
import { useHasPermission } from '../features/auth/index.ts';
import { NodeSearchSelect, useJurisdictionScope } from '../features/jurisdiction/index.ts';
import { RevealExportButton } from '../features/registry/index.ts';
import {
  BuildingView,
  HouseDrawer,
  useColors,
  useHouses,
  useHousingLabels,
  type RoomRef,
} from '../features/housing/index.ts';
import { apiDownload } from '../lib/api-files.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';
import { PageHeader } from '../ui/page-header.tsx';

function HouseList({ onOpen }: { onOpen: (room: RoomRef) => void }) {
  const { t } = useTranslation();
  const labels = useHousingLabels();
  const { scopeNodeId } = useJurisdictionScope();
  const [use, setUse] = useState<(typeof houseUses)[number]>();
  const [missing, setMissing] = useState(false);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const filters = { nodeId: scopeNodeId ?? undefined, use, rentalMissing: missing ? ('true' as const) : undefined };
  const houses = useHouses({ ...filters, ...paging });
  return (
    <Flex vertical gap="middle">
      <Flex gap="middle" align="center" wrap>
        <Select
          allowClear
          placeholder={t('housing.use')}
          style={{ width: 160 }}
          value={use}
          onChange={(v) => {
            setUse(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={houseUses.map((u) => ({ value: u, label: labels.use(u) }))}
        />
        <Checkbox checked={missing} onChange={(e) => setMissing(e.target.checked)}>
          {t('housing.onlyRentalMissing')}
        </Checkbox>
        <RevealExportButton
          title={t('registryIo.exportHousesTitle')}
          numbersLabel={t('registryIo.exportPhones')}
          maskedLabel={t('registryIo.exportPhonesMasked')}
          download={(reveal) =>
            apiDownload(
              routes.exportHouses,
              { query: { ...filters, ...(reveal ? { reveal: 'true', reason: reveal.reason } : {}) } },
              '房屋清单.xlsx',
            )
          }
        />
      </Flex>
      {houses.isError && <ErrorAlert error={houses.error} onRetry={() => void houses.refetch()} />}
      <Table<HouseListItem>
        rowKey="id"
        size="middle"
        loading={houses.isFetching}
        dataSource={houses.data?.items ?? []}
        onRow={(h) => ({
          onClick: () => onOpen({ nodeId: h.nodeId, name: h.address, houseId: h.id }),
          style: { cursor: 'pointer' },
        })}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: houses.data?.total ?? 0,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        locale={{ emptyText: t('housing.emptyList') }}
        columns={[
          { title: t('housing.address'), dataIndex: 'address' },
          {
            title: t('housing.use'),
            key: 'use',
            render: (_, h) => (
              <Flex gap={4}>
                <Tag color={useColors[h.use]}>{labels.use(h.use)}</Tag>
                {h.rentalMissing && <Tag color="red">{t('housing.rentalMissingShort')}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('housing.area'),
            dataIndex: 'areaM2',
            render: (v: number | null) => (v === null ? '—' : `${v} ㎡`),
          },
          { title: t('housing.ownerName'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
          { title: t('housing.ownerPhone'), dataIndex: 'ownerPhoneMasked', render: (v: string | null) => v ?? '—' },
          { title: t('housing.residents'), dataIndex: 'residents' },
          { title: t('housing.activeRentals'), dataIndex: 'activeRentals' },
        ]}
      />
    </Flex>
  );
}

export function HousingRoute() {
  const { t } = useTranslation();
  const [buildingId, setBuildingId] = useState<number | null>(null);
  const [room, setRoom] = useState<RoomRef | null>(null);
  const canManage = useHasPermission('registry.manage');
  return (
    <>
      <PageHeader
        title={t('housing.title')}
        description={t('housing.description')}
        extra={
          canManage && (
            <Link to="/residents/import?kind=houses">
              <Button icon={<ImportOutlined />}>{t('registryIo.importAction')}</Button>
            </Link>
          )
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'building',
              label: t('housing.buildingView'),
              children: (
                <Flex vertical gap="middle">
                  <NodeSearchSelect
                    value={buildingId}
                    onChange={(id) => setBuildingId(id ?? null)}
                    filter={(n) => n.level === 'building' || n.level === 'unit'}
                    placeholder={t('housing.pickBuilding')}
                    aria-label={t('housing.pickBuilding')}
                    style={{ width: 360 }}
                  />
                  {buildingId !== null && <BuildingView buildingId={buildingId} onOpenRoom={setRoom} />}
                </Flex>
              ),
            },
            { key: 'list', label: t('housing.list'), children: <HouseList onOpen={setRoom} /> },
          ]}
        />
      </Card>
      {room && <HouseDrawer room={room} onClose={() => setRoom(null)} />}
    </>
  );
}
