/** The deadline a request races now, as a tag: green on time, amber when due soon, red when overdue. */
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RequestListItem } from '@linli/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { currentDeadline, distanceTo } from './due-time.ts';

const colors = { ok: 'green', due_soon: 'orange', overdue: 'red' } as const;

export function DeadlineTag({
  request,
  now = new Date(),
}: {
  request: Pick<RequestListItem, 'state' | 'respondDueAt' | 'resolveDueAt' | 'dueState'>;
  now?: Date;
}) {
  const { t } = useTranslation();
  const deadline = currentDeadline(request);
  if (!deadline) return null;
  const d = distanceTo(deadline.at, now);
  const time = t(`requests.units.${d.unit}`, { count: d.count });
  const text = d.isOver ? t('requests.deadline.over', { time }) : t('requests.deadline.left', { time });
  const kind = t(`requests.deadline.${deadline.kind}`);
  const state = request.dueState ?? (d.isOver ? 'overdue' : 'ok');
  return (
    <Tooltip
      title={
        <>
          {t('requests.deadline.dueAt', { kind, time: formatDateTime(deadline.at) })}
          <br />
          {t('requests.deadline.approx')}
        </>
      }
    >
      <Tag color={colors[state]} icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
        {kind} · {text}
      </Tag>
    </Tooltip>
  );
}
