/** 查看某日记录: the resident's record as it stood at the end of a past day, rebuilt from the history. */
import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Flex, Modal, Spin, Tag } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { routes } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { pickLabel } from '../../lib/i18n.ts';
import { useLabels } from '../../lib/labels.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { registryKeys } from './registry-queries.ts';
import { useRegistryLabels } from './registry-labels.ts';
import { formatChangeValue, historyFieldOrder, isHistoryField } from './resident-history.ts';

/** Facts of the floating-population register, shown only for a floating resident. */
const floatingFields = new Set<string>(['arrivalDate', 'origin', 'arrivalReason', 'expectedStay']);

export function AsOfButton({ residentId }: { residentId: number }) {
  const { t } = useTranslation();
  const labels = useRegistryLabels();
  const { language } = useLabels();
  const [date, setDate] = useState<Dayjs | null>(null);
  const day = date?.format('YYYY-MM-DD');
  const state = useQuery({
    queryKey: [...registryKeys.detail(residentId), 'as-of', day ?? ''],
    queryFn: ({ signal }) =>
      apiCall(routes.residentAsOf, { params: { id: residentId }, query: { date: day! }, signal }),
    enabled: day !== undefined,
  });
  const pick = (l: { zh: string; en: string }) => pickLabel(l, language);
  const s = state.data;
  const fields = s
    ? historyFieldOrder
        .filter((k) => k in s.fields)
        .filter((k) => s.fields.registrationType === 'floating' || !floatingFields.has(k))
        .map((k) => ({
          key: k,
          label: isHistoryField(k) ? t(`registry.fields.${k}`) : k,
          children: formatChangeValue(k, s.fields[k], pick, labels.tagName),
        }))
    : [];

  return (
    <>
      <DatePicker
        size="small"
        placeholder={t('asOf.pick')}
        aria-label={t('asOf.pick')}
        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        value={date}
        // Open the dialog after the key event that chose the date: with a typed date and Enter, the
        // keypress that follows the keydown would otherwise land on the dialog's freshly focused close
        // button and shut it at once (seen in the production build).
        onChange={(d) => setTimeout(() => setDate(d))}
        suffixIcon={<HistoryOutlined />}
        style={{ width: 150 }}
      />
      <Modal
        open={day !== undefined}
        title={t('asOf.title', { date: day })}
        onCancel={() => setDate(null)}
        footer={
          <Button type="primary" onClick={() => setDate(null)}>
            {t('common.close')}
          </Button>
        }
        width={720}
        destroyOnHidden
      >
        {state.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : state.isError ? (
          <ErrorAlert error={state.error} />
        ) : s && !s.existed ? (
          <Alert type="info" showIcon title={t('asOf.notYet')} />
        ) : s ? (
          <Flex vertical gap={12}>
            <Flex gap={8} wrap>
              {s.status && <Tag>{labels.label('status', s.status)}</Tag>}
              {s.address && <span>{s.address}</span>}
            </Flex>
            <Descriptions bordered size="small" column={2} items={fields} />
            <Alert type="info" showIcon title={t('asOf.note')} />
          </Flex>
        ) : null}
      </Modal>
    </>
  );
}
