/**
 * HTTP adapter of the resident pages. The routes are public in the route table; the phone session
 * (its own cookie) or a signed-in resident account is checked here, with its CSRF token on every change.
 */
import {
  RESIDENT_COOKIE_PATH,
  RESIDENT_SESSION_COOKIE,
  RESIDENT_SESSION_MINUTES,
  type MapSettings,
} from '@linli/contracts';
import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../platform/http/errors.ts';
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RequestContext, RouteHandlers } from '../../platform/http/routing.ts';
import type { Resident, ResidentChannel } from './resident-channel.service.ts';

type ResidentRouteId =
  | 'requestResidentOtp'
  | 'verifyResidentOtp'
  | 'getResidentSession'
  | 'endResidentSession'
  | 'getMapSettings'
  | 'listResidentCategories'
  | 'listResidentPlaces'
  | 'uploadResidentPhoto'
  | 'getResidentPhoto'
  | 'submitResidentRequest'
  | 'listResidentRequests'
  | 'getResidentRequest'
  | 'actOnResidentRequest';

function csrfMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function residentChannelHandlers(
  channel: ResidentChannel,
  options: { secure: 'auto' | boolean; map: MapSettings | null },
): Pick<RouteHandlers, ResidentRouteId> {
  const secureFor = (ctx: RequestContext) =>
    options.secure === 'auto' ? ctx.request.protocol === 'https' : options.secure;

  /**
   * The resident behind a call: the phone session first, else a signed-in account with the resident
   * role. `write`: the call changes something, so the session's CSRF token must come with it.
   */
  async function residentOf(ctx: RequestContext, write: boolean): Promise<Resident> {
    const header = ctx.request.headers['x-csrf-token'];
    const token = ctx.request.cookies[RESIDENT_SESSION_COOKIE];
    if (token) {
      const session = await channel.phoneSession(token);
      if (session) {
        if (write && !csrfMatches(session.csrf_token, header)) throw new DomainError('CSRF_FAILED');
        return { kind: 'phone', session, ip: ctx.ip };
      }
    }
    const actor = ctx.actor;
    if (actor?.kind === 'user' && actor.holdings.some((h) => h.role === 'resident')) {
      if (actor.mustChangePassword) throw new DomainError('PASSWORD_CHANGE_REQUIRED');
      if (write && !csrfMatches(actor.csrfToken, header)) throw new DomainError('CSRF_FAILED');
      return { kind: 'user', caller: callerOf(ctx), userId: actor.userId, displayName: actor.displayName };
    }
    throw new DomainError('RESIDENT_SESSION_REQUIRED');
  }

  return {
    requestResidentOtp: async ({ body }, ctx) => channel.sendCode(body.phone, ctx.ip),
    verifyResidentOtp: async ({ body }, ctx) => {
      const { token, session } = await channel.verifyCode(body.phone, body.code, ctx.ip);
      ctx.reply.setCookie(RESIDENT_SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: secureFor(ctx),
        path: RESIDENT_COOKIE_PATH,
        maxAge: RESIDENT_SESSION_MINUTES * 60,
      });
      return session;
    },
    getResidentSession: async (_input, ctx) => channel.session(await residentOf(ctx, false)),
    endResidentSession: async (_input, ctx) => {
      const token = ctx.request.cookies[RESIDENT_SESSION_COOKIE];
      if (token) {
        const session = await channel.phoneSession(token);
        if (session && !csrfMatches(session.csrf_token, ctx.request.headers['x-csrf-token']))
          throw new DomainError('CSRF_FAILED');
        await channel.endSession(token);
      }
      ctx.reply.clearCookie(RESIDENT_SESSION_COOKIE, { path: RESIDENT_COOKIE_PATH });
      return { ok: true as const };
    },
    getMapSettings: async () => ({ map: options.map }),
    listResidentCategories: async () => channel.categories(),
    listResidentPlaces: async ({ query }) => channel.places(query.parentId),
    uploadResidentPhoto: async ({ raw }, ctx) => {
      const who = await residentOf(ctx, true);
      if (!raw) throw new DomainError('VALIDATION_FAILED', [{ path: 'body', message: '请上传照片' }]);
      const type = (ctx.request.headers['content-type'] ?? '').split(';')[0]!.trim();
      return channel.upload(who, raw, type);
    },
    getResidentPhoto: async ({ params }, ctx) => channel.photo(await residentOf(ctx, false), params.id),
    submitResidentRequest: async ({ body }, ctx) => channel.submit(await residentOf(ctx, true), body),
    listResidentRequests: async (_input, ctx) => channel.list(await residentOf(ctx, false)),
    getResidentRequest: async ({ params }, ctx) => channel.view(await residentOf(ctx, false), params.id),
    actOnResidentRequest: async ({ params, body }, ctx) => channel.act(await residentOf(ctx, true), params.id, body),
  };
}
