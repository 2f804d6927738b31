/** 导入居民、房屋、辖区单位: /residents/import?kind=residents|houses|units. */
import { Link, useSearchParams } from 'react-router';
import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { importKinds, type ImportKind } from '@linli/contracts';
import { ImportWizard, useImportTexts } from '../features/registry/index.ts';
import { PageHeader } from '../ui/page-header.tsx';

const backTo: Record<
  ImportKind,
  { path: string; label: 'registryIo.back' | 'registryIo.kinds.houses.toList' | 'registryIo.kinds.units.toList' }
> = {
  residents: { path: '/residents', label: 'registryIo.back' },
  houses: { path: '/housing', label: 'registryIo.kinds.houses.toList' },
  units: { path: '/units', label: 'registryIo.kinds.units.toList' },
};

export function ResidentImportRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('kind');
  const kind: ImportKind = importKinds.find((k) => k === asked) ?? 'residents';
  const { title, description } = useImportTexts(kind);
  return (
    <>
      <Flex vertical gap={8}>
        <Link to={backTo[kind].path}>← {t(backTo[kind].label)}</Link>
        <PageHeader title={title} description={description} />
      </Flex>
      <ImportWizard
        kind={kind}
        onKindChange={(k) => setParams(k === 'residents' ? {} : { kind: k }, { replace: true })}
      />
    </>
  );
}
