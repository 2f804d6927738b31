/** 诉求统计: the figures of requests for the chosen node and period; node and period live in the URL. */
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RequestDashboard, presetPeriods, type Period } from '../features/dashboard/index.ts';
import { useJurisdictionScope } from '../features/jurisdiction/index.ts';
import { PageHeader } from '../ui/page-header.tsx';

const isDay = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

export function RequestDashboardRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { scopeNodeId } = useJurisdictionScope();
  const fromUrl = Number(params.get('nodeId'));
  const nodeId = fromUrl > 0 ? fromUrl : (scopeNodeId ?? undefined);
  const from = params.get('from');
  const to = params.get('to');
  const period: Period = isDay(from) && isDay(to) ? { from, to } : presetPeriods().thisMonth;

  const update = (next: { nodeId?: number; period?: Period }) => {
    const p = new URLSearchParams(params);
    if (next.nodeId !== undefined) p.set('nodeId', String(next.nodeId));
    if (next.period) {
      p.set('from', next.period.from);
      p.set('to', next.period.to);
    }
    setParams(p);
  };

  return (
    <>
      <PageHeader title={t('figures.title')} description={t('figures.description')} />
      <RequestDashboard
        nodeId={nodeId}
        period={period}
        onNode={(id) => update({ nodeId: id })}
        onPeriod={(p) => update({ period: p })}
      />
    </>
  );
}
