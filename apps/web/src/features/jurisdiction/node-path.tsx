/** A materialised path ('/1/7/42/') shown as names: 某区 / 某街道 / 某社区. */
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNodeNames } from './node-names.ts';
import { pathIds } from './scope.ts';

export interface NodePathProps {
  path: string;
  /** Leave the last id (the node itself) out, to show only where it sits. */
  parentsOnly?: boolean;
  type?: 'secondary';
}

/** The path as one line of text; ids the viewer may not see collapse into '…'. */
export function usePathText(path: string, parentsOnly = false): string {
  const { t } = useTranslation();
  const ids = pathIds(path);
  const shown = parentsOnly ? ids.slice(0, -1) : ids;
  const names = useNodeNames(shown);
  if (shown.length === 0) return t('jurisdiction.topLevel');
  const parts: string[] = [];
  for (const id of shown) {
    const name = names.get(id);
    if (name !== undefined) parts.push(name);
    else if (parts.at(-1) !== '…') parts.push('…');
  }
  return parts.join(' / ');
}

export function NodePath({ path, parentsOnly = false, type }: NodePathProps) {
  const text = usePathText(path, parentsOnly);
  return (
    <Typography.Text type={type} ellipsis={{ tooltip: text }} style={{ maxWidth: '100%' }}>
      {text}
    </Typography.Text>
  );
}
