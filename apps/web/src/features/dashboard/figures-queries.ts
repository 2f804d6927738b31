/** Server state of the request figures: figures of a node and period by one grouping, and hot topics. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { routes, type FigureGroupBy } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';
import { useLabels } from '../../lib/labels.ts';

export interface FiguresFilter {
  nodeId: number | undefined;
  from: string;
  to: string;
}

export const figuresKeys = {
  all: ['request-figures'] as const,
  figures: (f: FiguresFilter, groupBy: FigureGroupBy) => ['request-figures', f, groupBy] as const,
  hot: (nodeId: number | undefined, month: string) => ['request-figures', 'hot', nodeId, month] as const,
};

export function useFigures(f: FiguresFilter, groupBy: FigureGroupBy) {
  const { language } = useLabels();
  return useQuery({
    queryKey: figuresKeys.figures(f, groupBy),
    queryFn: ({ signal }) =>
      apiCall(routes.requestFigures, {
        query: { ...(f.nodeId ? { nodeId: f.nodeId } : {}), from: f.from, to: f.to, groupBy },
        signal,
      }),
    placeholderData: keepPreviousData,
    // Category groups carry their English name; the other groups are labelled by the screen.
    select: (d) =>
      language === 'en' ? { ...d, groups: d.groups.map((g) => ({ ...g, label: g.labelEn ?? g.label })) } : d,
  });
}

export function useHotTopics(nodeId: number | undefined, month: string) {
  const { language } = useLabels();
  return useQuery({
    queryKey: figuresKeys.hot(nodeId, month),
    queryFn: ({ signal }) =>
      apiCall(routes.requestHotTopics, { query: { ...(nodeId ? { nodeId } : {}), month }, signal }),
    placeholderData: keepPreviousData,
    select: (d) =>
      language === 'en'
        ? {
            ...d,
            categories: d.categories.map((c) => ({ ...c, name: c.nameEn ?? c.name })),
            repeatedComplaints: d.repeatedComplaints.map((r) => ({
              ...r,
              categoryName: r.categoryNameEn ?? r.categoryName,
            })),
          }
        : d,
  });
}
