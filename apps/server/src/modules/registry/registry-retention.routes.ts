/** HTTP adapter of the registry's retention rules: a resident's deletion request. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { RetentionService } from './registry-retention.service.ts';

export function retentionHandlers(svc: RetentionService): Pick<RouteHandlers, 'eraseResident'> {
  return {
    eraseResident: async ({ params, body }, ctx) => svc.erase(callerOf(ctx), params.id, body.reason),
  };
}
