/**
 * Register or correct a unit. A credit code that fails the GB 32100 check is refused with the
 * server's message (which character, what the check character should be); the user may keep it only
 * by ticking "以证照原件为准" and giving a reason — sent as creditCodeOverride and audited.
 */
import { useState } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { unitKinds, validateCreditCode, type UnitDetail } from '@linli/contracts';
import { ApiError } from '../../lib/api-error.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import { useHasPermission } from '../auth/index.ts';
import { useHousingLabels } from '../housing/index.ts';
import { NodeSearchSelect } from '../jurisdiction/index.ts';
import { useSaveUnit } from './units-queries.ts';

interface Values {
  nodeId: number;
  kind: (typeof unitKinds)[number];
  name: string;
  creditCode?: string;
  keepCode?: boolean;
  overrideReason?: string;
  religion?: string;
  legalRepresentative?: string;
  contactName?: string;
  contactPhone?: string;
  employees?: number;
  notes?: string;
  reason?: string;
}

export function UnitFormModal({ unit, onClose }: { unit?: UnitDetail | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useHousingLabels();
  const mayReadSensitive = useHasPermission('registry.sensitive');
  const [form] = Form.useForm<Values>();
  const error = useFormError(form);
  const save = useSaveUnit();
  const [codeProblem, setCodeProblem] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const keep = Form.useWatch('keepCode', form);
  const kinds = unitKinds.filter((k) => k !== 'religious_site' || mayReadSensitive);

  const submit = (v: Values) => {
    error.clear();
    const override = v.keepCode && v.overrideReason ? { reason: v.overrideReason.trim() } : undefined;
    const fields = {
      nodeId: v.nodeId,
      kind: v.kind,
      name: v.name.trim(),
      creditCode: v.creditCode?.trim() || undefined,
      creditCodeOverride: override,
      religion: v.kind === 'religious_site' ? v.religion?.trim() || undefined : undefined,
      legalRepresentative: v.legalRepresentative?.trim() || undefined,
      contactName: v.contactName?.trim() || undefined,
      contactPhone: v.contactPhone?.trim() || undefined,
      employees: v.employees ?? undefined,
      notes: v.notes?.trim() || undefined,
    };
    const onError = (e: unknown) => {
      if (e instanceof ApiError && e.code === 'CREDIT_CODE_INVALID') {
        setCodeProblem(e.message);
        form.setFields([{ name: 'creditCode', errors: [t('units.codeFailsCheck')] }]);
        return;
      }
      error.show(e);
    };
    if (unit)
      save.mutate(
        { id: unit.id, body: { ...fields, version: unit.version, reason: v.reason?.trim() || undefined } },
        { onSuccess: onClose, onError },
      );
    else save.mutate({ body: fields }, { onSuccess: onClose, onError });
  };

  return (
    <FormModal<Values>
      title={unit ? t('units.edit') : t('units.register')}
      form={form}
      name="unit-form"
      width={640}
      onFinish={submit}
      onCancel={onClose}
      submitting={save.isPending}
      alert={error.alert}
      initialValues={
        unit
          ? {
              nodeId: unit.nodeId,
              kind: unit.kind,
              name: unit.name,
              creditCode: unit.creditCode ?? undefined,
              religion: unit.religion ?? undefined,
              legalRepresentative: unit.legalRepresentative ?? undefined,
              contactName: unit.contactName ?? undefined,
              employees: unit.employees ?? undefined,
              notes: unit.notes ?? undefined,
            }
          : { kind: 'company' }
      }
    >
      <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
        <Select options={kinds.map((k) => ({ value: k, label: labels.unitKind(k) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="nodeId" label={t('units.place')} rules={[{ required: true, message: t('units.placeRequired') }]}>
        <NodeSearchSelect placeholder={t('units.placeHint')} />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label={t('units.creditCode')}
        extra={t('units.creditCodeHint')}
        normalize={(v: string) => v.toUpperCase()}
        rules={[
          {
            validator: async (_, v: string | undefined) => {
              // The same check as the server, so the message shows before submitting.
              if (!v?.trim() || form.getFieldValue('keepCode')) return;
              const r = validateCreditCode(v);
              if (!r.ok) throw new Error(r.message);
            },
          },
        ]}
      >
        <Input maxLength={30} style={{ fontFamily: 'monospace' }} onChange={() => setCodeProblem(null)} />
      </Form.Item>
      {codeProblem && <Alert type="warning" showIcon title={codeProblem} style={{ marginBottom: 12 }} />}
      {(codeProblem || unit?.creditCodeOverride) && (
        <>
          <Form.Item name="keepCode" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('units.keepCode')}</Checkbox>
          </Form.Item>
          {keep && (
            <Form.Item
              name="overrideReason"
              label={t('units.overrideReason')}
              rules={[{ required: true, whitespace: true, min: 4, message: t('units.overrideReasonRequired') }]}
            >
              <Input maxLength={200} placeholder={t('units.overrideReasonPlaceholder')} />
            </Form.Item>
          )}
        </>
      )}
      {kind === 'religious_site' && (
        <Form.Item name="religion" label={t('units.religion')}>
          <Input maxLength={40} />
        </Form.Item>
      )}
      <Form.Item name="legalRepresentative" label={t('units.legalRepresentative')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="contactName" label={t('units.contactName')}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t('units.contactPhone')}
        extra={unit?.contactPhoneMasked ? t('housing.phoneKept', { masked: unit.contactPhoneMasked }) : undefined}
      >
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="employees" label={t('units.employees')}>
        <InputNumber min={0} max={10_000_000} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="notes" label={t('units.notes')}>
        <Input.TextArea maxLength={1000} rows={2} />
      </Form.Item>
      {unit && (
        <Form.Item name="reason" label={t('housing.reason')}>
          <Input maxLength={200} />
        </Form.Item>
      )}
    </FormModal>
  );
}
