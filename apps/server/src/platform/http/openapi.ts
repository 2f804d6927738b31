/** The OpenAPI 3.1 document, generated from the contract route table (never written by hand). */
import { ErrorBody, errorMessages, routes, type RouteDef } from '@linli/contracts';
import { z } from 'zod';

function schemaOf(s: z.ZodType, io: 'input' | 'output') {
  const json = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function parameters(def: RouteDef) {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ['path', def.params],
    ['query', def.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: prop });
    }
  }
  return out;
}

export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [id, def] of Object.entries(routes) as [string, RouteDef][]) {
    const path = def.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][def.method.toLowerCase()] = {
      operationId: id,
      tags: [def.tag],
      summary: def.summary,
      ...(def.auth === 'public' ? { security: [] } : {}),
      ...(def.permission ? { 'x-permission': def.permission } : {}),
      parameters: parameters(def),
      ...(def.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(def.body, 'input') } } } }
        : {}),
      ...(def.rawBody
        ? {
            requestBody: {
              required: true,
              description: `文件原样作为请求体，最大 ${def.rawBody.limitBytes / 1024 / 1024} MB`,
              content: Object.fromEntries(
                def.rawBody.contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
              ),
            },
          }
        : {}),
      responses: {
        [def.creates ? '201' : '200']: {
          description: 'OK',
          content: def.produces
            ? { [def.produces]: { schema: { type: 'string', format: 'binary' } } }
            : { 'application/json': { schema: schemaOf(def.response, 'output') } },
        },
        default: {
          description: '错误 Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '邻里 Linli API',
      version,
      description:
        '社区治理与服务平台 REST API。错误统一为 {code, message, details}；消息默认中文，发送 Accept-Language: en 得到英文。' +
        ' 以 Cookie 登录的写请求须带 X-CSRF-Token 头（值见 /api/v1/auth/me 的 csrfToken）；机器客户端用 Authorization: Bearer <API 令牌>。',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'linli_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: { ...schemaOf(ErrorBody, 'output'), 'x-codes': Object.keys(errorMessages) },
      },
    },
    security: [{ session: [] }, { token: [] }],
    paths,
  };
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** A readable, self-contained docs page (no external scripts: the console runs on closed networks). */
export function renderApiDocs(doc: ReturnType<typeof buildOpenApi>): string {
  const sections = Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const o = op as {
          summary: string;
          operationId: string;
          tags: string[];
          'x-permission'?: string;
          parameters: unknown[];
          requestBody?: unknown;
          responses: Record<string, unknown>;
        };
        const body = o.requestBody
          ? `<details><summary>请求体 Request body</summary><pre>${esc(JSON.stringify(o.requestBody, null, 2))}</pre></details>`
          : '';
        const params = o.parameters.length
          ? `<details><summary>参数 Parameters</summary><pre>${esc(JSON.stringify(o.parameters, null, 2))}</pre></details>`
          : '';
        return `<section><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code> — ${esc(o.summary)}</h3>
<p class="meta">operationId <code>${esc(o.operationId)}</code> · 模块 ${esc(o.tags.join(','))}${o['x-permission'] ? ` · 权限 <code>${esc(o['x-permission'])}</code>` : ''}</p>
${params}${body}<details><summary>响应 Responses</summary><pre>${esc(JSON.stringify(o.responses, null, 2))}</pre></details></section>`;
      }),
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;max-width:1000px;margin:2rem auto;padding:0 1rem;color:#1f2328;line-height:1.6}
section{border:1px solid #d0d7de;border-radius:8px;padding:.5rem 1rem;margin:1rem 0}h3{margin:.3rem 0;font-size:1.05rem}.meta{color:#57606a;margin:.2rem 0}
.m{display:inline-block;min-width:4.2em;text-align:center;border-radius:4px;color:#fff;font-size:.85rem;padding:0 .3em}.get{background:#1677ff}.post{background:#389e0d}.patch{background:#d46b08}.delete{background:#cf1322}.put{background:#722ed1}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:.8rem}</style></head><body>
<h1>${esc(doc.info.title)} <small>v${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p>
<p>机器可读文档 Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>${sections}</body></html>`;
}
