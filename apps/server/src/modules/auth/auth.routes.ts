/** HTTP adapter of the auth module: sign-in sets the session cookie, sign-out clears it. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../../platform/auth/actor.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { RequestContext, RouteHandlers } from '../../platform/http/routing.ts';
import type { AuthService } from './auth.service.ts';

export const SESSION_COOKIE = 'linli_session';

export function isSecureRequest(request: FastifyRequest, setting: 'auto' | boolean): boolean {
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

function userOf(ctx: RequestContext): UserActor {
  if (ctx.actor?.kind !== 'user') throw new DomainError('UNAUTHENTICATED');
  return ctx.actor;
}

export function authHandlers(
  auth: AuthService,
  cookies: { secure: 'auto' | boolean },
): Pick<RouteHandlers, 'login' | 'logout' | 'me' | 'changePassword'> {
  const setCookie = (reply: FastifyReply, request: FastifyRequest, value: string) =>
    reply.setCookie(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'strict',
      secure: isSecureRequest(request, cookies.secure),
      path: '/',
    });
  return {
    login: async ({ body }, ctx) => {
      const session = await auth.login({ ...body, ip: ctx.ip, userAgent: ctx.userAgent });
      setCookie(ctx.reply, ctx.request, session.token);
      return auth.meOf(session.actor);
    },
    logout: async (_input, ctx) => {
      await auth.logout(userOf(ctx), ctx.ip);
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
    me: async (_input, ctx) => auth.meOf(userOf(ctx)),
    changePassword: async ({ body }, ctx) => auth.meOf(await auth.changePassword(userOf(ctx), body, ctx.ip)),
  };
}
