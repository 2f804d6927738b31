/**
 * The 导出 button of a list: downloads the current filters as .xlsx. Holders of registry.reveal choose
 * masked or full numbers first; full numbers need a reason, which the server writes to the audit log.
 * Used by the resident, house and unit lists.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio, Tooltip } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/error-alert.tsx';
import { useHasPermission } from '../auth/index.ts';

export type RevealChoice = { reason: string } | null;

/** Run a download with a loading message and a success or error message; `busy` is the running key. */
export function useDownload() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = (key: string, download: () => Promise<string>) => {
    setBusy(key);
    const hide = message.loading(t('registryIo.exporting'), 0);
    download()
      .then((name) => void message.success(t('registryIo.downloaded', { name })))
      .catch((error: unknown) => void message.error(errorText(error)))
      .finally(() => {
        hide();
        setBusy(null);
      });
  };
  return { busy, run };
}

export function RevealExportButton({
  title,
  numbersLabel,
  maskedLabel,
  download,
}: {
  /** The dialog's title, e.g. 导出房屋清单. */
  title: string;
  /** What the numbers are (证件号码和电话, 联系电话) and how a masked one looks; the resident texts by default. */
  numbersLabel?: string;
  maskedLabel?: string;
  download: (reveal: RevealChoice) => Promise<string>;
}) {
  const { t } = useTranslation();
  const { busy, run } = useDownload();
  const [choosing, setChoosing] = useState(false);
  const canReveal = useHasPermission('registry.reveal');
  const [form] = Form.useForm<{ numbers: 'masked' | 'full'; reason?: string }>();
  const numbers = Form.useWatch('numbers', form);
  const start = (reveal: RevealChoice) => run('export', () => download(reveal));

  return (
    <>
      <Tooltip title={t('registryIo.exportHelp')}>
        <Button
          icon={<ExportOutlined />}
          loading={busy !== null}
          onClick={() => (canReveal ? setChoosing(true) : start(null))}
        >
          {t('registryIo.export')}
        </Button>
      </Tooltip>
      <Modal
        open={choosing}
        title={title}
        okText={t('registryIo.export')}
        cancelText={t('common.cancel')}
        onCancel={() => setChoosing(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ numbers: 'masked' }}
          onFinish={(v) => {
            setChoosing(false);
            start(v.numbers === 'full' ? { reason: (v.reason ?? '').trim() } : null);
          }}
        >
          <Form.Item label={numbersLabel ?? t('registryIo.exportNumbers')} name="numbers">
            <Radio.Group
              options={[
                { value: 'masked', label: maskedLabel ?? t('registryIo.exportMasked') },
                { value: 'full', label: t('registryIo.exportFull') },
              ]}
            />
          </Form.Item>
          {numbers === 'full' && (
            <>
              <Alert type="warning" showIcon title={t('registryIo.exportFullNotice')} style={{ marginBottom: 16 }} />
              <Form.Item
                label={t('registryIo.exportReason')}
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
                  placeholder={t('registryIo.exportReasonPlaceholder')}
                />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
