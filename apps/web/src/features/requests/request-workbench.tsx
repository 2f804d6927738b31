/** The workbench: one tab per list view the user's roles make sense for, filters, and the list. */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/index.ts';
import { useJurisdictionScope } from '../jurisdiction/index.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useRequestLive } from './request-events.tsx';
import { RequestFilterBar, type RequestFilters } from './request-filter-bar.tsx';
import { useRequestList } from './request-queries.ts';
import { RequestTable } from './request-table.tsx';
import { defaultView, requestViews, viewsFor, type RequestView } from './request-views.ts';

export function RequestWorkbench() {
  const { t } = useTranslation();
  const me = useSession();
  const views = viewsFor(me.permissions);
  const [params, setParams] = useSearchParams();
  const asked = params.get('view') as RequestView | null;
  const view: RequestView = asked && views.includes(asked) ? asked : defaultView(me.permissions);
  const [filters, setFilters] = useState<RequestFilters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { scopeNodeId } = useJurisdictionScope();
  const { counts } = useRequestLive();
  const list = useRequestList({
    view,
    ...filters,
    nodeId: filters.nodeId ?? scopeNodeId ?? undefined,
    ...paging,
  });

  const countOf = (v: RequestView) => (v === 'mine' ? counts?.mine : v === 'dispatch' ? counts?.dispatch : undefined);

  return (
    <Card>
      <Tabs
        activeKey={view}
        onChange={(key) => {
          setParams(key === defaultView(me.permissions) ? {} : { view: key }, { replace: true });
          setPaging((p) => ({ ...p, page: 1 }));
        }}
        items={requestViews
          .filter((v) => views.includes(v))
          .map((v) => ({
            key: v,
            label: (
              <span>
                {t(`requests.views.${v}`)}
                {(countOf(v) ?? 0) > 0 && (
                  <Badge count={countOf(v)} size="small" style={{ marginInlineStart: 6 }} overflowCount={99} />
                )}
              </span>
            ),
          }))}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t(`requests.viewHints.${view}`)}
      </Typography.Paragraph>
      <RequestFilterBar
        value={filters}
        onChange={(next) => {
          setFilters(next);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {list.isError && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        </div>
      )}
      <RequestTable
        items={list.data?.items ?? []}
        total={list.data?.total ?? 0}
        page={paging.page}
        pageSize={paging.pageSize}
        loading={list.isFetching}
        empty={t(`requests.empty.${view}`)}
        onPageChange={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </Card>
  );
}
