/** HTTP adapter of the users module. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { UsersService } from './users.service.ts';

export function usersHandlers(
  svc: UsersService,
): Pick<RouteHandlers, 'listUsers' | 'getUser' | 'createUser' | 'updateUser' | 'resetPassword'> {
  return {
    listUsers: async ({ query }, ctx) => svc.list(callerOf(ctx), query),
    getUser: async ({ params }, ctx) => svc.get(callerOf(ctx), params.id),
    createUser: async ({ body }, ctx) => svc.create(callerOf(ctx), body),
    updateUser: async ({ params, body }, ctx) => svc.update(callerOf(ctx), params.id, body),
    resetPassword: async ({ params }, ctx) => svc.resetPassword(callerOf(ctx), params.id),
  };
}
