/** One request: its facts and photos, the steps so far as a timeline, and the steps the user may take now. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RequestAction, RequestDetail } from '@linli/contracts';
import { formatDateTime } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { detailQuery } from '../jurisdiction/index.ts';
import { ActionModal, actionFields } from './action-modal.tsx';
import { categoryName } from './category-tree.ts';
import { DeadlineTag } from './deadline-tag.tsx';
import { defaultTargetOf, type DefaultTarget } from './default-target.ts';
import { RequestMap } from './request-map.tsx';
import { PhotoThumbs } from './request-photos.tsx';
import { useCategories, useDepartments } from './request-queries.ts';
import { stateColors, urgencyColors, useRequestLabel } from './request-labels.ts';

/** The default target of a request's category and place, and the words that explain it. */
export function useDefaultTarget(request: Pick<RequestDetail, 'categoryId' | 'nodeId'> | undefined): {
  target: DefaultTarget | null;
  explanation: string | undefined;
} {
  const { t } = useTranslation();
  const { language } = useLabels();
  const label = useRequestLabel();
  const categories = useCategories();
  const departments = useDepartments();
  const place = useQuery({ ...detailQuery(request?.nodeId ?? 0), enabled: request !== undefined });
  const category = categories.data?.find((c) => c.id === request?.categoryId);
  const target = defaultTargetOf(category, place.data, departments.data ?? []);
  if (!category) return { target, explanation: undefined };
  const handler = label('handlerType', category.handlerType);
  const cname = categoryName(category, language);
  return {
    target,
    explanation: target
      ? t('requests.act.defaultTarget', { category: cname, handler, target: target.name })
      : t('requests.act.defaultTargetNone', { category: cname, handler }),
  };
}

/** Primary steps first (the ones that move the request on), the rest after. */
const primary: readonly RequestAction[] = [
  'accept',
  'dispatch',
  'sign_for',
  'resolve',
  'verify',
  'rate',
  'close',
  'claim',
];

export function RequestDetailView({ request }: { request: RequestDetail }) {
  const { t } = useTranslation();
  const label = useRequestLabel();
  const [acting, setActing] = useState<RequestAction | null>(null);
  const defaults = useDefaultTarget(request);
  const actions = [...request.actions].sort((a, b) => Number(!primary.includes(a)) - Number(!primary.includes(b)));
  const eventActions = t('requests.detail.eventActions', { returnObjects: true }) as Record<string, string>;
  const levels = t('requests.detail.levels', { returnObjects: true }) as Record<string, string>;

  const actionCard = (
    <Card title={t('requests.detail.actions')} size="small">
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{t('requests.detail.noActions')}</Typography.Text>
      ) : (
        <Flex gap={8} wrap>
          {actions.map((a) => (
            <Button
              key={a}
              type={primary.includes(a) ? 'primary' : 'default'}
              danger={actionFields[a].danger}
              onClick={() => setActing(a)}
            >
              {label('action', a)}
            </Button>
          ))}
        </Flex>
      )}
      {request.pendingExtension && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={t('requests.detail.pendingExtension', request.pendingExtension)}
        />
      )}
      {request.possibleDuplicates.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('requests.detail.duplicates')}</Typography.Text>
          <ul style={{ paddingInlineStart: 18, margin: '4px 0 0' }}>
            {request.possibleDuplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/requests/${d.id}`}>{d.code}</Link> {d.summary}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Card
            title={
              <Flex gap={8} align="center" wrap>
                <span style={{ fontFamily: 'monospace' }}>{request.code}</span>
                <Tag color={stateColors[request.state]}>{label('state', request.state)}</Tag>
                {urgencyColors[request.urgency] && (
                  <Tag color={urgencyColors[request.urgency]}>{label('urgency', request.urgency)}</Tag>
                )}
                <DeadlineTag request={request} />
                {request.urgeCount > 0 && <Tag color="red">{t('requests.urged', { count: request.urgeCount })}</Tag>}
              </Flex>
            }
          >
            <Typography.Paragraph style={{ fontSize: 16, whiteSpace: 'pre-wrap' }}>
              {request.description}
            </Typography.Paragraph>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'category', label: t('requests.detail.category'), children: request.categoryName },
                { key: 'channel', label: t('requests.detail.channel'), children: label('channel', request.channel) },
                { key: 'address', label: t('requests.detail.address'), children: request.address || '—' },
                ...(request.latitude !== null && request.longitude !== null
                  ? [
                      {
                        key: 'position',
                        label: t('requests.detail.position'),
                        children: `${request.latitude.toFixed(5)}, ${request.longitude.toFixed(5)}`,
                      },
                    ]
                  : []),
                {
                  key: 'contact',
                  label: t('requests.detail.contact'),
                  children: request.isAnonymous
                    ? `${t('requests.detail.anonymous')}${request.contactName ? `（${request.contactName}）` : ''}`
                    : [request.contactName, request.contactPhoneMasked].filter(Boolean).join(' ') || '—',
                },
                {
                  key: 'submitted',
                  label: t('requests.detail.submittedAt'),
                  children: formatDateTime(request.submittedAt),
                },
                {
                  key: 'respond',
                  label: t('requests.detail.respondDue'),
                  children: formatDateTime(request.respondDueAt),
                },
                {
                  key: 'resolve',
                  label: t('requests.detail.resolveDue'),
                  children: formatDateTime(request.resolveDueAt),
                },
                {
                  key: 'assignee',
                  label: t('requests.detail.assignee'),
                  children: request.assignee ?? t('requests.detail.noAssignee'),
                },
                {
                  key: 'level',
                  label: t('requests.detail.escalation'),
                  children: levels[request.escalationLevel] ?? request.escalationLevel,
                },
                ...(request.rating
                  ? [
                      {
                        key: 'rating',
                        label: t('requests.detail.rating'),
                        children: `${label('rating', request.rating)}${request.ratingComment ? `：${request.ratingComment}` : ''}`,
                      },
                    ]
                  : []),
              ]}
            />
            <Flex gap={8} style={{ marginTop: 8 }} wrap>
              {request.reopenCount > 0 && <Tag>{t('requests.detail.reopenCount', { count: request.reopenCount })}</Tag>}
              {request.returnCount > 0 && <Tag>{t('requests.detail.returnCount', { count: request.returnCount })}</Tag>}
              {request.mergedIntoId !== null && (
                <Link to={`/requests/${request.mergedIntoId}`}>{t('requests.detail.mergedInto')}</Link>
              )}
            </Flex>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('requests.detail.photos')}
            </Typography.Title>
            {request.attachmentIds.length ? (
              <PhotoThumbs ids={request.attachmentIds} />
            ) : (
              <Typography.Text type="secondary">{t('requests.detail.noPhotos')}</Typography.Text>
            )}
            {request.latitude !== null && request.longitude !== null && (
              <RequestMap position={{ latitude: request.latitude, longitude: request.longitude }} />
            )}
          </Card>
          <Card title={t('requests.detail.timeline')} style={{ marginTop: 16 }}>
            <Timeline
              items={request.events.map((e) => ({
                key: e.id,
                color:
                  e.action === 'return' || e.action.includes('escalate')
                    ? 'red'
                    : e.toState === 'closed'
                      ? 'green'
                      : 'blue',
                content: (
                  <Flex vertical gap={4}>
                    <Flex gap={8} wrap align="baseline">
                      <Typography.Text strong>{eventActions[e.action] ?? label('action', e.action)}</Typography.Text>
                      {e.toState && e.toState !== e.fromState && (
                        <Tag color={stateColors[e.toState]}>{label('state', e.toState)}</Tag>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {e.actor ?? t('requests.detail.system')} · {formatDateTime(e.at)}
                      </Typography.Text>
                    </Flex>
                    {typeof e.data.rating === 'string' && <span>{label('rating', e.data.rating)}</span>}
                    {typeof e.data.to === 'string' && <span>→ {levels[e.data.to] ?? e.data.to}</span>}
                    {typeof e.data.days === 'number' && (
                      <span>{t('requests.detail.days', { count: e.data.days })}</span>
                    )}
                    {typeof e.data.into === 'string' && <span>→ {e.data.into}</span>}
                    {e.note && <span style={{ whiteSpace: 'pre-wrap' }}>{e.note}</span>}
                    <PhotoThumbs ids={e.attachmentIds} size={64} />
                  </Flex>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <div style={{ position: 'sticky', top: 80 }}>{actionCard}</div>
        </Col>
      </Row>
      {acting && (
        <ActionModal
          request={request}
          action={acting}
          defaultTarget={defaults.target}
          targetExplanation={defaults.explanation}
          onClose={() => setActing(null)}
        />
      )}
    </>
  );
}
