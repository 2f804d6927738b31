/** HTTP adapter of the registry module. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { RegistryService } from './registry.service.ts';
import type { ResidentRecordsService } from './resident-records.service.ts';

export function registryHandlers(
  svc: RegistryService,
  records: ResidentRecordsService,
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
  | 'listDuplicateResidents'
  | 'mergeResident'
  | 'residentAsOf'
  | 'residentPersonalCopy'
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
    listDuplicateResidents: async ({ query }, ctx) => records.duplicates(callerOf(ctx), query),
    mergeResident: async ({ params, body }, ctx) => records.merge(callerOf(ctx), params.id, body),
    residentAsOf: async ({ params, query }, ctx) => records.asOf(callerOf(ctx), params.id, query.date),
    residentPersonalCopy: async ({ params, query }, ctx) =>
      records.personalCopy(callerOf(ctx), params.id, query.reason),
  };
}
