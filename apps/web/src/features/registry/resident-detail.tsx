/** One resident: facts (masked numbers with 查看), sensitive facts, household, history and actions. */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { routes, type ResidentDetail } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { pickLabel } from '../../lib/i18n.ts';
import { useLabels } from '../../lib/labels.ts';
import { useHasPermission } from '../auth/index.ts';
import { useRegistryLabels } from './registry-labels.ts';
import { AsOfButton } from './as-of-button.tsx';
import { ErasureButton } from './erasure-button.tsx';
import { PersonalCopyButton } from './personal-copy-button.tsx';
import { RevealButton } from './reveal-button.tsx';
import { VisitsCard } from './visits-card.tsx';
import { EndResidenceModal, MoveResidentModal } from './resident-actions.tsx';
import { CorrectResidentModal } from './resident-form-modal.tsx';
import { formatChangeValue, isHistoryField, orderedChanges } from './resident-history.ts';
import { monospace, residentPath } from './residents-table.tsx';

type Action = 'correct' | 'move' | 'end';

const statusColor = { active: 'success', moved_out: 'default', deceased: 'default', merged: 'default' } as const;

function orDash(value: ReactNode): ReactNode {
  return value === null || value === undefined || value === '' ? '—' : value;
}

function HistoryEntry({ event }: { event: ResidentDetail['events'][number] }) {
  const { t } = useTranslation();
  const labels = useRegistryLabels();
  const { language } = useLabels();
  const pick = (l: { zh: string; en: string }) => pickLabel(l, language);
  // A merge names the records it joined in its own line, not as a field change.
  const changes =
    event.kind === 'register'
      ? []
      : orderedChanges(event.changes).filter(([key]) => key !== 'mergedRecord' && key !== 'mergedInto');
  const fieldName = (key: string) => (isHistoryField(key) ? t(`registry.fields.${key}`) : key);

  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>
        {labels.label('eventKind', event.kind)} · {event.occurredOn}
      </Typography.Text>
      {event.mergedRecordId && (
        <Typography.Text type="secondary">{t('duplicates.fromMerged', { id: event.mergedRecordId })}</Typography.Text>
      )}
      {event.fromAddress && event.toAddress ? (
        <Typography.Text>{t('registry.fromTo', { from: event.fromAddress, to: event.toAddress })}</Typography.Text>
      ) : event.toAddress ? (
        <Typography.Text>{t('registry.moveTo', { address: event.toAddress })}</Typography.Text>
      ) : event.fromAddress ? (
        <Typography.Text>{t('registry.moveFrom', { address: event.fromAddress })}</Typography.Text>
      ) : null}
      {event.reason && <Typography.Text>{t('registry.reasonLine', { reason: event.reason })}</Typography.Text>}
      {changes.length > 0 && (
        <ul style={{ margin: '2px 0', paddingInlineStart: 18 }}>
          {changes.map(([key, change]) => (
            <li key={key}>
              <Typography.Text type="secondary">{fieldName(key)}：</Typography.Text>
              <Typography.Text delete type="secondary">
                {formatChangeValue(key, change.before, pick, labels.tagName)}
              </Typography.Text>
              {' → '}
              <Typography.Text>{formatChangeValue(key, change.after, pick, labels.tagName)}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {event.recordedBy
          ? t('registry.recordedBy', { name: event.recordedBy, time: formatDateTime(event.recordedAt) })
          : t('registry.recordedBySystem', { time: formatDateTime(event.recordedAt) })}
      </Typography.Text>
    </Flex>
  );
}

export function ResidentDetailView({ resident, onReload }: { resident: ResidentDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const labels = useRegistryLabels();
  const canManage = useHasPermission('registry.manage');
  const [action, setAction] = useState<Action | null>(null);
  const close = () => setAction(null);
  const r = resident;
  const isActive = r.status === 'active';
  const floating = r.registrationType === 'floating';

  const masked = (value: string | null, field: 'idNumber' | 'phone') => (
    <Flex align="center" gap={4} wrap>
      <span style={monospace}>{orDash(value)}</span>
      {value && r.canReveal && (
        <RevealButton
          label={t(`registry.fields.${field}`)}
          reveal={(reason) => apiCall(routes.revealResident, { params: { id: r.id }, body: { field, reason } })}
        />
      )}
    </Flex>
  );

  const facts = [
    { key: 'name', label: t('registry.fields.name'), children: r.name },
    { key: 'gender', label: t('registry.fields.gender'), children: labels.label('gender', r.gender) },
    { key: 'birthDate', label: t('registry.fields.birthDate'), children: orDash(r.birthDate) },
    {
      key: 'age',
      label: t('registry.fields.age'),
      children: r.age === null ? '—' : t('registry.ageValue', { age: r.age }),
    },
    { key: 'idKind', label: t('registry.fields.idKind'), children: labels.label('idKind', r.idKind) },
    { key: 'idNumber', label: t('registry.fields.idNumber'), children: masked(r.idNumberMasked, 'idNumber') },
    { key: 'phone', label: t('registry.fields.phone'), children: masked(r.phoneMasked, 'phone') },
    { key: 'ethnicity', label: t('registry.fields.ethnicity'), children: orDash(r.ethnicity) },
    {
      key: 'registrationType',
      label: t('registry.fields.registrationType'),
      children: labels.label('registrationType', r.registrationType),
    },
    {
      key: 'relationToHead',
      label: t('registry.fields.relationToHead'),
      children: labels.label('relationToHead', r.relationToHead),
    },
    ...(floating
      ? [
          { key: 'arrivalDate', label: t('registry.fields.arrivalDate'), children: orDash(r.arrivalDate) },
          { key: 'origin', label: t('registry.fields.origin'), children: orDash(r.origin) },
          { key: 'arrivalReason', label: t('registry.fields.arrivalReason'), children: orDash(r.arrivalReason) },
          { key: 'expectedStay', label: t('registry.fields.expectedStay'), children: orDash(r.expectedStay) },
        ]
      : []),
    { key: 'address', label: t('registry.fields.address'), children: orDash(r.address), span: 'filled' as const },
    { key: 'notes', label: t('registry.fields.notes'), children: orDash(r.notes), span: 'filled' as const },
    { key: 'createdAt', label: t('registry.fields.createdAt'), children: formatDateTime(r.createdAt) },
    { key: 'updatedAt', label: t('registry.fields.updatedAt'), children: formatDateTime(r.updatedAt) },
  ];

  return (
    <>
      <Flex vertical gap={8} style={{ marginBottom: 16 }}>
        <Link to="/residents">← {t('registry.back')}</Link>
        <Flex justify="space-between" align="center" gap="middle" wrap>
          <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {r.name}
            </Typography.Title>
            <Tag color={statusColor[r.status]}>{labels.label('status', r.status)}</Tag>
            {r.isMinor && <Tag color="orange">{t('registry.minor')}</Tag>}
            {r.tags.map((code) => (
              <Tag key={code} color="volcano">
                {labels.tagName(code)}
              </Tag>
            ))}
          </Flex>
          {canManage && (
            <Flex gap="small" wrap>
              <PersonalCopyButton residentId={r.id} name={r.name} />
              {!isActive && <ErasureButton residentId={r.id} name={r.name} />}
              <Button icon={<EditOutlined />} disabled={!isActive} onClick={() => setAction('correct')}>
                {t('registry.correct')}
              </Button>
              <Button
                icon={<SwapOutlined />}
                disabled={r.status === 'deceased' || r.status === 'merged'}
                onClick={() => setAction('move')}
              >
                {t('registry.move')}
              </Button>
              <Button danger icon={<LogoutOutlined />} disabled={!isActive} onClick={() => setAction('end')}>
                {t('registry.end')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Flex>

      {r.mergedInto !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('duplicates.mergedInto')}
          action={<Link to={residentPath(r.mergedInto)}>{t('duplicates.openSurvivor')}</Link>}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card title={t('registry.basicInfo')}>
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, md: 2 }}
                items={facts}
                styles={{ label: { whiteSpace: 'nowrap' } }}
              />
            </Card>
            <Card title={t('registry.sensitiveTitle')}>
              {r.sensitiveHidden ? (
                <Typography.Text type="secondary">{t('registry.sensitiveHidden')}</Typography.Text>
              ) : (
                <Descriptions
                  bordered
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  styles={{ label: { whiteSpace: 'nowrap', width: 140 } }}
                  items={[
                    {
                      key: 'politicalStatus',
                      label: t('registry.fields.politicalStatus'),
                      children: r.politicalStatus ? labels.label('politicalStatus', r.politicalStatus) : '—',
                    },
                    { key: 'religion', label: t('registry.fields.religion'), children: orDash(r.sensitive?.religion) },
                    {
                      key: 'disabilityKind',
                      label: t('registry.fields.disabilityKind'),
                      children: orDash(r.sensitive?.disabilityKind),
                    },
                    {
                      key: 'disabilityGrade',
                      label: t('registry.fields.disabilityGrade'),
                      children: orDash(r.sensitive?.disabilityGrade),
                    },
                    {
                      key: 'health',
                      label: t('registry.fields.health'),
                      children: orDash(r.sensitive?.health),
                      span: 'filled',
                    },
                  ]}
                />
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title={t('registry.household')}>
              {r.household.filter((m) => m.id !== r.id).length === 0 ? (
                <Typography.Text type="secondary">{t('registry.householdEmpty')}</Typography.Text>
              ) : (
                <ul aria-label={t('registry.household')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {r.household.map((m) => (
                    <li key={m.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                      <Flex justify="space-between" gap={8} wrap>
                        {m.id === r.id ? (
                          <Typography.Text strong>
                            {m.name}（{t('registry.thisPerson')}）
                          </Typography.Text>
                        ) : (
                          <Link to={residentPath(m.id)}>{m.name}</Link>
                        )}
                        <Typography.Text type="secondary">
                          {labels.label('relationToHead', m.relationToHead)} · {labels.label('gender', m.gender)}
                          {m.age !== null && ` · ${t('registry.ageValue', { age: m.age })}`}
                        </Typography.Text>
                      </Flex>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <VisitsCard residentId={r.id} name={r.name} active={isActive} />
            <Card title={t('registry.history')} extra={<AsOfButton residentId={r.id} />}>
              {r.events.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.historyEmpty')} />
              ) : (
                <Timeline items={r.events.map((e) => ({ key: e.id, content: <HistoryEntry event={e} /> }))} />
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
      {action === 'correct' && <CorrectResidentModal resident={r} onClose={close} onConflict={onReload} />}
      {action === 'move' && <MoveResidentModal resident={r} onClose={close} />}
      {action === 'end' && <EndResidenceModal resident={r} onClose={close} />}
    </>
  );
}
