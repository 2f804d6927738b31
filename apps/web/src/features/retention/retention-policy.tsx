/**
 * 个人信息保存期限: how long the registry keeps a person's data after its purpose ended, with a live
 * count of what the next nightly run would anonymise under the periods on screen (PIPL art. 19, 47).
 */
import { Alert, App, Button, Card, Descriptions, Flex, Form, InputNumber, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { routes, type RetentionPolicy, type RetentionSetting } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { errorText } from '../../ui/error-alert.tsx';
import { useDebouncedValue } from '../../ui/use-debounced-value.ts';

const keys = { setting: ['retention'] as const, preview: (p: RetentionPolicy) => ['retention', 'preview', p] as const };
const fields = ['residentYears', 'rentalYears', 'visitYears'] as const;

export function useRetentionSetting() {
  return useQuery({ queryKey: keys.setting, queryFn: ({ signal }) => apiCall(routes.getRetentionPolicy, { signal }) });
}

export function RetentionPolicyForm({ setting }: { setting: RetentionSetting }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RetentionPolicy>();
  const watched = Form.useWatch([], form) as Partial<RetentionPolicy> | undefined;
  const proposed: RetentionPolicy | null =
    watched && fields.every((f) => Number.isInteger(watched[f]) && watched[f]! >= 1 && watched[f]! <= 30)
      ? { residentYears: watched.residentYears!, rentalYears: watched.rentalYears!, visitYears: watched.visitYears! }
      : null;
  // Debounced as text: a fresh object each render would never settle.
  const settledText = useDebouncedValue(proposed ? JSON.stringify(proposed) : '', 400);
  const settled = settledText ? (JSON.parse(settledText) as RetentionPolicy) : null;
  const saved: RetentionPolicy = {
    residentYears: setting.residentYears,
    rentalYears: setting.rentalYears,
    visitYears: setting.visitYears,
  };
  const preview = useQuery({
    queryKey: keys.preview(settled ?? saved),
    queryFn: ({ signal }) => apiCall(routes.previewRetentionPolicy, { query: settled ?? saved, signal }),
    placeholderData: keepPreviousData,
  });
  const save = useMutation({
    mutationFn: (p: RetentionPolicy) =>
      apiCall(routes.updateRetentionPolicy, { body: { ...p, version: setting.version } }),
    onSuccess: async (next) => {
      queryClient.setQueryData(keys.setting, next);
      await queryClient.invalidateQueries({ queryKey: ['retention', 'preview'] });
      void message.success(t('retention.saved'));
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const counts = preview.data;
  const lapsing = counts ? counts.residents + counts.mergedResidents + counts.rentals + counts.visits : 0;
  const submit = (p: RetentionPolicy) => {
    const shortened = fields.some((f) => p[f] < setting[f]);
    if (!shortened || lapsing === 0) return save.mutate(p);
    modal.confirm({
      title: t('retention.confirmTitle'),
      content: t('retention.confirmBody', { count: lapsing }),
      okText: t('retention.confirmOk'),
      okButtonProps: { danger: true },
      onOk: () => save.mutateAsync(p),
    });
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Card>
        <Form<RetentionPolicy> form={form} layout="vertical" initialValues={saved} onFinish={submit}>
          {fields.map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={t(`retention.fields.${f}`)}
              extra={t(`retention.hints.${f}`)}
              rules={[{ required: true, type: 'integer', min: 1, max: 30, message: t('retention.range') }]}
            >
              <InputNumber min={1} max={30} precision={0} suffix={t('retention.years')} style={{ width: 160 }} />
            </Form.Item>
          ))}
          {counts && (
            <Alert
              type={lapsing > 0 ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              title={
                lapsing > 0
                  ? t('retention.preview', {
                      residents: counts.residents,
                      merged: counts.mergedResidents,
                      rentals: counts.rentals,
                      visits: counts.visits,
                    })
                  : t('retention.previewNone')
              }
              description={t('retention.previewNote', { date: counts.today })}
            />
          )}
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small">
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'updated',
              label: t('retention.updated'),
              children:
                setting.version > 1
                  ? `${formatDateTime(setting.updatedAt)} · ${setting.updatedBy ?? '—'}`
                  : t('retention.defaults'),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('retention.about')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
