/** HTTP adapter of the jurisdiction module. */
import type { RouteHandlers } from '../../platform/http/routing.ts';
import { callerOf } from '../../platform/http/caller-of.ts';
import type { JurisdictionService } from './jurisdiction.service.ts';

export function jurisdictionHandlers(
  svc: JurisdictionService,
): Pick<RouteHandlers, 'listNodes' | 'getNode' | 'createNode' | 'renameNode' | 'moveNode' | 'retireNode'> {
  return {
    listNodes: async ({ query }, ctx) => ({ items: await svc.list(callerOf(ctx), query) }),
    getNode: async ({ params }, ctx) => svc.get(callerOf(ctx), params.id),
    createNode: async ({ body }, ctx) => svc.create(callerOf(ctx), body),
    renameNode: async ({ params, body }, ctx) => svc.rename(callerOf(ctx), params.id, body),
    moveNode: async ({ params, body }, ctx) => svc.move(callerOf(ctx), params.id, body),
    retireNode: async ({ params, body }, ctx) => svc.retire(callerOf(ctx), params.id, body),
  };
}
