/**
 * 导出 (the current search as .xlsx, numbers masked or — with registry.reveal and a reason, audited —
 * in full) and the 台账 menu (ledgers of the current jurisdiction node).
 */
import { useState } from 'react';
import { Alert, App, Button, Dropdown, Form, Input, Modal, Radio, Tooltip } from 'antd';
import { DownOutlined, ExportOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ledgerKinds, ledgerLabels, routes } from '@linli/contracts';
import { apiDownload } from '../../lib/api-files.ts';
import { pickLabel } from '../../lib/i18n.ts';
import { useLabels } from '../../lib/labels.ts';
import { errorText } from '../../ui/error-alert.tsx';
import { useHasPermission } from '../auth/index.ts';
import { searchQueryParams, type ResidentFilterValues } from './resident-search.ts';

export function ExportButtons({ filters, nodeId }: { filters: ResidentFilterValues; nodeId: number | null }) {
  const { t } = useTranslation();
  const { language } = useLabels();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const canReveal = useHasPermission('registry.reveal');
  const [form] = Form.useForm<{ numbers: 'masked' | 'full'; reason?: string }>();
  const numbers = Form.useWatch('numbers', form);

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

  const exportResidents = (reveal: { reason: string } | null) => {
    const {
      page: _page,
      pageSize: _pageSize,
      ...query
    } = searchQueryParams({
      ...filters,
      nodeId: nodeId ?? undefined,
      page: 1,
      pageSize: 1,
    });
    const full = reveal ? { reveal: 'true' as const, reason: reveal.reason } : {};
    run('export', () => apiDownload(routes.exportResidents, { query: { ...query, ...full } }, '居民信息.xlsx'));
  };

  const ledgerButton = (
    <Dropdown
      disabled={nodeId === null}
      menu={{
        items: ledgerKinds.map((kind) => ({ key: kind, label: pickLabel(ledgerLabels[kind], language) })),
        onClick: ({ key }) => {
          const kind = ledgerKinds.find((k) => k === key);
          if (!kind || nodeId === null) return;
          run(kind, () =>
            apiDownload(routes.exportLedger, { params: { kind }, query: { nodeId } }, `${ledgerLabels[kind].zh}.xlsx`),
          );
        },
      }}
    >
      <Button icon={<FileExcelOutlined />} loading={busy !== null && busy !== 'export'}>
        {t('registryIo.ledger')} <DownOutlined />
      </Button>
    </Dropdown>
  );

  return (
    <>
      <Tooltip title={t('registryIo.exportHelp')}>
        <Button
          icon={<ExportOutlined />}
          loading={busy === 'export'}
          onClick={() => (canReveal ? setChoosing(true) : exportResidents(null))}
        >
          {t('registryIo.export')}
        </Button>
      </Tooltip>
      <Modal
        open={choosing}
        title={t('registryIo.exportTitle')}
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
            exportResidents(v.numbers === 'full' ? { reason: (v.reason ?? '').trim() } : null);
          }}
        >
          <Form.Item label={t('registryIo.exportNumbers')} name="numbers">
            <Radio.Group
              options={[
                { value: 'masked', label: t('registryIo.exportMasked') },
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
      {nodeId === null ? <Tooltip title={t('registryIo.ledgerNeedsNode')}>{ledgerButton}</Tooltip> : ledgerButton}
    </>
  );
}
