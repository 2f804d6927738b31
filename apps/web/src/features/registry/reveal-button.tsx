/**
 * 查看: asks why, reveals one full ID or phone number through the given call (the server audits it with
 * the reason) and shows it. One dialog for residents, houses, rentals and units.
 */
import { useId, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/error-alert.tsx';

export function RevealButton({
  label,
  reveal,
}: {
  label: string;
  reveal: (reason: string) => Promise<{ value: string }>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const formId = useId();
  const call = useMutation({ mutationFn: reveal });
  const value = call.data?.value;

  const close = () => {
    setOpen(false);
    call.reset();
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
              <Button type="primary" htmlType="submit" form={formId} loading={call.isPending}>
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
              {value || '—'}
            </Typography.Text>
            <Alert type="info" showIcon title={t('registry.revealAudited')} />
          </Flex>
        ) : (
          <Form<{ reason: string }>
            form={form}
            id={formId}
            layout="vertical"
            onFinish={({ reason }) => call.mutate(reason.trim())}
          >
            <Alert type="warning" showIcon title={t('registry.revealNotice')} style={{ marginBottom: 16 }} />
            {call.isError && (
              <div style={{ marginBottom: 16 }}>
                <ErrorAlert error={call.error} />
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
