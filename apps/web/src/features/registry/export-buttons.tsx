/**
 * 导出 (the current search as .xlsx, numbers masked or — with registry.reveal and a reason, audited —
 * in full) and the 台账 menu (ledgers of the current jurisdiction node).
 */
import { Button, Dropdown, Tooltip } from 'antd';
import { DownOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ledgerKinds, ledgerLabels, routes } from '@linli/contracts';
import { apiDownload } from '../../lib/api-files.ts';
import { pickLabel } from '../../lib/i18n.ts';
import { useLabels } from '../../lib/labels.ts';
import { searchQueryParams, type ResidentFilterValues } from './resident-search.ts';
import { RevealExportButton, useDownload, type RevealChoice } from './reveal-export-button.tsx';

export function ExportButtons({ filters, nodeId }: { filters: ResidentFilterValues; nodeId: number | null }) {
  const { t } = useTranslation();
  const { language } = useLabels();
  const { busy, run } = useDownload();

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
      <Button icon={<FileExcelOutlined />} loading={busy !== null}>
        {t('registryIo.ledger')} <DownOutlined />
      </Button>
    </Dropdown>
  );

  return (
    <>
      <RevealExportButton title={t('registryIo.exportTitle')} download={exportResidents} />
      {nodeId === null ? <Tooltip title={t('registryIo.ledgerNeedsNode')}>{ledgerButton}</Tooltip> : ledgerButton}
    </>
  );
}
