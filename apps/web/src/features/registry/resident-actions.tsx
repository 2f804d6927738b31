/** 迁移 (move in / change household / change address) and 迁出/死亡, each in its own modal. */
import { Alert, App, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ResidentDetail } from '@linli/contracts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import { HouseholdSelect } from './household-select.tsx';
import { useRegistryLabels } from './registry-labels.ts';
import { useEndResidence, useMoveResident } from './registry-queries.ts';
import type { RelationToHead } from './registry-types.ts';

type MoveKind = 'move_in' | 'change_household' | 'change_address';
type EndKind = 'move_out' | 'death';

interface MoveValues {
  kind: MoveKind;
  toNodeId: number | null;
  relationToHead: RelationToHead;
  occurredOn: Dayjs;
  reason?: string;
}

const notFuture = (current: Dayjs) => current.isAfter(dayjs(), 'day');

export function MoveResidentModal({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useRegistryLabels();
  const [form] = Form.useForm<MoveValues>();
  const move = useMoveResident();
  const error = useFormError(form, { NODE_NOT_HOUSEHOLD: 'toNodeId', RESIDENT_NOT_ACTIVE: 'kind' });
  const kinds: MoveKind[] = ['move_in', 'change_household', 'change_address'];
  // Someone who moved out comes back (迁入); someone living here changes household or address.
  const defaultKind: MoveKind = resident.status === 'active' ? 'change_household' : 'move_in';

  const submit = ({ kind, toNodeId, relationToHead, occurredOn, reason }: MoveValues) => {
    error.clear();
    move.mutate(
      {
        id: resident.id,
        body: {
          kind,
          toNodeId: toNodeId ?? 0,
          relationToHead,
          occurredOn: occurredOn.format('YYYY-MM-DD'),
          reason: reason?.trim() || undefined,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('registry.moved'));
          onClose();
        },
        onError: error.show,
      },
    );
  };

  return (
    <FormModal<MoveValues>
      title={t('registry.moveTitle', { name: resident.name })}
      form={form}
      name="move-resident"
      width={640}
      onFinish={submit}
      onCancel={onClose}
      submitting={move.isPending}
      alert={error.alert}
      initialValues={{ kind: defaultKind, relationToHead: resident.relationToHead, occurredOn: dayjs() }}
    >
      <Form.Item label={t('registry.moveKind')} name="kind" rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={kinds.map((k) => ({ value: k, label: t(`registry.moveKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('registry.toHousehold')}
        name="toNodeId"
        rules={[{ required: true, message: t('registry.toHouseholdRequired') }]}
      >
        <HouseholdSelect />
      </Form.Item>
      <Form.Item
        label={t('registry.fields.relationToHead')}
        name="relationToHead"
        rules={[{ required: true, message: t('registry.relationRequired') }]}
      >
        <Select options={labels.options('relationToHead')} />
      </Form.Item>
      <Form.Item
        label={t('registry.occurredOn')}
        name="occurredOn"
        rules={[{ required: true, message: t('registry.occurredOnRequired') }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item label={t('common.optionalLabel', { label: t('registry.reason') })} name="reason">
        <Input.TextArea maxLength={200} rows={2} showCount />
      </Form.Item>
    </FormModal>
  );
}

interface EndValues {
  kind: EndKind;
  occurredOn: Dayjs;
  reason?: string;
}

export function EndResidenceModal({ resident, onClose }: { resident: ResidentDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EndValues>();
  const end = useEndResidence();
  const error = useFormError(form, { RESIDENT_NOT_ACTIVE: 'kind' });

  const submit = ({ kind, occurredOn, reason }: EndValues) => {
    error.clear();
    end.mutate(
      {
        id: resident.id,
        body: { kind, occurredOn: occurredOn.format('YYYY-MM-DD'), reason: reason?.trim() || undefined },
      },
      {
        onSuccess: () => {
          void message.success(t('registry.ended'));
          onClose();
        },
        onError: error.show,
      },
    );
  };

  return (
    <FormModal<EndValues>
      title={t('registry.endTitle', { name: resident.name })}
      form={form}
      name="end-residence"
      onFinish={submit}
      onCancel={onClose}
      submitting={end.isPending}
      alert={error.alert}
      okDanger
      initialValues={{ kind: 'move_out', occurredOn: dayjs() }}
    >
      <Alert type="warning" showIcon title={t('registry.endNotice')} style={{ marginBottom: 16 }} />
      <Form.Item label={t('registry.endKind')} name="kind" rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(['move_out', 'death'] as const).map((k) => ({ value: k, label: t(`registry.endKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('registry.occurredOn')}
        name="occurredOn"
        rules={[{ required: true, message: t('registry.occurredOnRequired') }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item label={t('common.optionalLabel', { label: t('registry.reason') })} name="reason">
        <Input.TextArea maxLength={200} rows={2} showCount />
      </Form.Item>
    </FormModal>
  );
}
