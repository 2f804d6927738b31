/** 走访记录 on a resident's page: their visits, newest first, and 记录走访. */
import { useState } from 'react';
import { Button, Card, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { visitLabels, type Visit } from '@linli/contracts';
import { pickLabel } from '../../lib/i18n.ts';
import { useLabels } from '../../lib/labels.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useHasPermission } from '../auth/index.ts';
import { RecordVisitModal } from './record-visit-modal.tsx';
import { useResidentVisits } from './registry-io-queries.ts';

export const wellbeingColor = { good: 'green', attention: 'gold', urgent: 'red' } as const;

function VisitEntry({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const { language } = useLabels();
  return (
    <Flex vertical gap={2}>
      <Flex gap={6} align="center" wrap>
        <Typography.Text strong>
          {pickLabel(visitLabels.kind[visit.kind], language)} · {visit.visitedOn}
        </Typography.Text>
        <Tag color={wellbeingColor[visit.wellbeing]} style={{ marginInlineEnd: 0 }}>
          {pickLabel(visitLabels.wellbeing[visit.wellbeing], language)}
        </Tag>
      </Flex>
      {visit.finding && <Typography.Text>{visit.finding}</Typography.Text>}
      {visit.needsFollowUp && (
        <Typography.Text type="warning">{t('visits.followUp', { note: visit.followUpNote ?? '—' })}</Typography.Text>
      )}
      {visit.visitedBy && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('visits.by', { name: visit.visitedBy })}
        </Typography.Text>
      )}
    </Flex>
  );
}

export function VisitsCard({ residentId, name, active }: { residentId: number; name: string; active: boolean }) {
  const { t } = useTranslation();
  const canManage = useHasPermission('registry.manage');
  const visits = useResidentVisits(residentId);
  const [recording, setRecording] = useState(false);
  return (
    <Card
      title={t('visits.history')}
      extra={
        canManage &&
        active && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
            {t('visits.record')}
          </Button>
        )
      }
    >
      {visits.isError ? (
        <ErrorAlert error={visits.error} onRetry={() => void visits.refetch()} />
      ) : visits.isPending ? (
        <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
      ) : visits.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.historyEmpty')} />
      ) : (
        <Timeline items={visits.data.map((v) => ({ key: v.id, content: <VisitEntry visit={v} /> }))} />
      )}
      {recording && <RecordVisitModal residentId={residentId} name={name} onClose={() => setRecording(false)} />}
    </Card>
  );
}
