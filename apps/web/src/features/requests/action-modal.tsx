/**
 * One step on a request as a small form asking exactly what the step needs (a note, a target, days,
 * a rating, the duplicate, photos). It sends the version the user saw; when someone else got there
 * first, or the step no longer fits, the request is refreshed and the user is told so.
 */
import { App, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ratings, type Rating, type RequestAction, type RequestDetail } from '@linli/contracts';
import { ApiError } from '../../lib/api-error.ts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import type { DefaultTarget, DispatchTarget } from './default-target.ts';
import { PhotoUpload } from './request-photos.tsx';
import { requestKeys, useActOnRequest } from './request-queries.ts';
import { useRequestLabel } from './request-labels.ts';
import { TargetField } from './target-field.tsx';

type NoteNeed = 'required' | 'optional' | 'none';

export interface ActionFields {
  note: NoteNeed;
  target?: true;
  days?: true;
  rating?: true;
  intoId?: true;
  photos?: true;
  /** A note or at least one photo. */
  noteOrPhotos?: true;
  danger?: true;
}

/** What each step asks for; mirrors the server's workflow table (which has the final word). */
export const actionFields: Record<RequestAction, ActionFields> = {
  accept: { note: 'optional' },
  decline: { note: 'required', danger: true },
  dispatch: { note: 'optional', target: true },
  sign_for: { note: 'optional' },
  progress: { note: 'optional', photos: true, noteOrPhotos: true },
  resolve: { note: 'required', photos: true },
  verify: { note: 'optional' },
  reject_resolution: { note: 'required', danger: true },
  rate: { note: 'optional', rating: true },
  close: { note: 'optional' },
  reopen: { note: 'required' },
  return: { note: 'required', danger: true },
  transfer: { note: 'optional', target: true },
  escalate: { note: 'required' },
  request_extension: { note: 'required', days: true },
  approve_extension: { note: 'optional' },
  reject_extension: { note: 'required', danger: true },
  merge: { note: 'optional', intoId: true },
  urge: { note: 'optional' },
  add_info: { note: 'optional', photos: true, noteOrPhotos: true },
  claim: { note: 'none' },
  withdraw: { note: 'optional', danger: true },
};

interface Values {
  note?: string;
  target?: DispatchTarget;
  days?: number;
  rating?: Rating;
  intoId?: number;
  attachmentIds?: number[];
}

/** Codes after which the request on screen is out of date: refresh it and say why. */
const staleCodes: Record<string, 'conflict' | 'invalidTransition' | 'notYourStep'> = {
  CONFLICT: 'conflict',
  REQUEST_INVALID_TRANSITION: 'invalidTransition',
  REQUEST_NOT_YOUR_STEP: 'notYourStep',
};

export interface ActionModalProps {
  request: RequestDetail;
  action: RequestAction;
  defaultTarget: DefaultTarget | null;
  /** Why the default target is what it is (shown under the picker). */
  targetExplanation?: string | undefined;
  onClose: () => void;
  onDone?: (detail: RequestDetail) => void;
}

export function ActionModal({ request, action, defaultTarget, targetExplanation, onClose, onDone }: ActionModalProps) {
  const { t } = useTranslation();
  const label = useRequestLabel();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const formError = useFormError(form);
  const act = useActOnRequest(request.id);
  const fields = actionFields[action];
  const actionText = label('action', action);
  const noteNeeded =
    fields.note === 'required' || (action === 'close' && request.rating === 'unsatisfied') ? 'required' : fields.note;
  const placeholders = t('requests.act.notePlaceholders', { returnObjects: true }) as Record<string, string>;

  const submit = (values: Values) => {
    formError.clear();
    if (fields.noteOrPhotos && !values.note?.trim() && (values.attachmentIds ?? []).length === 0) {
      form.setFields([{ name: 'note', errors: [t('requests.act.noteRequired')] }]);
      return;
    }
    act.mutate(
      {
        action,
        version: request.version,
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        ...(fields.target && values.target ? { target: values.target } : {}),
        ...(fields.days ? { days: values.days } : {}),
        ...(fields.rating ? { rating: values.rating } : {}),
        ...(fields.intoId ? { intoId: values.intoId } : {}),
        attachmentIds: values.attachmentIds ?? [],
      },
      {
        onSuccess: (detail) => {
          void message.success(t('requests.act.done', { action: actionText }));
          onDone?.(detail);
          onClose();
        },
        onError: (err) => {
          const stale = err instanceof ApiError ? staleCodes[err.code] : undefined;
          if (stale) {
            void queryClient.invalidateQueries({ queryKey: requestKeys.detail(request.id) });
            void queryClient.invalidateQueries({ queryKey: requestKeys.lists });
            void message.warning(t(`requests.act.${stale}`, { action: actionText }), 6);
            onClose();
            return;
          }
          formError.show(err);
        },
      },
    );
  };

  return (
    <FormModal<Values>
      title={t('requests.act.title', { action: actionText, code: request.code })}
      form={form}
      name={`request-${action}`}
      onFinish={submit}
      onCancel={onClose}
      submitting={act.isPending}
      alert={formError.alert}
      okDanger={fields.danger}
      width={fields.target || fields.photos ? 620 : 520}
      initialValues={{
        ...(fields.target && defaultTarget ? { target: defaultTarget.target } : {}),
        ...(fields.days ? { days: 3 } : {}),
        ...(fields.intoId && request.possibleDuplicates[0] ? { intoId: request.possibleDuplicates[0].id } : {}),
      }}
    >
      {fields.target && (
        <Form.Item
          name="target"
          label={t('requests.act.target')}
          rules={[{ required: true, message: t('requests.act.targetRequired') }]}
        >
          <TargetField
            dispatchNodeId={request.dispatchNodeId}
            explanation={targetExplanation}
            preselected={
              defaultTarget?.target.nodeId !== undefined
                ? { nodeId: defaultTarget.target.nodeId, name: defaultTarget.name }
                : undefined
            }
          />
        </Form.Item>
      )}
      {fields.rating && (
        <Form.Item
          name="rating"
          label={t('requests.act.rating')}
          rules={[{ required: true, message: t('requests.act.ratingRequired') }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={ratings.map((r) => ({ value: r, label: label('rating', r) }))}
          />
        </Form.Item>
      )}
      {fields.days && (
        <Form.Item
          name="days"
          label={t('requests.act.days')}
          rules={[{ required: true, type: 'integer', min: 1, max: 30, message: t('requests.act.daysRequired') }]}
        >
          <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} />
        </Form.Item>
      )}
      {fields.intoId && (
        <Form.Item
          name="intoId"
          label={t('requests.act.intoId')}
          rules={[{ required: true, message: t('requests.act.intoIdRequired') }]}
          extra={request.possibleDuplicates.length === 0 ? t('requests.act.noDuplicates') : undefined}
        >
          <Select
            options={request.possibleDuplicates.map((d) => ({ value: d.id, label: `${d.code} · ${d.summary}` }))}
          />
        </Form.Item>
      )}
      {noteNeeded !== 'none' && (
        <Form.Item
          name="note"
          label={
            noteNeeded === 'required'
              ? t('requests.act.note')
              : t('common.optionalLabel', { label: t('requests.act.note') })
          }
          rules={
            noteNeeded === 'required'
              ? [{ required: true, whitespace: true, message: t('requests.act.noteRequired') }]
              : []
          }
        >
          <Input.TextArea
            autoFocus={!fields.target && !fields.rating}
            rows={3}
            maxLength={2000}
            showCount
            placeholder={placeholders[action] ?? placeholders.other}
          />
        </Form.Item>
      )}
      {fields.photos && (
        <Form.Item name="attachmentIds" label={t('requests.act.photos')}>
          <PhotoUpload />
        </Form.Item>
      )}
    </FormModal>
  );
}
