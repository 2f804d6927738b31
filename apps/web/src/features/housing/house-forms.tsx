/** The house form (register or correct), the rental registration form and the end-of-rental form. */
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { houseUses, type HouseDetail } from '@linli/contracts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import { HouseholdSelect } from '../registry/index.ts';
import { useHousingLabels } from './housing-labels.ts';
import { useEndRental, useRegisterHouse, useRegisterRental, useUpdateHouse } from './housing-queries.ts';

interface HouseValues {
  areaM2?: number;
  use: (typeof houseUses)[number];
  ownerName?: string;
  ownerPhone?: string;
  notes?: string;
  reason?: string;
}

/** Register the house facts of a room, or correct them (`house` given). */
export function HouseFormModal({
  nodeId,
  house,
  onClose,
}: {
  nodeId: number;
  house?: HouseDetail | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useHousingLabels();
  const [form] = Form.useForm<HouseValues>();
  const error = useFormError(form);
  const register = useRegisterHouse();
  const update = useUpdateHouse();
  const submit = (v: HouseValues) => {
    error.clear();
    const body = {
      areaM2: v.areaM2 ?? undefined,
      use: v.use,
      ownerName: v.ownerName?.trim() || undefined,
      ownerPhone: v.ownerPhone?.trim() || undefined,
      notes: v.notes?.trim() || undefined,
    };
    if (house)
      update.mutate(
        { id: house.id, body: { ...body, version: house.version, reason: v.reason?.trim() || undefined } },
        { onSuccess: onClose, onError: error.show },
      );
    else register.mutate({ nodeId, ...body }, { onSuccess: onClose, onError: error.show });
  };
  return (
    <FormModal<HouseValues>
      title={house ? t('housing.editHouse') : t('housing.registerHouse')}
      form={form}
      name="house-form"
      onFinish={submit}
      onCancel={onClose}
      submitting={register.isPending || update.isPending}
      alert={error.alert}
      initialValues={
        house
          ? {
              areaM2: house.areaM2 ?? undefined,
              use: house.use,
              ownerName: house.ownerName ?? undefined,
              notes: house.notes ?? undefined,
            }
          : { use: 'owner_occupied' }
      }
    >
      <Form.Item name="use" label={t('housing.use')} rules={[{ required: true }]}>
        <Select options={houseUses.map((u) => ({ value: u, label: labels.use(u) }))} />
      </Form.Item>
      <Form.Item name="areaM2" label={t('housing.area')}>
        <InputNumber min={0.01} max={99999} step={0.01} addonAfter="㎡" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="ownerName" label={t('housing.ownerName')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="ownerPhone"
        label={t('housing.ownerPhone')}
        extra={house?.ownerPhoneMasked ? t('housing.phoneKept', { masked: house.ownerPhoneMasked }) : undefined}
      >
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="notes" label={t('housing.notes')}>
        <Input.TextArea maxLength={1000} rows={2} />
      </Form.Item>
      {house && (
        <Form.Item name="reason" label={t('housing.reason')}>
          <Input maxLength={200} />
        </Form.Item>
      )}
    </FormModal>
  );
}

interface RentalValues {
  tenantNodeId?: number | null;
  tenantName?: string;
  tenantIdNumber?: string;
  tenantPhone?: string;
  landlordName: string;
  period: [Dayjs, Dayjs | null];
  contractNo?: string;
}

/** 出租登记: the tenant household (optional) or the tenant's name and numbers, landlord, period, contract. */
export function RentalFormModal({ house, onClose }: { house: HouseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RentalValues>();
  const error = useFormError(form);
  const register = useRegisterRental();
  const submit = (v: RentalValues) => {
    error.clear();
    register.mutate(
      {
        id: house.id,
        body: {
          tenantNodeId: v.tenantNodeId ?? undefined,
          tenantName: v.tenantName?.trim() || undefined,
          tenantIdNumber: v.tenantIdNumber?.trim() || undefined,
          tenantPhone: v.tenantPhone?.trim() || undefined,
          landlordName: v.landlordName.trim(),
          startDate: v.period[0].format('YYYY-MM-DD'),
          endDate: v.period[1]?.format('YYYY-MM-DD'),
          contractNo: v.contractNo?.trim() || undefined,
        },
      },
      { onSuccess: onClose, onError: error.show },
    );
  };
  return (
    <FormModal<RentalValues>
      title={t('housing.registerRental')}
      form={form}
      name="rental-form"
      onFinish={submit}
      onCancel={onClose}
      submitting={register.isPending}
      alert={error.alert}
      initialValues={{ landlordName: house.ownerName ?? undefined, tenantNodeId: house.nodeId }}
    >
      <Form.Item name="tenantNodeId" label={t('housing.tenantHousehold')} extra={t('housing.tenantHouseholdHint')}>
        <HouseholdSelect />
      </Form.Item>
      <Form.Item name="tenantName" label={t('housing.tenantName')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="tenantIdNumber" label={t('housing.tenantIdNumber')}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="tenantPhone" label={t('housing.tenantPhone')}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="landlordName" label={t('housing.landlord')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="period"
        label={t('housing.period')}
        rules={[{ required: true, message: t('housing.periodRequired') }]}
      >
        <DatePicker.RangePicker allowEmpty={[false, true]} />
      </Form.Item>
      <Form.Item name="contractNo" label={t('housing.contractNo')}>
        <Input maxLength={60} />
      </Form.Item>
    </FormModal>
  );
}

/** 退租: the day it ended and why; the registration itself stays in the history. */
export function EndRentalModal({ rentalId, onClose }: { rentalId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ endedOn: Dayjs; reason?: string }>();
  const error = useFormError(form);
  const end = useEndRental();
  return (
    <FormModal<{ endedOn: Dayjs; reason?: string }>
      title={t('housing.endRental')}
      form={form}
      name="end-rental-form"
      onFinish={(v) =>
        end.mutate(
          { id: rentalId, body: { endedOn: v.endedOn.format('YYYY-MM-DD'), reason: v.reason?.trim() || undefined } },
          { onSuccess: onClose, onError: error.show },
        )
      }
      onCancel={onClose}
      submitting={end.isPending}
      alert={error.alert}
    >
      <Form.Item name="endedOn" label={t('housing.endedOn')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="reason" label={t('housing.reason')}>
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
