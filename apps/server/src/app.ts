/**
 * createApp assembles Fastify from its dependencies: security headers, cookies, rate limits, the
 * contract routes of every module, the OpenAPI document and docs page, and the built console.
 * It does not listen; main.ts and the tests do.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { ErrorCode, MapSettings } from '@linli/contracts';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PermissionMatrix } from './platform/auth/actor.ts';
import type { FieldCrypto } from './platform/crypto/field-crypto.ts';
import type { Db } from './platform/db/db.ts';
import { DomainError, errorBody, statusOf } from './platform/http/errors.ts';
import { buildOpenApi, renderApiDocs } from './platform/http/openapi.ts';
import { mountRoutes } from './platform/http/routing.ts';
import { pickLang } from './platform/i18n/lang.ts';
import { auditHandlers, auditPolicy } from './modules/audit/index.ts';
import { authHandlers, createAuthService, SESSION_COOKIE, type AuthSettings } from './modules/auth/index.ts';
import { createJurisdictionService, jurisdictionHandlers, jurisdictionPolicy } from './modules/jurisdiction/index.ts';
import { createTokensService, tokensHandlers, tokensPolicy } from './modules/tokens/index.ts';
import {
  createRegistryExportService,
  createRegistryImportService,
  createRegistryService,
  createResidentRecordsService,
  createRetentionService,
  createHousingService,
  createUnitsService,
  createVisitsService,
  followHousingSubtreeMove,
  followSubtreeMove,
  housingHandlers,
  registryHandlers,
  registryIoHandlers,
  registryPolicy,
  retentionHandlers,
  visitsHandlers,
} from './modules/registry/index.ts';
import { createUsersService, usersHandlers, usersPolicy } from './modules/users/index.ts';
import {
  createRequestsBroadcaster,
  createRequestMetrics,
  createRequestsService,
  createResidentChannel,
  followRequestsSubtreeMove,
  mountRequestEvents,
  requestEventsRoute,
  requestMetricsHandlers,
  requestsHandlers,
  requestsPolicy,
  residentChannelHandlers,
  type RequestsService,
  createWorkCalendarService,
  workCalendarHandlers,
} from './modules/requests/index.ts';
import { createOpen311Service, registerOpen311 } from './modules/open311/index.ts';

export const permissionMatrix: PermissionMatrix = {
  ...jurisdictionPolicy,
  ...usersPolicy,
  ...auditPolicy,
  ...tokensPolicy,
  ...registryPolicy,
  ...requestsPolicy,
};

export const webDistDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export interface AppDeps {
  db: Db;
  crypto: FieldCrypto;
  auth: AuthSettings;
  secureCookies: 'auto' | boolean;
  trustProxy: boolean;
  bodyLimitBytes: number;
  logLevel: string;
  version: string;
  /** Serve the built console from this directory when it exists. */
  webDir?: string | undefined;
  validateResponses?: boolean;
  /** The clock of requests (tests freeze it). */
  now?: () => Date;
  /** The map residents pin places on (LINLI_MAP_TILES), if any. */
  map?: MapSettings | null;
  /** Demo mode (`linli start --demo`): one-time codes for residents are shown on screen, not sent. */
  demo?: boolean;
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
};

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logLevel === 'silent' ? false : { level: deps.logLevel },
    trustProxy: deps.trustProxy,
    bodyLimit: deps.bodyLimitBytes,
    logController: new LogController({ disableRequestLogging: deps.logLevel !== 'debug' && deps.logLevel !== 'trace' }),
  });

  const tokens = createTokensService({ db: deps.db });
  const auth = createAuthService({
    db: deps.db,
    matrix: permissionMatrix,
    settings: deps.auth,
    authenticateToken: (secret) => tokens.authenticate(secret),
  });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request) => {
      const err = new DomainError('RATE_LIMITED');
      return { statusCode: 429, ...errorBody(err, pickLang(request.headers['accept-language'])) };
    },
  });

  // Map tiles are images from the configured tile server: only that server is added to img-src.
  const mapImages = deps.map ? ` ${mapImageSource(deps.map.tiles)}` : '';
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()');
    reply.header(
      'Content-Security-Policy',
      `default-src 'self'; img-src 'self' data: blob:${mapImages}; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    );
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000');
    if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.setErrorHandler((err, request, reply) => {
    const lang = request.linliLang ?? pickLang(request.headers['accept-language']);
    let domain: DomainError;
    if (err instanceof DomainError) domain = err;
    else if (typeof (err as { code?: unknown }).code === 'string' && fastifyCodes[(err as { code: string }).code]) {
      domain = new DomainError(fastifyCodes[(err as { code: string }).code]!);
    } else if ((err as { statusCode?: number }).statusCode === 429) domain = new DomainError('RATE_LIMITED');
    else {
      request.log.error(err);
      domain = new DomainError('INTERNAL');
    }
    if (domain.code === 'SESSION_EXPIRED') reply.clearCookie(SESSION_COOKIE, { path: '/' });
    void reply.status(statusOf(domain.code)).send(errorBody(domain, lang));
  });

  const registry = createRegistryService({ db: deps.db, crypto: deps.crypto });
  const housing = createHousingService({ db: deps.db, crypto: deps.crypto });
  const units = createUnitsService({ db: deps.db, crypto: deps.crypto });
  // Committed request changes fan out to the console's live streams (requests.events.ts, ADR 0011).
  const requestsBroadcaster = createRequestsBroadcaster();
  const workCalendar = await createWorkCalendarService({ db: deps.db });
  const requests: RequestsService = createRequestsService({
    db: deps.db,
    crypto: deps.crypto,
    clock: workCalendar.clock,
    ...(deps.now ? { now: deps.now } : {}),
    onChanged: (change) => requestsBroadcaster.publish(change),
  });
  app.decorate('linliRequests', requests);
  mountRoutes(
    app,
    {
      db: deps.db,
      matrix: permissionMatrix,
      validateResponses: deps.validateResponses ?? false,
      authenticator: {
        authenticate: (request, route) => {
          const header = request.headers.authorization;
          const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
          return auth.resolve(request.cookies[SESSION_COOKIE], bearer, route);
        },
      },
    },
    {
      ...authHandlers(auth, { secure: deps.secureCookies }),
      ...jurisdictionHandlers(
        createJurisdictionService({
          db: deps.db,
          onSubtreeMoved: [followSubtreeMove, followHousingSubtreeMove, followRequestsSubtreeMove],
        }),
      ),
      ...registryHandlers(registry, createResidentRecordsService({ db: deps.db, crypto: deps.crypto, registry })),
      ...registryIoHandlers(
        createRegistryImportService({ db: deps.db, crypto: deps.crypto }),
        createRegistryExportService({ db: deps.db, crypto: deps.crypto, registry, housing, units }),
      ),
      ...retentionHandlers(createRetentionService({ db: deps.db, ...(deps.now ? { now: deps.now } : {}) })),
      ...visitsHandlers(createVisitsService({ db: deps.db })),
      ...housingHandlers(housing, units),
      ...usersHandlers(createUsersService({ db: deps.db })),
      ...auditHandlers({ db: deps.db }),
      ...tokensHandlers(tokens),
      ...requestsHandlers(requests),
      ...workCalendarHandlers(workCalendar),
      ...residentChannelHandlers(
        createResidentChannel({
          db: deps.db,
          crypto: deps.crypto,
          requests,
          demo: deps.demo ?? false,
          ...(deps.now ? { now: deps.now } : {}),
        }),
        { secure: deps.secureCookies, map: deps.map ?? null },
      ),
      ...requestMetricsHandlers(
        createRequestMetrics({
          db: deps.db,
          officeMsPerDay: () => workCalendar.officeMsPerDay(),
          ...(deps.now ? { now: deps.now } : {}),
        }),
      ),
    },
  );

  // A stream stays open, which the route table's one-answer handlers do not do: mounted beside it.
  mountRequestEvents(app, {
    db: deps.db,
    requests,
    broadcaster: requestsBroadcaster,
    matrix: permissionMatrix,
    authenticate: (request) => auth.resolve(request.cookies[SESSION_COOKIE], undefined, requestEventsRoute),
    onError: (err) => app.log.error(err),
  });

  // Open311 GeoReport v2 has its own suffixes, form bodies and error shapes: beside the route table (ADR 0010).
  await registerOpen311(app, {
    db: deps.db,
    service: createOpen311Service({
      db: deps.db,
      requests,
      authenticateToken: (secret) => tokens.authenticate(secret),
      ...(deps.now ? { now: deps.now } : {}),
    }),
  });

  const openapi = buildOpenApi(deps.version);
  const docsHtml = renderApiDocs(openapi);
  app.get('/api/v1/openapi.json', async () => openapi);
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(docsHtml));
  app.get('/api/v1/health', async () => {
    await deps.db.query('SELECT 1');
    return { ok: true, version: deps.version };
  });

  const webDir = deps.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDir,
      index: ['index.html'],
      cacheControl: false,
      // Hashed build assets never change; index.html must be revalidated so a new build is picked up.
      setHeaders: (res, filePath) => {
        const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // The console is a single-page app: unknown page paths get index.html; a missing file (a path
    // with an extension, e.g. an asset of an older build) is a 404, never HTML in its place.
    app.setNotFoundHandler((request, reply) => {
      const pathname = request.url.split('?')[0] ?? '';
      const isPage = !pathname.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(pathname);
      // The resident pages (/r/…) are their own light entry, without the console's bundle (ADR 0009).
      const page = pathname === '/r' || pathname.startsWith('/r/') ? 'resident.html' : 'index.html';
      if (request.method === 'GET' && isPage) return reply.header('Cache-Control', 'no-cache').sendFile(page);
      return reply
        .status(404)
        .send(errorBody(new DomainError('NOT_FOUND'), pickLang(request.headers['accept-language'])));
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send(errorBody(new DomainError('NOT_FOUND'), pickLang(request.headers['accept-language']))),
    );
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The requests service, for the overdue sweep and the channels mounted beside the route table. */
    linliRequests: RequestsService;
  }
}

/**
 * The Content-Security-Policy source of a tile URL template: its origin, or a wildcard for the labels
 * that {s} varies (https://t{s}.tianditu.gov.cn/… → https://*.tianditu.gov.cn).
 */
export function mapImageSource(tiles: string): string {
  const url = new URL(tiles.replaceAll(/\{[a-z]\}/g, '0'));
  const labels = tiles.split('/')[2]!.split('.');
  const varying = labels.findLastIndex((l) => l.includes('{s}'));
  return varying < 0 ? url.origin : `${url.protocol}//*.${labels.slice(varying + 1).join('.')}`;
}
