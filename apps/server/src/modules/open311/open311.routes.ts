/**
 * HTTP adapter of Open311 GeoReport v2 under /open311/v2/, beside the route table (ADR 0010): the
 * spec's own suffixes (.json/.xml), form-encoded POSTs with `attribute[code]`, and its error shape
 * (an array of { code, description }) in both formats. Refused POSTs are audited like the route
 * table's refused mutations.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import type { TokenActor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/db.ts';
import { pickLang } from '../../platform/i18n/lang.ts';
import { toXml, type XmlValue } from './open311-xml.ts';
import { contentTypes, fail, formatOf, Open311Failure, parseForm, tr, type Format, type Lang } from './open311.ts';
import type { Open311Service, PostFields } from './open311.service.ts';

export const OPEN311_PREFIX = '/open311/v2';

type Params = { format?: string; code?: string; id?: string };
type Query = Record<string, string | undefined>;

function langOf(request: FastifyRequest): Lang {
  return pickLang(request.headers['accept-language']);
}

/** The answer's format from the path's suffix; XML (the spec's required format) when there is none. */
function formatOfUrl(url: string): Format {
  const m = /\.(json|xml)(?:\?|$)/.exec(url);
  return (m?.[1] as Format | undefined) ?? 'xml';
}

function send(reply: FastifyReply, format: Format, status: number, root: string, value: unknown) {
  return reply
    .status(status)
    .header('Cache-Control', 'no-store')
    .type(contentTypes[format])
    .send(format === 'json' ? JSON.stringify(value) : toXml(root, value as XmlValue));
}

/** Spec arguments are single strings; a repeated one keeps its last value (lists are comma-delimited). */
function single(query: unknown): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const last: unknown = Array.isArray(v) ? (v as unknown[])[v.length - 1] : v;
    if (typeof last === 'string' && last.trim() !== '') out[k] = last.trim();
  }
  return out;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() || undefined : undefined;
}

function formatParam(request: FastifyRequest, lang: Lang): Format {
  const raw = (request.params as Params).format;
  const format = formatOf(raw);
  if (!format)
    throw fail(
      404,
      tr(
        lang,
        `不支持的格式「.${raw ?? ''}」，请用 .json 或 .xml`,
        `format ".${raw ?? ''}" is not served; use .json or .xml`,
      ),
    );
  return format;
}

export async function registerOpen311(app: FastifyInstance, deps: { db: Db; service: Open311Service }): Promise<void> {
  const { db, service } = deps;
  const actors = new WeakMap<FastifyRequest, TokenActor>();

  await app.register(
    async (scope) => {
      // The spec's POST is form-encoded; JSON bodies are parsed by Fastify's own parser.
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
        done(null, parseForm(body as string));
      });

      scope.setErrorHandler(async (err, request, reply) => {
        const lang = langOf(request);
        let failure: Open311Failure;
        const code = (err as { code?: unknown }).code;
        const statusCode = (err as { statusCode?: unknown }).statusCode;
        if (err instanceof Open311Failure) failure = err;
        else if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          failure = fail(413, tr(lang, '请求体过大', 'request body too large'));
        else if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
          failure = fail(
            400,
            tr(
              lang,
              '请以 application/x-www-form-urlencoded（或 application/json）发送',
              'send application/x-www-form-urlencoded (or application/json)',
            ),
          );
        else if (typeof code === 'string' && code.startsWith('FST_ERR_CTP_'))
          failure = fail(400, tr(lang, '请求体无法解析', 'the request body could not be parsed'));
        else if (statusCode === 429)
          failure = fail(429, tr(lang, '请求过于频繁，请稍后再试', 'too many requests; try again in a minute'));
        else {
          request.log.error(err);
          failure = fail(500, tr(lang, '服务内部错误，请通知平台管理员', 'general service error; please notify us'));
        }
        if (request.method === 'POST') {
          const actor = actors.get(request);
          await db.tx((q) =>
            appendAudit(q, {
              actorId: null,
              actorName: actor ? `token:${actor.name}` : null,
              ip: request.ip,
              action: 'http.open311.createRequest',
              nodeId: actor?.nodeId ?? null,
              summary: {
                status: failure.status,
                errors: failure.errors.map((e) => e.description),
                method: 'POST',
                path: request.url.split('?')[0],
              },
              outcome: failure.status === 403 || failure.status === 404 ? 'denied' : 'failure',
            }),
          );
        }
        return send(reply, formatOfUrl(request.url), failure.status, 'errors', failure.errors);
      });

      scope.setNotFoundHandler(async (request, reply) => {
        const lang = langOf(request);
        return send(reply, formatOfUrl(request.url), 404, 'errors', [
          {
            code: 404,
            description: tr(
              lang,
              `没有这个接口：${request.method} ${request.url.split('?')[0]}，可用的见 ${OPEN311_PREFIX}/discovery.xml`,
              `no such resource: ${request.method} ${request.url.split('?')[0]}; see ${OPEN311_PREFIX}/discovery.xml`,
            ),
          },
        ]);
      });

      scope.get('/discovery.:format', async (request, reply) => {
        const lang = langOf(request);
        const format = formatParam(request, lang);
        const url = `${request.protocol}://${request.host}${OPEN311_PREFIX}`;
        return send(reply, format, 200, 'discovery', await service.discovery(lang, url));
      });

      scope.get('/services.:format', async (request, reply) => {
        const lang = langOf(request);
        const format = formatParam(request, lang);
        await service.checkJurisdiction(lang, single(request.query).jurisdiction_id);
        return send(reply, format, 200, 'services', await service.services(lang));
      });

      scope.get('/services/:code.:format', async (request, reply) => {
        const lang = langOf(request);
        const format = formatParam(request, lang);
        const code = (request.params as Params).code ?? '';
        await service.checkJurisdiction(lang, single(request.query).jurisdiction_id);
        return send(reply, format, 200, 'service_definition', await service.definition(lang, code));
      });

      scope.get('/requests.:format', async (request, reply) => {
        const lang = langOf(request);
        const format = formatParam(request, lang);
        const query = single(request.query);
        const actor = await service.authenticate(lang, query.api_key ?? bearerOf(request), {
          zh: '查询诉求',
          en: 'get_service_requests',
        });
        return send(reply, format, 200, 'service_requests', await service.listRequests(lang, actor, query));
      });

      scope.get('/requests/:id.:format', async (request, reply) => {
        const lang = langOf(request);
        const format = formatParam(request, lang);
        const query = single(request.query);
        const actor = await service.authenticate(lang, query.api_key ?? bearerOf(request), {
          zh: '查询诉求',
          en: 'get_service_request',
        });
        const id = (request.params as Params).id ?? '';
        return send(
          reply,
          format,
          200,
          'service_requests',
          await service.getRequest(lang, actor, id, query.jurisdiction_id),
        );
      });

      scope.post(
        '/requests.:format',
        { config: { rateLimit: { max: 120, timeWindow: 60_000 } } },
        async (request, reply) => {
          const lang = langOf(request);
          const format = formatParam(request, lang);
          if (typeof request.body === 'string' || Buffer.isBuffer(request.body))
            throw fail(
              400,
              tr(
                lang,
                '请以 application/x-www-form-urlencoded（或 application/json）发送',
                'send application/x-www-form-urlencoded (or application/json)',
              ),
            );
          const body = (request.body && typeof request.body === 'object' ? request.body : {}) as PostFields & {
            api_key?: unknown;
          };
          const query = single(request.query);
          const key = typeof body.api_key === 'string' && body.api_key.trim() ? body.api_key.trim() : undefined;
          const actor = await service.authenticate(lang, key ?? query.api_key ?? bearerOf(request), {
            zh: '提交诉求',
            en: 'create_request',
          });
          actors.set(request, actor);
          const created = await service.postRequest(lang, actor, request.ip, body);
          return send(reply, format, 200, 'service_requests', created);
        },
      );
    },
    { prefix: OPEN311_PREFIX },
  );
}
