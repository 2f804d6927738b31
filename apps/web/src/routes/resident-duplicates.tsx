/** 疑似重复: /residents/duplicates. */
import { Link } from 'react-router';
import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useJurisdictionScope } from '../features/jurisdiction/index.ts';
import { DuplicatesView } from '../features/registry/index.ts';
import { PageHeader } from '../ui/page-header.tsx';

export function ResidentDuplicatesRoute() {
  const { t } = useTranslation();
  const { scopeNodeId } = useJurisdictionScope();
  return (
    <>
      <Flex vertical gap={8}>
        <Link to="/residents">← {t('registryIo.back')}</Link>
        <PageHeader title={t('duplicates.title')} description={t('duplicates.description')} />
      </Flex>
      <DuplicatesView nodeId={scopeNodeId ?? undefined} />
    </>
  );
}
