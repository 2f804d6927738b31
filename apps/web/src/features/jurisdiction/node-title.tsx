/** A node's name with its level, greyed with a tag when retired. */
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NodeLevel } from '@linli/contracts';
import { useLabels } from '../../lib/labels.ts';

export function NodeTitle({
  name,
  level,
  isRetired,
  large = false,
}: {
  name: string;
  level: NodeLevel;
  isRetired: boolean;
  large?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Flex gap={6} align="center" wrap={false} style={{ minWidth: 0 }}>
      <Typography.Text
        type={isRetired ? 'secondary' : undefined}
        delete={isRetired}
        ellipsis
        style={large ? { fontSize: 20, fontWeight: 600 } : undefined}
      >
        {name}
      </Typography.Text>
      <Tag variant="filled" color={isRetired ? undefined : 'blue'} style={{ marginInlineEnd: 0, fontSize: 12 }}>
        {labels.level(level)}
      </Tag>
      {isRetired && (
        <Tag variant="filled" style={{ marginInlineEnd: 0, fontSize: 12 }}>
          {t('jurisdiction.retired')}
        </Tag>
      )}
    </Flex>
  );
}
