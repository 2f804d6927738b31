/** 查看: asks why, reveals one full ID or phone number (audited by the server) and shows it. */
import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useRevealResident } from './registry-queries.ts';

type Field = 'idNumber' | 'phone';

export function RevealButton({ residentId, field, label }: { residentId: number; field: Field; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealResident();
  const value = reveal.data?.value;

  const close = () => {
    setOpen(false);
    reveal.reset();
    form.resetFields();
  };

  return (
    <>
      <Button
        size="small"
        type="link"
        icon={<EyeOutlined />}
        onClick={() => setOpen(true)}
        aria-label={`${t('registry.reveal')}${label}`}
      >
        {t('registry.reveal')}
      </Button>
      <Modal
        open={open}
        title={t('registry.revealTitle', { field: label })}
        onCancel={close}
        mask={{ closable: false }}
        destroyOnHidden
        footer={
          value !== undefined ? (
            <Button type="primary" onClick={close}>
              {t('common.close')}
            </Button>
          ) : (
            <Flex gap={8} justify="flex-end">
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="primary" htmlType="submit" form={`reveal-${field}`} loading={reveal.isPending}>
                {t('registry.revealSubmit')}
              </Button>
            </Flex>
          )
        }
      >
        {value !== undefined ? (
          <Flex vertical gap="middle">
            <Typography.Text
              copyable
              data-testid="revealed-value"
              style={{ fontSize: 22, fontFamily: 'monospace', letterSpacing: 1 }}
            >
              {value}
            </Typography.Text>
            <Alert type="info" showIcon title={t('registry.revealAudited')} />
          </Flex>
        ) : (
          <Form<{ reason: string }>
            form={form}
            id={`reveal-${field}`}
            layout="vertical"
            onFinish={({ reason }) => reveal.mutate({ id: residentId, body: { field, reason: reason.trim() } })}
          >
            <Alert type="warning" showIcon title={t('registry.revealNotice')} style={{ marginBottom: 16 }} />
            {reveal.isError && (
              <div style={{ marginBottom: 16 }}>
                <ErrorAlert error={reveal.error} />
              </div>
            )}
            <Form.Item
              label={t('registry.revealReason')}
              name="reason"
              rules={[
                { required: true, whitespace: true, message: t('registry.revealReasonRequired') },
                { min: 2, message: t('registry.revealReasonRequired') },
              ]}
            >
              <Input.TextArea
                maxLength={200}
                rows={3}
                showCount
                autoFocus
                placeholder={t('registry.revealReasonPlaceholder')}
              />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
