/**
 * 申请删除个人信息: a resident's deletion request (PIPL art. 47). The server refuses while the person is
 * registered or within the retention period, saying until when; otherwise the record is anonymised.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { routes } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { registryKeys } from './registry-queries.ts';

export function ErasureButton({ residentId, name }: { residentId: number; name: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const erase = useMutation({
    mutationFn: (reason: string) => apiCall(routes.eraseResident, { params: { id: residentId }, body: { reason } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: registryKeys.all });
    },
  });

  const submit = ({ reason }: { reason: string }) =>
    erase.mutate(reason.trim(), {
      onSuccess: (r) => {
        void message.success(t('erasure.done', { name: r.name }));
        setOpen(false);
        form.resetFields();
      },
    });

  return (
    <>
      <Button danger icon={<DeleteOutlined />} onClick={() => setOpen(true)}>
        {t('erasure.button')}
      </Button>
      <Modal
        open={open}
        title={t('erasure.title', { name })}
        okText={t('erasure.submit')}
        okButtonProps={{ danger: true, loading: erase.isPending }}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => {
          setOpen(false);
          erase.reset();
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Alert type="warning" showIcon title={t('erasure.notice')} style={{ marginBottom: 16 }} />
          {erase.error !== null && (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={erase.error} />
            </div>
          )}
          <Form.Item
            label={t('erasure.reason')}
            name="reason"
            rules={[
              { required: true, whitespace: true, message: t('erasure.reasonRequired') },
              { min: 2, message: t('erasure.reasonRequired') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('erasure.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
