/**
 * 登记诉求: a hotline call, a walk-in or a patrol finding in under a minute, by keyboard. The caller's
 * number comes first: leaving the field looks the caller up in the registry (name, household) and
 * lists their recent requests, warning when one has the same category and place.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Row,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import {
  routes,
  urgencies,
  validatePhone,
  type RequestDetail,
  type ResidentListItem,
  type Urgency,
} from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { useLabels } from '../../lib/labels.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useFormError } from '../../ui/use-form-error.ts';
import { useSession } from '../auth/index.ts';
import { NodeSearchSelect } from '../jurisdiction/index.ts';
import { HouseholdSelect } from '../registry/household-select.tsx';
import { categoryInLanguage, categoryName, categoryTree, type CategoryNode } from './category-tree.ts';
import { PhotoUpload } from './request-photos.tsx';
import { useCategories, useIntakeRequest } from './request-queries.ts';
import { stateColors, useRequestLabel } from './request-labels.ts';

type Channel = 'hotline' | 'window' | 'patrol';

interface Values {
  contactPhone?: string;
  contactName?: string;
  isAnonymous?: boolean;
  channel: Channel;
  categoryId?: number;
  urgency: Urgency;
  description?: string;
  placeKind: 'household' | 'area';
  nodeId?: number | null;
  addressDetail?: string;
  attachmentIds?: number[];
}

interface CategoryOption {
  value: number;
  title: string;
  label: React.ReactNode;
  children?: CategoryOption[];
}

function categoryOptions(nodes: CategoryNode[], language: 'zh-CN' | 'en'): CategoryOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: [categoryName(n, language), n.hint ?? ''].join(' '),
    label: (
      <span>
        {categoryName(n, language)}
        {n.hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
            {n.hint}
          </Typography.Text>
        )}
      </span>
    ),
    ...(n.children ? { children: categoryOptions(n.children, language) } : {}),
  }));
}

export interface IntakeFormProps {
  /** Called with the recorded request (the page offers to dispatch it at once; it remounts the form for the next call). */
  onSubmitted: (detail: RequestDetail) => void;
}

export function IntakeForm({ onSubmitted }: IntakeFormProps) {
  const { t } = useTranslation();
  const { language } = useLabels();
  const label = useRequestLabel();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const intake = useIntakeRequest();
  const categories = useCategories();
  const canReadRegistry = me.permissions.includes('registry.read');
  const gridRole = me.roles.find((r) => r.role === 'grid_worker' && r.nodeId !== null);
  const initial: Values = {
    channel: gridRole ? 'patrol' : 'hotline',
    urgency: 'normal',
    placeKind: gridRole ? 'area' : 'household',
    nodeId: gridRole?.nodeId ?? null,
    isAnonymous: false,
    attachmentIds: [],
  };
  const [phone, setPhone] = useState<string>();
  // A grid worker on patrol may record where they stand (WGS-84, as the phone reports it).
  const [position, setPosition] = useState<{ latitude: number; longitude: number } | 'failed' | null>(null);
  const channel = Form.useWatch('channel', form) as Values['channel'] | undefined;

  const categoryId = Form.useWatch('categoryId', form);
  const nodeId = Form.useWatch('nodeId', form);
  const placeKind = Form.useWatch('placeKind', form);
  const urgency = Form.useWatch('urgency', form) as Urgency | undefined;
  const category = categories.data?.find((c) => c.id === categoryId);

  const residents = useQuery({
    queryKey: ['requests', 'intake', 'residents', phone],
    queryFn: async ({ signal }) =>
      (await apiCall(routes.searchResidents, { query: { q: phone, pageSize: 5 }, signal })).items,
    enabled: !!phone && canReadRegistry,
  });
  const since = dayjs().subtract(90, 'day').format('YYYY-MM-DD');
  const recent = useQuery({
    queryKey: ['requests', 'list', 'caller', phone, since],
    queryFn: ({ signal }) => apiCall(routes.listRequests, { query: { phone, from: since, pageSize: 5 }, signal }),
    enabled: !!phone,
  });
  // The server decides "same category and place": the category with its subcategories, the place with what lies below it.
  const same = useQuery({
    queryKey: ['requests', 'list', 'caller-same', phone, categoryId, nodeId, since],
    queryFn: ({ signal }) =>
      apiCall(routes.listRequests, {
        query: { phone, categoryId, nodeId: nodeId ?? undefined, from: since, pageSize: 3 },
        signal,
      }),
    enabled: !!phone && !!categoryId && !!nodeId && (recent.data?.total ?? 0) > 0,
  });

  // Prefill from the registry when exactly one resident has the number and the fields are still empty.
  useEffect(() => {
    const found = residents.data;
    if (found?.length !== 1) return;
    const r = found[0]!;
    if (!form.getFieldValue('contactName')) form.setFieldValue('contactName', r.name);
    if (!form.getFieldValue('nodeId')) form.setFieldsValue({ placeKind: 'household', nodeId: r.nodeId });
  }, [residents.data, form]);

  const chooseResident = (r: ResidentListItem) =>
    form.setFieldsValue({ contactName: r.name, placeKind: 'household', nodeId: r.nodeId });

  const lookUp = () => {
    const raw = (form.getFieldValue('contactPhone') as string | undefined)?.trim();
    if (!raw) return setPhone(undefined);
    const v = validatePhone(raw);
    if (!v.ok) return setPhone(undefined);
    setPhone(v.normalized);
  };

  const submit = (values: Values) => {
    formError.clear();
    intake.mutate(
      {
        channel: values.channel,
        categoryId: values.categoryId!,
        urgency: values.urgency,
        description: values.description!.trim(),
        nodeId: values.nodeId!,
        ...(values.addressDetail?.trim() ? { addressDetail: values.addressDetail.trim() } : {}),
        ...(values.channel === 'patrol' && position && position !== 'failed' ? position : {}),
        ...(values.contactName?.trim() ? { contactName: values.contactName.trim() } : {}),
        ...(values.contactPhone?.trim() ? { contactPhone: values.contactPhone.trim() } : {}),
        isAnonymous: values.isAnonymous ?? false,
        attachmentIds: values.attachmentIds ?? [],
      },
      { onSuccess: onSubmitted, onError: (err) => formError.show(err) },
    );
  };

  const duplicate = same.data?.items[0];
  const limits = category?.limits[urgency ?? 'normal'];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Card>
          {formError.alert && (
            <Alert type="error" showIcon role="alert" title={formError.alert} style={{ marginBottom: 16 }} />
          )}
          <Form<Values>
            form={form}
            name="intake"
            layout="vertical"
            initialValues={initial}
            onFinish={submit}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
            }}
          >
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="contactPhone"
                  label={t('requests.intake.phone')}
                  rules={[
                    {
                      validator: async (_, v?: string) => {
                        if (!v?.trim()) return;
                        const r = validatePhone(v);
                        if (!r.ok) throw new Error(r.message);
                      },
                    },
                  ]}
                >
                  <Input
                    autoFocus
                    inputMode="tel"
                    autoComplete="off"
                    placeholder={t('requests.intake.phonePlaceholder')}
                    onBlur={lookUp}
                    onPressEnter={(e) => {
                      e.preventDefault();
                      lookUp();
                    }}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="contactName" label={t('common.optionalLabel', { label: t('requests.intake.name') })}>
                  <Input maxLength={40} autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="isAnonymous" valuePropName="checked" style={{ marginTop: -12 }}>
              <Checkbox>{t('requests.intake.anonymous')}</Checkbox>
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="channel" label={t('requests.intake.channel')}>
                  <Radio.Group
                    optionType="button"
                    options={(['hotline', 'window', 'patrol'] as const).map((c) => ({
                      value: c,
                      label: label('channel', c),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="urgency" label={t('requests.intake.urgency')}>
                  <Radio.Group
                    optionType="button"
                    options={urgencies.map((u) => ({ value: u, label: label('urgency', u) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="categoryId"
              label={t('requests.intake.category')}
              rules={[{ required: true, message: t('requests.intake.categoryRequired') }]}
              extra={
                category &&
                limits &&
                t('requests.intake.categoryHandler', {
                  handler: label('handlerType', category.handlerType),
                  respond: limits.respondHours,
                  resolve: limits.resolveDays,
                })
              }
            >
              <TreeSelect
                placeholder={t('requests.intake.categoryPlaceholder')}
                treeData={categoryOptions(categoryTree(categories.data ?? [], true), language)}
                treeNodeLabelProp="title"
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
                loading={categories.isLoading}
                listHeight={360}
              />
            </Form.Item>
            <Form.Item
              name="description"
              label={t('requests.intake.descriptionLabel')}
              rules={[{ required: true, min: 4, whitespace: true, message: t('requests.intake.descriptionRequired') }]}
            >
              <Input.TextArea
                rows={3}
                maxLength={2000}
                showCount
                placeholder={t('requests.intake.descriptionPlaceholder')}
              />
            </Form.Item>
            <Form.Item name="placeKind" label={t('requests.intake.place')} style={{ marginBottom: 8 }}>
              <Radio.Group
                options={[
                  { value: 'household', label: t('requests.intake.placeKindHousehold') },
                  { value: 'area', label: t('requests.intake.placeKindArea') },
                ]}
                onChange={() => form.setFieldValue('nodeId', null)}
              />
            </Form.Item>
            <Form.Item
              name="nodeId"
              rules={[{ required: true, message: t('requests.intake.placeRequired') }]}
              extra={t('requests.intake.placeHint')}
            >
              {placeKind === 'area' ? (
                <NodeSearchSelect aria-label={t('requests.intake.place')} />
              ) : (
                <HouseholdSelect aria-label={t('requests.intake.place')} />
              )}
            </Form.Item>
            <Form.Item
              name="addressDetail"
              label={t('common.optionalLabel', { label: t('requests.intake.addressDetail') })}
            >
              <Input maxLength={200} placeholder={t('requests.intake.addressDetailPlaceholder')} />
            </Form.Item>
            {channel === 'patrol' && 'geolocation' in navigator && (
              <Form.Item>
                <Flex gap={12} align="center" wrap>
                  <Button
                    onClick={() =>
                      navigator.geolocation.getCurrentPosition(
                        (p) => setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
                        () => setPosition('failed'),
                        { timeout: 10_000 },
                      )
                    }
                  >
                    {t('requests.intake.recordPosition')}
                  </Button>
                  {position === 'failed' ? (
                    <Typography.Text type="secondary">{t('requests.intake.positionFailed')}</Typography.Text>
                  ) : (
                    position && (
                      <Typography.Text type="success">
                        {t('requests.intake.positionRecorded', {
                          position: `${position.latitude.toFixed(5)}, ${position.longitude.toFixed(5)}`,
                        })}
                      </Typography.Text>
                    )
                  )}
                </Flex>
              </Form.Item>
            )}
            <Form.Item name="attachmentIds" label={t('common.optionalLabel', { label: t('requests.intake.photos') })}>
              <PhotoUpload />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" loading={intake.isPending}>
              {t('requests.intake.submit')}
            </Button>
            <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
              Ctrl + Enter
            </Typography.Text>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card title={t('requests.intake.recent')} size="small">
          {!phone ? (
            <Typography.Text type="secondary">{t('requests.intake.phonePlaceholder')}</Typography.Text>
          ) : (
            <Flex vertical gap={12}>
              {canReadRegistry && residents.isFetching && (
                <Typography.Text>{t('requests.intake.lookup')}</Typography.Text>
              )}
              {canReadRegistry && residents.data?.length === 1 && (
                <Alert
                  type="success"
                  showIcon
                  title={t('requests.intake.foundResident', {
                    name: residents.data[0]!.name,
                    address: residents.data[0]!.address,
                  })}
                />
              )}
              {canReadRegistry && (residents.data?.length ?? 0) > 1 && (
                <Alert
                  type="info"
                  showIcon
                  title={t('requests.intake.foundResidents', { count: residents.data!.length })}
                  description={
                    <Flex vertical gap={4}>
                      {residents.data!.map((r) => (
                        <Button
                          key={r.id}
                          size="small"
                          onClick={() => chooseResident(r)}
                          style={{ textAlign: 'start' }}
                        >
                          {r.name} · {r.address}
                        </Button>
                      ))}
                    </Flex>
                  }
                />
              )}
              {canReadRegistry && residents.isSuccess && residents.data.length === 0 && (
                <Alert type="warning" showIcon title={t('requests.intake.notFound')} />
              )}
              {duplicate && (
                <Alert
                  type="warning"
                  showIcon
                  role="alert"
                  title={t('requests.intake.duplicateHint', {
                    code: duplicate.code,
                    state: label('state', duplicate.state),
                  })}
                  action={<Link to={`/requests/${duplicate.id}`}>{t('requests.intake.openRecent')}</Link>}
                />
              )}
              <List
                size="small"
                loading={recent.isFetching}
                dataSource={recent.data?.items ?? []}
                locale={{ emptyText: t('requests.intake.noRecent') }}
                renderItem={(r) => (
                  <List.Item extra={<Link to={`/requests/${r.id}`}>{t('requests.intake.openRecent')}</Link>}>
                    <Flex vertical gap={2} style={{ minWidth: 0 }}>
                      <Flex gap={6} align="center" wrap>
                        <Typography.Text style={{ fontFamily: 'monospace' }}>{r.code}</Typography.Text>
                        <Tag color={stateColors[r.state]}>{label('state', r.state)}</Tag>
                      </Flex>
                      <Typography.Text ellipsis>
                        {categoryInLanguage(r, language).categoryName} · {r.summary}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(r.submittedAt)} · {r.address}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            </Flex>
          )}
        </Card>
      </Col>
    </Row>
  );
}
