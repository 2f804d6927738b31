/** HTTP adapter of requests in the console: categories, intake, lists, details, steps and photos. */
import { DomainError } from '../../platform/http/errors.ts';
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { RequestsService } from './requests.service.ts';

export function requestsHandlers(
  svc: RequestsService,
): Pick<
  RouteHandlers,
  | 'listRequestCategories'
  | 'createRequestCategory'
  | 'updateRequestCategory'
  | 'listDepartments'
  | 'intakeRequest'
  | 'listRequests'
  | 'getRequest'
  | 'actOnRequest'
  | 'uploadRequestPhoto'
  | 'getRequestPhoto'
> {
  return {
    listRequestCategories: async () => svc.categories(),
    createRequestCategory: async ({ body }, ctx) => svc.createCategory(callerOf(ctx), body),
    updateRequestCategory: async ({ params, body }, ctx) => svc.updateCategory(callerOf(ctx), params.id, body),
    listDepartments: async () => svc.departments(),
    intakeRequest: async ({ body }, ctx) => svc.submit(callerOf(ctx), body),
    listRequests: async ({ query }, ctx) => svc.list(callerOf(ctx), query),
    getRequest: async ({ params }, ctx) => svc.detail(callerOf(ctx), params.id),
    actOnRequest: async ({ params, body }, ctx) => svc.act(callerOf(ctx), params.id, body),
    uploadRequestPhoto: async ({ raw }, ctx) => {
      if (!raw) throw new DomainError('VALIDATION_FAILED', [{ path: 'body', message: '请上传照片' }]);
      const type = (ctx.request.headers['content-type'] ?? '').split(';')[0]!.trim();
      return svc.upload(callerOf(ctx), raw, type);
    },
    getRequestPhoto: async ({ params }, ctx) => svc.photo(callerOf(ctx), params.id),
  };
}
