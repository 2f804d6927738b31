/** One room: its house facts, rentals (with 退租 and reveal), the history; register or correct them. */
import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Space, Table, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, HomeOutlined, KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { routes, type Rental } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { RevealButton } from '../registry/index.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useHasPermission } from '../auth/index.ts';
import { EndRentalModal, HouseFormModal, RentalFormModal } from './house-forms.tsx';
import { useColors, useHousingLabels } from './housing-labels.ts';
import { useHouse } from './housing-queries.ts';

export interface RoomRef {
  nodeId: number;
  name: string;
  houseId: number | null;
}

export function HouseDrawer({ room, onClose }: { room: RoomRef; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useHousingLabels();
  const canManage = useHasPermission('registry.manage');
  const house = useHouse(room.houseId);
  const [editing, setEditing] = useState(false);
  const [letting, setLetting] = useState(false);
  const [ending, setEnding] = useState<number | null>(null);
  const h = house.data;

  const rentalColumns = [
    {
      title: t('housing.tenantName'),
      key: 'tenant',
      render: (_: unknown, r: Rental) => (
        <Flex vertical>
          <span>{r.tenantName ?? '—'}</span>
          {r.tenantAddress && <Typography.Text type="secondary">{r.tenantAddress}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: t('housing.tenantIdNumber'),
      key: 'id',
      render: (_: unknown, r: Rental) =>
        r.tenantIdNumberMasked ? (
          <Space size={0}>
            <span>{r.tenantIdNumberMasked}</span>
            {h?.canReveal && (
              <RevealButton
                label={t('housing.tenantIdNumber')}
                reveal={(reason) =>
                  apiCall(routes.revealRental, { params: { id: r.id }, body: { field: 'tenantIdNumber', reason } })
                }
              />
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('housing.tenantPhone'),
      key: 'phone',
      render: (_: unknown, r: Rental) =>
        r.tenantPhoneMasked ? (
          <Space size={0}>
            <span>{r.tenantPhoneMasked}</span>
            {h?.canReveal && (
              <RevealButton
                label={t('housing.tenantPhone')}
                reveal={(reason) =>
                  apiCall(routes.revealRental, { params: { id: r.id }, body: { field: 'tenantPhone', reason } })
                }
              />
            )}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('housing.period'),
      key: 'period',
      render: (_: unknown, r: Rental) => (
        <span>
          {r.startDate} ～ {r.endedOn ?? r.endDate ?? t('housing.openEnded')}
          {r.isOverdue && (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              {t('housing.overdue')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('housing.contractNo'), dataIndex: 'contractNo', render: (v: string | null) => v ?? '—' },
    {
      title: t('housing.status'),
      key: 'status',
      render: (_: unknown, r: Rental) => (
        <Space>
          <Tag color={r.status === 'active' ? 'orange' : undefined}>{labels.rentalStatus(r.status)}</Tag>
          {canManage && r.status === 'active' && (
            <Button size="small" onClick={() => setEnding(r.id)}>
              {t('housing.endRental')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Drawer open width={880} title={room.name} onClose={onClose} destroyOnHidden>
      {room.houseId === null ? (
        <Empty description={t('housing.noHouse')}>
          {canManage && (
            <Button type="primary" icon={<HomeOutlined />} onClick={() => setEditing(true)}>
              {t('housing.registerHouse')}
            </Button>
          )}
        </Empty>
      ) : house.isError ? (
        <ErrorAlert error={house.error} onRetry={() => void house.refetch()} />
      ) : !h ? null : (
        <Flex vertical gap="large">
          {h.rentalMissing && <Alert type="warning" showIcon title={t('housing.rentalMissing')} />}
          <Descriptions
            bordered
            size="small"
            column={2}
            extra={
              canManage && (
                <Space>
                  <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                    {t('housing.editHouse')}
                  </Button>
                  <Button type="primary" icon={<KeyOutlined />} onClick={() => setLetting(true)}>
                    {t('housing.registerRental')}
                  </Button>
                </Space>
              )
            }
            items={[
              { key: 'address', label: t('housing.address'), children: h.address, span: 2 },
              {
                key: 'use',
                label: t('housing.use'),
                children: <Tag color={useColors[h.use]}>{labels.use(h.use)}</Tag>,
              },
              { key: 'area', label: t('housing.area'), children: h.areaM2 === null ? '—' : `${h.areaM2} ㎡` },
              { key: 'owner', label: t('housing.ownerName'), children: h.ownerName ?? '—' },
              {
                key: 'phone',
                label: t('housing.ownerPhone'),
                children: h.ownerPhoneMasked ? (
                  <Space size={0}>
                    <span>{h.ownerPhoneMasked}</span>
                    {h.canReveal && (
                      <RevealButton
                        label={t('housing.ownerPhone')}
                        reveal={(reason) =>
                          apiCall(routes.revealHouse, { params: { id: h.id }, body: { field: 'ownerPhone', reason } })
                        }
                      />
                    )}
                  </Space>
                ) : (
                  '—'
                ),
              },
              { key: 'residents', label: t('housing.residents'), children: h.residents },
              { key: 'notes', label: t('housing.notes'), children: h.notes ?? '—' },
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('housing.rentals')}</Typography.Title>
            <Table<Rental>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={h.rentals}
              columns={rentalColumns}
              locale={{ emptyText: t('housing.noRentals') }}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('housing.history')}</Typography.Title>
            <Timeline
              items={h.events.map((e) => ({
                key: e.id,
                content: (
                  <Flex vertical>
                    <span>
                      <strong>{labels.eventKind(e.kind)}</strong> · {e.occurredOn}
                      {e.recordedBy ? ` · ${e.recordedBy}` : ''}
                    </span>
                    {e.reason && <Typography.Text type="secondary">{e.reason}</Typography.Text>}
                    {Object.keys(e.changes).length > 0 && (
                      <Typography.Text type="secondary">
                        {Object.entries(e.changes)
                          .map(
                            ([k, c]) => `${k}: ${JSON.stringify(c.before ?? '—')} → ${JSON.stringify(c.after ?? '—')}`,
                          )
                          .join('；')}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              }))}
            />
          </div>
        </Flex>
      )}
      {editing && <HouseFormModal nodeId={room.nodeId} house={h} onClose={() => setEditing(false)} />}
      {letting && h && <RentalFormModal house={h} onClose={() => setLetting(false)} />}
      {ending !== null && <EndRentalModal rentalId={ending} onClose={() => setEnding(null)} />}
    </Drawer>
  );
}
