/** One unit: its facts, the credit code (with the override badge), contact phone with reveal; edit. */
import { useState } from 'react';
import { Button, Descriptions, Drawer, Space, Tag, Tooltip } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { routes } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useHasPermission } from '../auth/index.ts';
import { useHousingLabels } from '../housing/index.ts';
import { RevealButton } from '../registry/index.ts';
import { UnitFormModal } from './unit-form-modal.tsx';
import { useUnit } from './units-queries.ts';

/** The badge of a credit code kept although it fails the check. */
export function OverrideBadge({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('units.overrideTooltip', { reason })}>
      <Tag color="gold">{t('units.overridden')}</Tag>
    </Tooltip>
  );
}

export function UnitDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useHousingLabels();
  const canManage = useHasPermission('registry.manage');
  const unit = useUnit(id);
  const [editing, setEditing] = useState(false);
  const u = unit.data;
  return (
    <Drawer open width={720} title={u?.name ?? ''} onClose={onClose} destroyOnHidden>
      {unit.isError && <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />}
      {u && (
        <Descriptions
          bordered
          size="small"
          column={1}
          extra={
            canManage && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('units.edit')}
              </Button>
            )
          }
          items={[
            { key: 'kind', label: t('units.kind'), children: labels.unitKind(u.kind) },
            {
              key: 'status',
              label: t('units.status'),
              children: <Tag color={u.status === 'active' ? 'green' : undefined}>{labels.unitStatus(u.status)}</Tag>,
            },
            { key: 'place', label: t('units.place'), children: u.address || '—' },
            {
              key: 'code',
              label: t('units.creditCode'),
              children: (
                <Space>
                  <span style={{ fontFamily: 'monospace' }}>{u.creditCode ?? '—'}</span>
                  {u.creditCodeOverride && <OverrideBadge reason={u.creditCodeOverride.reason} />}
                </Space>
              ),
            },
            ...(u.kind === 'religious_site'
              ? [{ key: 'religion', label: t('units.religion'), children: u.religion ?? '—' }]
              : []),
            { key: 'legal', label: t('units.legalRepresentative'), children: u.legalRepresentative ?? '—' },
            { key: 'contact', label: t('units.contactName'), children: u.contactName ?? '—' },
            {
              key: 'phone',
              label: t('units.contactPhone'),
              children: u.contactPhoneMasked ? (
                <Space size={0}>
                  <span>{u.contactPhoneMasked}</span>
                  {u.canReveal && (
                    <RevealButton
                      label={t('units.contactPhone')}
                      reveal={(reason) =>
                        apiCall(routes.revealUnit, { params: { id: u.id }, body: { field: 'contactPhone', reason } })
                      }
                    />
                  )}
                </Space>
              ) : (
                '—'
              ),
            },
            { key: 'employees', label: t('units.employees'), children: u.employees ?? '—' },
            { key: 'notes', label: t('units.notes'), children: u.notes ?? '—' },
          ]}
        />
      )}
      {editing && u && <UnitFormModal unit={u} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}
