/** 记录走访: kind, date, wellbeing, finding, and whether it needs a follow-up. */
import { App, Checkbox, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { visitKinds, visitLabels, wellbeings } from '@linli/contracts';
import { pickLabel } from '../../lib/i18n.ts';
import { useLabels } from '../../lib/labels.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import { useRecordVisit } from './registry-io-queries.ts';

interface VisitValues {
  kind: (typeof visitKinds)[number];
  visitedOn: dayjs.Dayjs;
  wellbeing: (typeof wellbeings)[number];
  finding?: string;
  needsFollowUp?: boolean;
  followUpNote?: string;
}

export function RecordVisitModal({
  residentId,
  name,
  defaultKind,
  onClose,
}: {
  residentId: number;
  name: string;
  defaultKind?: (typeof visitKinds)[number];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitValues>();
  const formError = useFormError(form);
  const record = useRecordVisit();
  const followUp = Form.useWatch('needsFollowUp', form) === true;

  return (
    <FormModal<VisitValues>
      title={t('visits.recordTitle', { name })}
      form={form}
      name="record-visit"
      submitting={record.isPending}
      alert={formError.alert}
      onCancel={onClose}
      initialValues={{ kind: defaultKind ?? 'home', visitedOn: dayjs(), wellbeing: 'good', needsFollowUp: false }}
      onFinish={(values) => {
        formError.clear();
        record.mutate(
          {
            id: residentId,
            body: {
              kind: values.kind,
              visitedOn: values.visitedOn.format('YYYY-MM-DD'),
              wellbeing: values.wellbeing,
              finding: values.finding?.trim() || undefined,
              needsFollowUp: values.needsFollowUp ?? false,
              followUpNote: values.needsFollowUp ? values.followUpNote?.trim() || undefined : undefined,
            },
          },
          {
            onSuccess: () => {
              void message.success(t('visits.recorded'));
              onClose();
            },
            onError: formError.show,
          },
        );
      }}
    >
      <Form.Item name="kind" label={t('visits.kind')} rules={[{ required: true }]}>
        <Select options={visitKinds.map((k) => ({ value: k, label: pickLabel(visitLabels.kind[k], language) }))} />
      </Form.Item>
      <Form.Item name="visitedOn" label={t('visits.visitedOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="wellbeing" label={t('visits.wellbeing')} rules={[{ required: true }]}>
        <Select options={wellbeings.map((w) => ({ value: w, label: pickLabel(visitLabels.wellbeing[w], language) }))} />
      </Form.Item>
      <Form.Item name="finding" label={t('visits.finding')}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('visits.findingPlaceholder')} />
      </Form.Item>
      <Form.Item name="needsFollowUp" valuePropName="checked" style={{ marginBottom: followUp ? 8 : 0 }}>
        <Checkbox>{t('visits.needsFollowUp')}</Checkbox>
      </Form.Item>
      {followUp && (
        <Form.Item name="followUpNote" label={t('visits.followUpNote')}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      )}
    </FormModal>
  );
}
