/** The request's caller for services; the routing layer has already refused anonymous calls. */
import type { Caller } from '../auth/caller.ts';
import { DomainError } from './errors.ts';
import type { RequestContext } from './routing.ts';

export function callerOf(ctx: RequestContext): Caller {
  const actor = ctx.actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  return { actor, ip: ctx.ip, scope: (p) => ctx.scope(p) };
}
