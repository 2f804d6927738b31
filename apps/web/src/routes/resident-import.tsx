/** 导入居民: /residents/import. */
import { Link } from 'react-router';
import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { ImportWizard } from '../features/registry/index.ts';
import { PageHeader } from '../ui/page-header.tsx';

export function ResidentImportRoute() {
  const { t } = useTranslation();
  return (
    <>
      <Flex vertical gap={8}>
        <Link to="/residents">← {t('registryIo.back')}</Link>
        <PageHeader title={t('registryIo.importTitle')} description={t('registryIo.importDescription')} />
      </Flex>
      <ImportWizard />
    </>
  );
}
