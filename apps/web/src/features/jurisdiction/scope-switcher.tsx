/** The header's select of the jurisdictions where the user holds roles. */
import { Select, Tooltip } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../lib/labels.ts';
import { useJurisdictionScope } from './scope-context.tsx';
import { encodeScope, decodeScope } from './scope.ts';

export function ScopeSwitcher() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { scopeNodeId, options, setScope } = useJurisdictionScope();
  if (options.length === 0) return null;

  return (
    <Tooltip title={t('header.scopeHint')} placement="bottom">
      <Select
        aria-label={t('header.scope')}
        prefix={<ApartmentOutlined />}
        value={encodeScope(scopeNodeId)}
        onChange={(v: string) => setScope(decodeScope(v) ?? null)}
        popupMatchSelectWidth={false}
        style={{ minWidth: 200, maxWidth: 320 }}
        options={options.map((o) => ({
          value: encodeScope(o.nodeId),
          label:
            o.nodeId === null ? t('header.allScopes') : labels.nameWithLevel(o.nodeName ?? `#${o.nodeId}`, o.nodeLevel),
        }))}
      />
    </Tooltip>
  );
}
