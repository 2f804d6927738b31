/** HTTP adapter of the registry module. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { RegistryService } from './registry.service.ts';

export function registryHandlers(
  svc: RegistryService,
): Pick<
  RouteHandlers,
  | 'listCareTags'
  | 'searchResidents'
  | 'getResident'
  | 'registerResident'
  | 'updateResident'
  | 'moveResident'
  | 'endResidence'
  | 'revealResident'
> {
  return {
    listCareTags: async () => ({ items: await svc.listCareTags() }),
    searchResidents: async ({ query }, ctx) => svc.search(callerOf(ctx), query),
    getResident: async ({ params }, ctx) => svc.get(callerOf(ctx), params.id),
    registerResident: async ({ body }, ctx) => svc.register(callerOf(ctx), body),
    updateResident: async ({ params, body }, ctx) => svc.update(callerOf(ctx), params.id, body),
    moveResident: async ({ params, body }, ctx) => svc.move(callerOf(ctx), params.id, body),
    endResidence: async ({ params, body }, ctx) => svc.end(callerOf(ctx), params.id, body),
    revealResident: async ({ params, body }, ctx) => svc.reveal(callerOf(ctx), params.id, body),
  };
}
