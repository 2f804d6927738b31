/** HTTP adapter of the figures of requests: rates per node and period, and the hot topics of a month. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { RequestMetrics } from './requests.metrics.ts';

export function requestMetricsHandlers(
  metrics: RequestMetrics,
): Pick<RouteHandlers, 'requestFigures' | 'requestHotTopics'> {
  return {
    requestFigures: async ({ query }, ctx) => metrics.figures(callerOf(ctx), query),
    requestHotTopics: async ({ query }, ctx) => metrics.hotTopics(callerOf(ctx), query),
  };
}
