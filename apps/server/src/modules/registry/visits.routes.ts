/** HTTP adapter of home visits. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { VisitsService } from './visits.service.ts';

export function visitsHandlers(
  svc: VisitsService,
): Pick<RouteHandlers, 'dueVisits' | 'visitCoverage' | 'recordVisit' | 'listVisits'> {
  return {
    dueVisits: async ({ query }, ctx) => svc.due(callerOf(ctx), query),
    visitCoverage: async ({ query }, ctx) => svc.coverage(callerOf(ctx), query.nodeId),
    recordVisit: async ({ params, body }, ctx) => svc.record(callerOf(ctx), params.id, body),
    listVisits: async ({ params }, ctx) => svc.list(callerOf(ctx), params.id),
  };
}
