/** Bad input gets a clear 400 and nothing is written; the API describes itself; headers are safe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from './test-app.ts';

let t: TestApp;
let s: Session;
beforeAll(async () => {
  t = await createTestApp();
  s = await login(t.app, 'c1dir');
});
afterAll(async () => {
  await t.close();
});

const nodeCount = async () =>
  (await t.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM jurisdiction_node`)).rows[0]!.n;

describe('bad input', () => {
  it('malformed JSON → 400 MALFORMED_JSON, nothing written', async () => {
    const before = await nodeCount();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nodes',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
      payload: '{"parentId": 1, "level": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(await nodeCount()).toBe(before);
  });

  it('unknown fields and wrong types → 400 with a message per field', async () => {
    const before = await nodeCount();
    const res = await s.call('POST', '/api/v1/nodes', { parentId: 'x', level: 'planet', name: '', extra: 1 });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; details: { path: string; message: string }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    const paths = body.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.parentId', 'body.level', 'body.name']));
    expect(body.details.find((d) => d.path === 'body.name')!.message).toBe('名称不能为空');
    expect(JSON.stringify(body.details)).toMatch(/extra/);
    expect(await nodeCount()).toBe(before);
  });

  it('an oversized body → 413', async () => {
    const res = await s.call('POST', '/api/v1/nodes', {
      parentId: t.tree.community1,
      level: 'grid',
      name: 'x'.repeat(100_000),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('bad query parameters → 400', async () => {
    const res = await s.call('GET', '/api/v1/users?page=0&bogus=1');
    expect(res.statusCode).toBe(400);
    expect((res.json() as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['query.page']),
    );
  });

  it('without a session → 401 in the caller language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nodes', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Please sign in.' });
  });

  it('a role without the permission → 403 FORBIDDEN, audited as denied', async () => {
    const vol = await login(t.app, 'vol1');
    const res = await vol.call('POST', '/api/v1/nodes', {
      parentId: t.tree.community1,
      level: 'grid',
      name: '志愿者网格',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    const { rowCount } = await t.tdb.db.query(
      `SELECT 1 FROM audit_log WHERE actor_name = 'vol1' AND outcome = 'denied'`,
    );
    expect(rowCount).toBe(1);
  });
});

describe('the API describes itself', () => {
  it('serves an OpenAPI 3.1 document covering every route, and a docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    const { routes } = await import('@linli/contracts');
    expect(ops.sort()).toEqual(Object.keys(routes).sort());
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('新建辖区节点');
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(String(res.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('the console is served as a single-page app', () => {
  it('page paths get index.html; missing assets get 404, not HTML', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { createApp } = await import('../src/app.ts');
    const { testCrypto } = await import('./test-app.ts');
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>邻里</title>');
    const app = await createApp({
      db: t.tdb.db,
      crypto: testCrypto,
      webDir,
      logLevel: 'silent',
      version: 'test',
      secureCookies: false,
      trustProxy: false,
      bodyLimitBytes: 1024,
      auth: { loginMaxFailures: 5, lockMs: 1, sessionIdleMs: 1, sessionAbsoluteMs: 1 },
    });
    // A build made after start (new hashed names) is served too.
    fs.writeFileSync(path.join(webDir, 'assets', 'app-1a2b.js'), 'export {}');
    const page = await app.inject({ method: 'GET', url: '/jurisdiction/42' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    const stale = await app.inject({ method: 'GET', url: '/assets/app-old.js' });
    expect(stale.statusCode).toBe(404);
    expect(stale.headers['content-type']).toMatch(/json/);
    const api = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(api.statusCode).toBe(404);
    await app.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });
});

describe('the audit log by node', () => {
  it('narrows to a subtree, and still only within the caller scope', async () => {
    const admin = await login(t.app, 'admin');
    await admin.call('POST', '/api/v1/nodes', { parentId: t.tree.community1, level: 'grid', name: '审计甲' });
    await admin.call('POST', '/api/v1/nodes', { parentId: t.tree.community2, level: 'grid', name: '审计乙' });
    const names = async (s: Session, nodeId: number) =>
      (await s.call('GET', `/api/v1/audit?nodeId=${nodeId}&action=jurisdiction.node.create`))
        .json<{ items: { summary: { name?: string } }[] }>()
        .items.map((i) => i.summary.name);
    expect(await names(admin, t.tree.community1)).toEqual(['审计甲']);
    expect(await names(admin, t.tree.street2)).toEqual(['审计乙']);
    const street1 = await login(t.app, 'street1');
    expect(await names(street1, t.tree.community2)).toEqual([]);
  });
});
