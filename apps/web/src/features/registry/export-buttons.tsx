/**
 * 导出 (the current search as .xlsx, numbers masked or — with registry.reveal and a reason, audited —
 * in full) and the 台账 menu (ledgers of the current jurisdiction node; the roster, the floating-
 * population register and the care ledger also as they stood at the end of a past day).
 */
import { Button, DatePicker, Dropdown, Form, Modal, Radio, Tooltip } from 'antd';
import { DownOutlined, FileExcelOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ledgerKinds, ledgerLabels, routes } from '@linli/contracts';
import { apiDownload } from '../../lib/api-files.ts';
import { pickLabel } from '../../lib/i18n.ts';
import { useLabels } from '../../lib/labels.ts';
import { searchQueryParams, type ResidentFilterValues } from './resident-search.ts';
import { RevealExportButton, useDownload, type RevealChoice } from './reveal-export-button.tsx';

/** The ledgers that can be drawn as they stood on a past day. */
const pastKinds = ['roster', 'floating', 'care'] as const;
type PastKind = (typeof pastKinds)[number];

export function ExportButtons({ filters, nodeId }: { filters: ResidentFilterValues; nodeId: number | null }) {
  const { t } = useTranslation();
  const { language } = useLabels();
  const { busy, run } = useDownload();
  const [pastOpen, setPastOpen] = useState(false);
  const [pastForm] = Form.useForm<{ kind: PastKind; date: Dayjs }>();

  const exportResidents = (reveal: RevealChoice) => {
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
    return apiDownload(routes.exportResidents, { query: { ...query, ...full } }, '居民信息.xlsx');
  };

  const ledgerButton = (
    <Dropdown
      disabled={nodeId === null}
      menu={{
        items: [
          ...ledgerKinds.map((kind) => ({ key: kind, label: pickLabel(ledgerLabels[kind], language) })),
          { type: 'divider' as const },
          { key: 'asOf', label: t('registryIo.ledgerAsOf') },
        ],
        onClick: ({ key }) => {
          if (key === 'asOf') return setPastOpen(true);
          const kind = ledgerKinds.find((k) => k === key);
          if (!kind || nodeId === null) return;
          run(kind, () =>
            apiDownload(routes.exportLedger, { params: { kind }, query: { nodeId } }, `${ledgerLabels[kind].zh}.xlsx`),
          );
        },
      }}
    >
      <Button icon={<FileExcelOutlined />} loading={busy !== null}>
        {t('registryIo.ledger')} <DownOutlined />
      </Button>
    </Dropdown>
  );

  const drawPast = ({ kind, date }: { kind: PastKind; date: Dayjs }) => {
    if (nodeId === null) return;
    const asOf = date.format('YYYY-MM-DD');
    setPastOpen(false);
    run(kind, () =>
      apiDownload(
        routes.exportLedger,
        { params: { kind }, query: { nodeId, asOf } },
        `${ledgerLabels[kind].zh}（截至${asOf}）.xlsx`,
      ),
    );
  };

  return (
    <>
      <RevealExportButton title={t('registryIo.exportTitle')} download={exportResidents} />
      {nodeId === null ? <Tooltip title={t('registryIo.ledgerNeedsNode')}>{ledgerButton}</Tooltip> : ledgerButton}
      <Modal
        open={pastOpen}
        title={t('registryIo.ledgerAsOfTitle')}
        okText={t('registryIo.ledgerAsOfGo')}
        onOk={() => pastForm.submit()}
        onCancel={() => setPastOpen(false)}
        destroyOnHidden
      >
        <p>{t('registryIo.ledgerAsOfHelp')}</p>
        <Form form={pastForm} layout="vertical" initialValues={{ kind: 'roster' }} onFinish={drawPast}>
          <Form.Item name="kind" label={t('registryIo.ledgerAsOfKind')}>
            <Radio.Group
              options={pastKinds.map((k) => ({
                value: k,
                label: pickLabel(ledgerLabels[k], language),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="date"
            label={t('registryIo.ledgerAsOfDate')}
            rules={[{ required: true, message: t('registryIo.ledgerAsOfDateRequired') }]}
          >
            <DatePicker
              style={{ width: 200 }}
              disabledDate={(d) => !d.isBefore(dayjs(), 'day')}
              placeholder={t('registryIo.ledgerAsOfDate')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
