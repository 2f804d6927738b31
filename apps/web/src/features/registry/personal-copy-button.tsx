/** 出具个人信息副本: a resident's copy of everything held about them (PIPL access/copy), with a reason that is logged. */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { FileProtectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { routes } from '@linli/contracts';
import { apiDownload } from '../../lib/api-files.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';

export function PersonalCopyButton({ residentId, name }: { residentId: number; name: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const issue = ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    apiDownload(
      routes.residentPersonalCopy,
      { params: { id: residentId }, query: { reason: reason.trim() } },
      `个人信息副本_${name}.xlsx`,
    )
      .then((file) => {
        void message.success(t('registryIo.downloaded', { name: file }));
        setOpen(false);
        form.resetFields();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <>
      <Button icon={<FileProtectOutlined />} onClick={() => setOpen(true)}>
        {t('personalCopy.button')}
      </Button>
      <Modal
        open={open}
        title={t('personalCopy.title', { name })}
        okText={t('personalCopy.issue')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={issue}>
          <Alert type="info" showIcon title={t('personalCopy.notice')} style={{ marginBottom: 16 }} />
          {error !== null && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={error} />
            </div>
          )}
          <Form.Item
            label={t('personalCopy.reason')}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('personalCopy.reasonRequired') },
              { min: 2, message: t('personalCopy.reasonRequired') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('personalCopy.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
