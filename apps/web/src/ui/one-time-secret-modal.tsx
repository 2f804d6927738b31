/** Shows a secret (initial password, API token secret) exactly once, with a copy button and a warning. */
import { useState } from 'react';
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface OneTimeSecretModalProps {
  /** The secret to show; the modal is open while it is set. */
  secret: string | undefined;
  title: string;
  /** A line that says whose secret this is. */
  intro: string;
  onClose: () => void;
}

export function OneTimeSecretModal({ secret, title, intro, onClose }: OneTimeSecretModalProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);

  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
      setCopyFailed(false);
    } catch {
      setCopyFailed(true);
    }
  };

  const close = () => {
    setCopied(false);
    setCopyFailed(false);
    onClose();
  };

  return (
    <Modal
      open={secret !== undefined}
      title={title}
      onCancel={close}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={close}>
          {t('secret.done')}
        </Button>
      }
    >
      <Flex vertical gap="middle">
        <Alert type="warning" showIcon title={t('secret.warning')} />
        <Typography.Text>{intro}</Typography.Text>
        <Flex gap="small" align="center">
          <Typography.Text
            code
            aria-label={title}
            data-testid="one-time-secret"
            style={{ fontSize: 18, padding: '4px 8px', wordBreak: 'break-all', flex: 1, userSelect: 'all' }}
          >
            {secret}
          </Typography.Text>
          <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void copy()}>
            {copied ? t('common.copied') : t('secret.copy')}
          </Button>
        </Flex>
        {copyFailed && <Alert type="error" showIcon title={t('common.copyFailed')} />}
      </Flex>
    </Modal>
  );
}
