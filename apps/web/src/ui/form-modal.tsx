/** A modal holding one form: 确定 submits it, an alert above the fields shows what to fix. */
import type { ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';

export interface FormModalProps<Values> {
  title: ReactNode;
  form: FormInstance<Values>;
  name: string;
  onFinish: (values: Values) => void;
  onCancel: () => void;
  submitting: boolean;
  alert?: string;
  okDanger?: boolean;
  initialValues?: Partial<Values>;
  width?: number;
  children: ReactNode;
}

export function FormModal<Values>({
  title,
  form,
  name,
  onFinish,
  onCancel,
  submitting,
  alert,
  okDanger,
  initialValues,
  width = 560,
  children,
}: FormModalProps<Values>) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      width={width}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: submitting, danger: okDanger, htmlType: 'submit', form: name }}
      onCancel={onCancel}
      mask={{ closable: false }}
    >
      {alert && <Alert type="error" showIcon role="alert" title={alert} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        id={name}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        style={{ marginTop: 8 }}
      >
        {children}
      </Form>
    </Modal>
  );
}
