/** Issuing an API token for a node; the answer carries the secret, shown once by the caller. */
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CreatedToken } from '@linli/contracts';
import { FormModal } from '../../ui/form-modal.tsx';
import { useFormError } from '../../ui/use-form-error.ts';
import { NodeSearchSelect } from '../jurisdiction/index.ts';
import { useCreateToken } from './token-queries.ts';

interface TokenValues {
  name: string;
  nodeId: number;
}

export function CreateTokenModal({
  defaultNodeId,
  onClose,
  onCreated,
}: {
  defaultNodeId: number | null;
  onClose: () => void;
  onCreated: (answer: z.output<typeof CreatedToken>) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TokenValues>();
  const create = useCreateToken();
  const error = useFormError(form);

  const submit = ({ name, nodeId }: TokenValues) => {
    error.clear();
    create.mutate(
      { name: name.trim(), nodeId },
      {
        onSuccess: (answer) => {
          onClose();
          onCreated(answer);
        },
        onError: error.show,
      },
    );
  };

  return (
    <FormModal<TokenValues>
      title={t('tokens.createTitle')}
      form={form}
      name="create-token"
      onFinish={submit}
      onCancel={onClose}
      submitting={create.isPending}
      alert={error.alert}
      initialValues={{ nodeId: defaultNodeId ?? undefined }}
    >
      <Form.Item
        label={t('tokens.name')}
        name="name"
        rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}
      >
        <Input maxLength={60} placeholder={t('tokens.namePlaceholder')} autoFocus />
      </Form.Item>
      <Form.Item label={t('tokens.node')} name="nodeId" rules={[{ required: true, message: t('tokens.nodeRequired') }]}>
        <NodeSearchSelect />
      </Form.Item>
    </FormModal>
  );
}
