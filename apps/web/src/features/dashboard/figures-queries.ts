/** Server state of the request figures: figures of a node and period by one grouping, and hot topics. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { routes, type FigureGroupBy } from '@linli/contracts';
import { apiCall } from '../../lib/api.ts';

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
  return useQuery({
    queryKey: figuresKeys.figures(f, groupBy),
    queryFn: ({ signal }) =>
      apiCall(routes.requestFigures, {
        query: { ...(f.nodeId ? { nodeId: f.nodeId } : {}), from: f.from, to: f.to, groupBy },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useHotTopics(nodeId: number | undefined, month: string) {
  return useQuery({
    queryKey: figuresKeys.hot(nodeId, month),
    queryFn: ({ signal }) =>
      apiCall(routes.requestHotTopics, { query: { ...(nodeId ? { nodeId } : {}), month }, signal }),
    placeholderData: keepPreviousData,
  });
}
