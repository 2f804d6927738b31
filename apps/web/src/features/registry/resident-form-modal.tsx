/** Registering a resident, and correcting one (sends the version read; a concurrent change is reported). */
import { useMemo } from 'react';
import { App, Col, DatePicker, Divider, Form, Input, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ResidentDetail } from '@linli/contracts';
import { ApiError } from '../../lib/api-error.ts';
import type { FieldSetter } from '../../lib/form-errors.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import { useHasPermission } from '../auth/index.ts';
import { HouseholdSelect } from './household-select.tsx';
import { useRegistryLabels } from './registry-labels.ts';
import { useRegisterResident, useUpdateResident } from './registry-queries.ts';
import {
  checkId,
  correctionInitialValues,
  phoneProblem,
  residentFormFields,
  toCorrectionBody,
  toRegisterBody,
  type ResidentFormValues,
} from './resident-form.ts';

const residentFieldByCode = { RESIDENT_ID_TAKEN: 'idNumber', NODE_NOT_HOUSEHOLD: 'nodeId' } as const;

/** Lets server messages land on any field the form may show, even one still empty. */
function useKnownFields(form: FormInstance<ResidentFormValues>): FieldSetter {
  return useMemo<FieldSetter>(
    () => ({
      setFields: form.setFields,
      getFieldsValue: () => ({ ...residentFormFields, ...(form.getFieldsValue(true) as object) }),
    }),
    [form],
  );
}

const optional = (label: string, t: (k: 'common.optionalLabel', o: { label: string }) => string) =>
  t('common.optionalLabel', { label });

function ResidentFields({
  form,
  mode,
  original,
}: {
  form: FormInstance<ResidentFormValues>;
  mode: 'register' | 'correct';
  original?: ResidentDetail;
}) {
  const { t } = useTranslation();
  const labels = useRegistryLabels();
  const mayWriteSensitive = useHasPermission('registry.sensitive') && !original?.sensitiveHidden;
  const idKind = Form.useWatch('idKind', form);
  const idNumber = Form.useWatch('idNumber', form);
  const registrationType = Form.useWatch('registrationType', form);
  const idCheck = checkId(idKind, idNumber, '');
  const derived =
    idCheck.state === 'ok' && idCheck.birthDate && idCheck.gender
      ? t('registry.idDerived', { birthDate: idCheck.birthDate, gender: labels.label('gender', idCheck.gender) })
      : undefined;
  const notFuture = (current: dayjs.Dayjs) => current.isAfter(dayjs(), 'day');

  const fillFromId = (value: string) => {
    const check = checkId(form.getFieldValue('idKind') as ResidentFormValues['idKind'], value, '');
    if (check.state === 'ok' && check.birthDate && check.gender) {
      form.setFieldsValue({ gender: check.gender, birthDate: dayjs(check.birthDate) });
      void form.validateFields(['gender', 'birthDate']).catch(() => undefined);
    }
  };

  return (
    <>
      {mode === 'register' && (
        <Form.Item
          label={t('registry.householdPick')}
          name="nodeId"
          rules={[{ required: true, message: t('registry.householdRequired') }]}
        >
          <HouseholdSelect />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('registry.fields.name')}
            name="name"
            rules={[{ required: true, whitespace: true, message: t('registry.nameRequired') }]}
          >
            <Input maxLength={60} autoFocus={mode === 'register'} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('registry.fields.idKind')} name="idKind">
            <Select options={labels.options('idKind')} />
          </Form.Item>
        </Col>
      </Row>
      {idKind !== 'none' && (
        <Form.Item
          label={t('registry.fields.idNumber')}
          name="idNumber"
          // The live check is the validator (run as the user types); what the number tells goes below it.
          extra={
            derived ??
            (mode === 'correct' && original?.idNumberMasked
              ? t('registry.keepHint', { masked: original.idNumberMasked })
              : undefined)
          }
          rules={[
            {
              validator: async (_rule, value: string | undefined) => {
                const check = checkId(
                  form.getFieldValue('idKind') as ResidentFormValues['idKind'],
                  value,
                  t('registry.passportInvalid'),
                );
                if (check.state === 'invalid') throw new Error(check.message);
              },
            },
          ]}
        >
          <Input
            maxLength={40}
            autoComplete="off"
            style={{ fontFamily: 'monospace' }}
            placeholder={mode === 'correct' ? (original?.idNumberMasked ?? undefined) : undefined}
            onChange={(e) => fillFromId(e.target.value)}
          />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('registry.fields.gender')}
            name="gender"
            rules={[{ required: true, message: t('registry.genderRequired') }]}
          >
            <Select options={labels.options('gender')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={optional(t('registry.fields.birthDate'), t)} name="birthDate">
            <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={optional(t('registry.fields.ethnicity'), t)} name="ethnicity">
            <Input maxLength={20} placeholder={t('registry.ethnicityPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={optional(t('registry.fields.phone'), t)}
        name="phone"
        extra={
          mode === 'correct' && original?.phoneMasked
            ? t('registry.keepHint', { masked: original.phoneMasked })
            : undefined
        }
        rules={[
          {
            validator: async (_rule, value: string | undefined) => {
              const problem = phoneProblem(value);
              if (problem) throw new Error(problem);
            },
          },
        ]}
      >
        <Input
          maxLength={30}
          inputMode="tel"
          autoComplete="off"
          placeholder={mode === 'correct' ? (original?.phoneMasked ?? undefined) : undefined}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('registry.fields.registrationType')}
            name="registrationType"
            rules={[{ required: true, message: t('registry.typeRequired') }]}
          >
            <Select options={labels.options('registrationType')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('registry.fields.relationToHead')}
            name="relationToHead"
            rules={[{ required: true, message: t('registry.relationRequired') }]}
          >
            <Select options={labels.options('relationToHead')} />
          </Form.Item>
        </Col>
      </Row>
      {registrationType === 'floating' && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('registry.fields.arrivalDate')}
              name="arrivalDate"
              rules={[{ required: true, message: t('registry.arrivalRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('registry.fields.origin')}
              name="origin"
              rules={[{ required: true, whitespace: true, message: t('registry.originRequired') }]}
            >
              <Input maxLength={100} placeholder={t('registry.originPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={optional(t('registry.fields.arrivalReason'), t)} name="arrivalReason">
              <Input maxLength={100} placeholder={t('registry.arrivalReasonPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={optional(t('registry.fields.expectedStay'), t)} name="expectedStay">
              <Input maxLength={40} placeholder={t('registry.expectedStayPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <Form.Item label={optional(t('registry.fields.tags'), t)} name="tags">
        <Select
          mode="multiple"
          allowClear
          options={labels.careTags.map((tag) => ({ value: tag.code, label: labels.tagName(tag.code) }))}
        />
      </Form.Item>
      <Form.Item label={optional(t('registry.fields.notes'), t)} name="notes">
        <Input.TextArea maxLength={1000} rows={2} showCount />
      </Form.Item>
      {mayWriteSensitive && (
        <>
          <Divider titlePlacement="start" plain>
            <Typography.Text type="secondary">{t('registry.sensitiveSection')}</Typography.Text>
          </Divider>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item label={optional(t('registry.fields.politicalStatus'), t)} name="politicalStatus">
                <Select allowClear options={labels.options('politicalStatus')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={optional(t('registry.fields.religion'), t)} name={['sensitive', 'religion']}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={optional(t('registry.fields.disabilityKind'), t)}
                name={['sensitive', 'disabilityKind']}
              >
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label={optional(t('registry.fields.disabilityGrade'), t)}
                name={['sensitive', 'disabilityGrade']}
              >
                <Input maxLength={20} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={optional(t('registry.fields.health'), t)} name={['sensitive', 'health']}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </>
      )}
    </>
  );
}

export function RegisterResidentModal({
  onClose,
  onRegistered,
}: {
  onClose: () => void;
  onRegistered: (resident: ResidentDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResidentFormValues>();
  const register = useRegisterResident();
  const error = useFormError(useKnownFields(form), residentFieldByCode);
  const mayWriteSensitive = useHasPermission('registry.sensitive');

  const submit = (values: ResidentFormValues) => {
    error.clear();
    register.mutate(toRegisterBody(values, mayWriteSensitive), {
      onSuccess: (resident) => {
        void message.success(t('registry.registered', { name: resident.name }));
        onClose();
        onRegistered(resident);
      },
      onError: error.show,
    });
  };

  return (
    <FormModal<ResidentFormValues>
      title={t('registry.registerTitle')}
      form={form}
      name="register-resident"
      width={760}
      onFinish={submit}
      onCancel={onClose}
      submitting={register.isPending}
      alert={error.alert}
      initialValues={{ idKind: 'resident', registrationType: 'registered', tags: [] }}
    >
      <ResidentFields form={form} mode="register" />
    </FormModal>
  );
}

export function CorrectResidentModal({
  resident,
  onClose,
  onConflict,
}: {
  resident: ResidentDetail;
  onClose: () => void;
  /** Someone else changed the record meanwhile: the caller reloads it. */
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ResidentFormValues>();
  const update = useUpdateResident();
  const error = useFormError(useKnownFields(form), residentFieldByCode);
  const mayWriteSensitive = useHasPermission('registry.sensitive') && !resident.sensitiveHidden;

  const submit = (values: ResidentFormValues) => {
    error.clear();
    const body = toCorrectionBody(resident, values, mayWriteSensitive);
    if (!body) {
      void message.info(t('registry.nothingChanged'));
      return;
    }
    update.mutate(
      { id: resident.id, body },
      {
        onSuccess: () => {
          void message.success(t('registry.saved'));
          onClose();
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === 'CONFLICT') {
            onClose();
            onConflict();
            void modal.warning({
              title: t('registry.correct'),
              content: t('registry.conflict'),
              okText: t('common.ok'),
            });
            return;
          }
          error.show(e);
        },
      },
    );
  };

  return (
    <FormModal<ResidentFormValues>
      title={t('registry.correctTitle', { name: resident.name })}
      form={form}
      name="correct-resident"
      width={760}
      onFinish={submit}
      onCancel={onClose}
      submitting={update.isPending}
      alert={error.alert}
      initialValues={correctionInitialValues(resident)}
    >
      <ResidentFields form={form} mode="correct" original={resident} />
      <Form.Item label={optional(t('registry.correctReason'), t)} name="reason">
        <Input.TextArea maxLength={200} rows={2} placeholder={t('registry.correctReasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}
