/**
 * createApp assembles Fastify from its dependencies: security headers, cookies, rate limits, the
 * contract routes of every module, the OpenAPI document and docs page, and the built console.
 * It does not listen; main.ts and the tests do.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { ErrorCode } from '@linli/contracts';
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
  createVisitsService,
  followSubtreeMove,
  registryHandlers,
  registryIoHandlers,
  registryPolicy,
  visitsHandlers,
} from './modules/registry/index.ts';
import { createUsersService, usersHandlers, usersPolicy } from './modules/users/index.ts';

export const permissionMatrix: PermissionMatrix = {
  ...jurisdictionPolicy,
  ...usersPolicy,
  ...auditPolicy,
  ...tokensPolicy,
  ...registryPolicy,
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

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()');
    reply.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
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
      ...jurisdictionHandlers(createJurisdictionService({ db: deps.db, onSubtreeMoved: [followSubtreeMove] })),
      ...registryHandlers(registry),
      ...registryIoHandlers(
        createRegistryImportService({ db: deps.db, crypto: deps.crypto }),
        createRegistryExportService({ db: deps.db, crypto: deps.crypto, registry }),
      ),
      ...visitsHandlers(createVisitsService({ db: deps.db })),
      ...usersHandlers(createUsersService({ db: deps.db })),
      ...auditHandlers({ db: deps.db }),
      ...tokensHandlers(tokens),
    },
  );

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
      if (request.method === 'GET' && isPage) return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
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
