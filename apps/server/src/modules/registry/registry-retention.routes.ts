/** HTTP adapter of the registry's retention rules: the policy, its preview, and a resident's deletion request. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { RetentionService } from './registry-retention.service.ts';

export function retentionHandlers(
  svc: RetentionService,
): Pick<RouteHandlers, 'eraseResident' | 'getRetentionPolicy' | 'updateRetentionPolicy' | 'previewRetentionPolicy'> {
  return {
    getRetentionPolicy: async () => svc.setting(),
    updateRetentionPolicy: async ({ body }, ctx) => svc.update(callerOf(ctx), body),
    previewRetentionPolicy: async ({ query }) => svc.preview(query),
    eraseResident: async ({ params, body }, ctx) => svc.erase(callerOf(ctx), params.id, body.reason),
  };
}
