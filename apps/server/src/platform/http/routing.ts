/**
 * Mounts the contract route table on Fastify. For every route, in this order: language, caller
 * (session cookie or API token), authentication rule, CSRF for cookie writes, permission, input
 * validation with the contract's zod schemas (unknown fields refused), the handler, and the audit of
 * refused or failed mutations. Handlers receive parsed input and a context; they never see raw HTTP.
 */
import { routes, type Permission, type RouteDef, type RouteId, type Routes } from '@linli/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import { scopeOf, type Actor, type PermissionMatrix, type Scope } from '../auth/actor.ts';
import type { Db } from '../db/db.ts';
import { pickLang, type Lang } from '../i18n/lang.ts';
import { DomainError } from './errors.ts';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<R extends RouteDef> {
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  /** The file sent as the request body, for routes with `rawBody`. */
  raw: Buffer | undefined;
}

export interface RequestContext {
  actor: Actor | null;
  ip: string;
  userAgent: string | null;
  lang: Lang;
  /** The caller's scope for a permission (empty when they hold it nowhere). */
  scope(permission: Permission): Scope;
  /** For the few handlers that set cookies (sign-in, sign-out). */
  reply: FastifyReply;
  request: FastifyRequest;
}

export type RouteHandler<R extends RouteDef> = (
  input: RouteInput<R>,
  ctx: RequestContext,
) => Promise<Out<R['response']>>;
export type RouteHandlers = { [K in RouteId]: RouteHandler<Routes[K]> };

export interface Authenticator {
  /** The caller, or null; throws DomainError(SESSION_EXPIRED) for a dead session on a protected route. */
  authenticate(request: FastifyRequest, route: RouteDef): Promise<Actor | null>;
}

export interface RoutingDeps {
  db: Db;
  matrix: PermissionMatrix;
  authenticator: Authenticator;
  /** Check answers against the contract (on in tests, to catch drift). */
  validateResponses?: boolean;
}

export function actorName(actor: Actor | null): string | null {
  if (!actor) return null;
  switch (actor.kind) {
    case 'user':
      return actor.username;
    case 'token':
      return `token:${actor.name}`;
    case 'system':
      return `cli:${actor.name}`;
  }
}

export function actorId(actor: Actor | null): number | null {
  return actor?.kind === 'user' ? actor.userId : null;
}

function zodIssues(error: z.ZodError, where: string) {
  return error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body') {
  if (!schema) {
    const empty = value == null || (typeof value === 'object' && Object.keys(value).length === 0);
    if (where === 'body' && !empty) {
      throw new DomainError('VALIDATION_FAILED', [{ path: 'body', message: '此接口不接受请求体' }]);
    }
    return undefined;
  }
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw new DomainError('VALIDATION_FAILED', zodIssues(result.error, where));
  return result.data;
}

function csrfMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Mutations that fail or are refused are audited too (outside the rolled-back transaction). */
async function auditRefusal(db: Db, ctx: RequestContext, id: RouteId, def: RouteDef, err: DomainError) {
  if (def.method === 'GET' || id === 'login') return;
  const denied =
    err.code === 'FORBIDDEN' ||
    err.code === 'NOT_FOUND' ||
    err.code === 'ROLE_NOT_GRANTABLE' ||
    err.code === 'CSRF_FAILED';
  const params = ctx.request.params as Record<string, unknown> | undefined;
  await db.tx((q) =>
    appendAudit(q, {
      actorId: actorId(ctx.actor),
      actorName: actorName(ctx.actor),
      ip: ctx.ip,
      action: `http.${id}`,
      entityId: typeof params?.id === 'string' ? params.id : null,
      summary: { code: err.code, method: def.method, path: ctx.request.url.split('?')[0] },
      outcome: denied ? 'denied' : 'failure',
    }),
  );
}

/** `attachment` (or `inline`) with an ASCII fallback name and the UTF-8 name (RFC 6266), for Chinese file names. */
function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function rawBodyOf(def: RouteDef, body: unknown): Buffer | undefined {
  if (!def.rawBody) return undefined;
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new DomainError('VALIDATION_FAILED', [
      { path: 'body', message: `请把文件作为请求体上传（${def.rawBody.contentTypes.join('、')}）` },
    ]);
  }
  return body;
}

export function mountRoutes(app: FastifyInstance, deps: RoutingDeps, handlers: RouteHandlers): void {
  const rawTypes = [...new Set(Object.values(routes).flatMap((d: RouteDef) => d.rawBody?.contentTypes ?? []))];
  // Files sent as the body are taken only by routes that declare `rawBody` (each sets its own size
  // limit); other routes refuse them after at most their usual limit.
  app.addContentTypeParser(rawTypes, { parseAs: 'buffer' }, (request, body, done) => {
    if ((request.routeOptions.config as { rawBody?: boolean }).rawBody) done(null, body);
    else done(new DomainError('VALIDATION_FAILED', [{ path: 'body', message: '此接口只接受 JSON 请求体' }]));
  });
  for (const id of Object.keys(routes) as RouteId[]) {
    const def: RouteDef = routes[id];
    const handler = handlers[id] as RouteHandler<RouteDef>;
    app.route({
      method: def.method,
      url: def.path,
      ...(def.rawBody ? { bodyLimit: def.rawBody.limitBytes } : {}),
      config: id === 'login' ? { rateLimit: { max: 20, timeWindow: 60_000 } } : def.rawBody ? { rawBody: true } : {},
      handler: async (request, reply) => {
        const lang = pickLang(request.headers['accept-language']);
        let actor: Actor | null = null;
        const ctx: RequestContext = {
          get actor() {
            return actor;
          },
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          lang,
          scope: (p) => (actor ? scopeOf(actor, p, deps.matrix) : { paths: [] }),
          reply,
          request,
        };
        request.linliLang = lang;
        try {
          actor = await deps.authenticator.authenticate(request, def);
          if (def.auth !== 'public') {
            if (!actor) throw new DomainError('UNAUTHENTICATED');
            // API tokens are for the machine channels beside this table (Open311, ADR 0010): they hold no
            // console permission, whatever their node (a token's scope would otherwise pass every check).
            if (actor.kind === 'token') throw new DomainError('FORBIDDEN');
            if (actor.kind === 'user' && def.auth === 'session' && actor.mustChangePassword) {
              throw new DomainError('PASSWORD_CHANGE_REQUIRED');
            }
            if (
              actor.kind === 'user' &&
              def.method !== 'GET' &&
              !csrfMatches(actor.csrfToken, request.headers['x-csrf-token'])
            ) {
              throw new DomainError('CSRF_FAILED');
            }
            if (def.permission && ctx.scope(def.permission).paths.length === 0) throw new DomainError('FORBIDDEN');
          }
          const input = {
            params: parsePart(def.params, request.params, 'params'),
            query: parsePart(def.query, request.query, 'query'),
            body: def.rawBody ? undefined : parsePart(def.body, request.body, 'body'),
            raw: rawBodyOf(def, request.body),
          };
          const result = await handler(input, ctx);
          if (deps.validateResponses) {
            const check = def.response.safeParse(result);
            if (!check.success) throw new Error(`response of ${id} breaks its contract: ${check.error.message}`);
          }
          if (def.produces) {
            // A route that produces several types (images) names the type of each answer.
            const file = result as { fileName: string; body: Uint8Array; contentType?: string; inline?: boolean };
            return reply
              .status(200)
              .header('Content-Type', file.contentType ?? def.produces)
              .header('Content-Disposition', contentDisposition(file.fileName, file.inline ?? false))
              .send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
          }
          return reply.status(def.creates ? 201 : 200).send(result);
        } catch (err) {
          if (err instanceof DomainError) await auditRefusal(deps.db, ctx, id, def, err);
          throw err;
        }
      },
    });
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    linliLang?: Lang;
  }
}
