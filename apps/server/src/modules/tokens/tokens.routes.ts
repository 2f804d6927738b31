/** HTTP adapter of the tokens module. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { TokensService } from './tokens.service.ts';

export function tokensHandlers(svc: TokensService): Pick<RouteHandlers, 'listTokens' | 'createToken' | 'revokeToken'> {
  return {
    listTokens: async (_input, ctx) => ({ items: await svc.list(callerOf(ctx)) }),
    createToken: async ({ body }, ctx) => svc.create(callerOf(ctx), body),
    revokeToken: async ({ params }, ctx) => svc.revoke(callerOf(ctx), params.id),
  };
}
