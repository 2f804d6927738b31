/** 楼栋视图: every room of a building as a card — use, area, who lives there, the active rental. */
import { Alert, Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { BuildingView as View } from '@linli/contracts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FullPageSpin } from '../../ui/full-page-spin.tsx';
import { useColors, useHousingLabels } from './housing-labels.ts';
import { useBuildingHousing } from './housing-queries.ts';
import type { RoomRef } from './house-drawer.tsx';

type Room = View['rooms'][number];

function RoomCard({ room, onOpen }: { room: Room; onOpen: () => void }) {
  const { t } = useTranslation();
  const labels = useHousingLabels();
  const h = room.house;
  return (
    <Card size="small" hoverable onClick={onOpen} data-testid="room-card" style={{ height: '100%' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
        <strong>{room.name}</strong>
        {h ? <Tag color={useColors[h.use]}>{labels.use(h.use)}</Tag> : <Tag>{t('housing.unregistered')}</Tag>}
      </Flex>
      {h?.areaM2 != null && <Typography.Text type="secondary">{h.areaM2} ㎡ </Typography.Text>}
      <div style={{ minHeight: 22 }}>
        {room.residents.length > 0 ? (
          room.residents.map((r) => r.name).join('、')
        ) : (
          <Typography.Text type="secondary">{t('housing.nobodyLives')}</Typography.Text>
        )}
      </div>
      {room.activeRental && (
        <Typography.Text type="warning">
          {t('housing.rentedTo', { tenant: room.activeRental.tenantName ?? '' })}
        </Typography.Text>
      )}
      {h?.rentalMissing && (
        <div>
          <Tag color="red" icon={<WarningOutlined />}>
            {t('housing.rentalMissingShort')}
          </Tag>
        </div>
      )}
    </Card>
  );
}

export function BuildingView({ buildingId, onOpenRoom }: { buildingId: number; onOpenRoom: (room: RoomRef) => void }) {
  const { t } = useTranslation();
  const view = useBuildingHousing(buildingId);
  if (view.isError) return <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <FullPageSpin />;
  const v = view.data;
  const units = [...new Set(v.rooms.map((r) => r.unitName ?? ''))];
  return (
    <Flex vertical gap="middle">
      <Row gutter={16}>
        {(
          [
            ['rooms', v.figures.rooms],
            ['registered', v.figures.registered],
            ['rented', v.figures.rented],
            ['vacant', v.figures.vacant],
            ['residentsCount', v.figures.residents],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} flex="1">
            <Statistic title={t(`housing.figures.${key}`)} value={value} />
          </Col>
        ))}
      </Row>
      {v.figures.rentalMissing > 0 && (
        <Alert type="warning" showIcon title={t('housing.rentalMissingCount', { count: v.figures.rentalMissing })} />
      )}
      {v.rooms.length === 0 && <Empty description={t('housing.noRooms')} />}
      {units.map((unit) => (
        <div key={unit}>
          {unit && <Typography.Title level={5}>{unit}</Typography.Title>}
          <Row gutter={[12, 12]}>
            {v.rooms
              .filter((r) => (r.unitName ?? '') === unit)
              .map((room) => (
                <Col key={room.nodeId} xs={12} md={8} lg={6} xl={4}>
                  <RoomCard
                    room={room}
                    onOpen={() =>
                      onOpenRoom({
                        nodeId: room.nodeId,
                        name: `${v.name}${room.name}`,
                        houseId: room.house?.id ?? null,
                      })
                    }
                  />
                </Col>
              ))}
          </Row>
        </div>
      ))}
    </Flex>
  );
}
