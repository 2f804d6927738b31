/** 导出 (the current search as .xlsx) and the 台账 menu (ledgers of the current jurisdiction node). */
import { useState } from 'react';
import { App, Button, Dropdown, Tooltip } from 'antd';
import { DownOutlined, ExportOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ledgerKinds, ledgerLabels, routes } from '@linli/contracts';
import { apiDownload } from '../../lib/api-files.ts';
import { pickLabel } from '../../lib/i18n.ts';
import { useLabels } from '../../lib/labels.ts';
import { errorText } from '../../ui/error-alert.tsx';
import { searchQueryParams, type ResidentFilterValues } from './resident-search.ts';

export function ExportButtons({ filters, nodeId }: { filters: ResidentFilterValues; nodeId: number | null }) {
  const { t } = useTranslation();
  const { language } = useLabels();
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

  const exportResidents = () => {
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
    run('export', () => apiDownload(routes.exportResidents, { query }, '居民信息.xlsx'));
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
        <Button icon={<ExportOutlined />} loading={busy === 'export'} onClick={exportResidents}>
          {t('registryIo.export')}
        </Button>
      </Tooltip>
      {nodeId === null ? <Tooltip title={t('registryIo.ledgerNeedsNode')}>{ledgerButton}</Tooltip> : ledgerButton}
    </>
  );
}
