/** A centred spinner for a screen that is still loading. */
import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageSpin({ height = '100vh' }: { height?: string | number }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ height, width: '100%' }}>
      <Spin size="large" description={t('common.loading')} />
    </Flex>
  );
}
