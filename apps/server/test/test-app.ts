/**
 * The real app on a fresh database for one test file, with a small tree of two streets and users on
 * each level, so tests can sign in as a user of one jurisdiction and probe another.
 */
import type { MapSettings } from '@linli/contracts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../src/app.ts';
import { hashPassword } from '../src/platform/auth/password.ts';
import { createFieldCrypto } from '../src/platform/crypto/field-crypto.ts';
import type { Queryable } from '../src/platform/db/db.ts';
import { createTestDb, type TestDb } from './test-db.ts';

export const PASSWORD = 'Test@2026pw';
/** A fixed key for tests (never used outside them). */
export const testCrypto = createFieldCrypto(Buffer.alloc(32, 7));

export interface Tree {
  district: number;
  street1: number;
  street2: number;
  community1: number;
  community2: number;
  grid1: number;
  grid2: number;
  building1: number;
  district2: number;
  street3: number;
  /** Households: two in building 1 (grid 1, street 1), one in grid 2 (street 2). */
  household1: number;
  household1b: number;
  household2: number;
}

export interface TestApp {
  app: FastifyInstance;
  tdb: TestDb;
  tree: Tree;
  users: Record<string, number>;
  close(): Promise<void>;
}

async function node(
  q: Queryable,
  parent: { id: number; path: string; depth: number } | null,
  level: string,
  name: string,
  code: string | null,
) {
  const { rows } = await q.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('jurisdiction_node','id')) AS id`,
  );
  const id = rows[0]!.id;
  const path = `${parent?.path ?? '/'}${id}/`;
  await q.query(
    `INSERT INTO jurisdiction_node (id, parent_id, level, code, name, path, depth) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [id, parent?.id ?? null, level, code, name, path, parent ? parent.depth + 1 : 0],
  );
  return { id, path, depth: parent ? parent.depth + 1 : 0 };
}

export async function seedTree(q: Queryable): Promise<Tree> {
  const d = await node(q, null, 'district', '测试区', '330199');
  const s1 = await node(q, d, 'street', '一街道', '330199001');
  const s2 = await node(q, d, 'street', '二街道', '330199002');
  const c1 = await node(q, s1, 'community', '甲社区', '330199001001');
  const c2 = await node(q, s2, 'community', '乙社区', '330199002001');
  const g1 = await node(q, c1, 'grid', '第一网格', '330199001001001');
  const g2 = await node(q, c2, 'grid', '第一网格', '330199002001001');
  const b1 = await node(q, g1, 'building', '1幢', null);
  const h1 = await node(q, b1, 'household', '1单元101室', null);
  const h1b = await node(q, b1, 'household', '1单元102室', null);
  const b2 = await node(q, g2, 'building', '2幢', null);
  const h2 = await node(q, b2, 'household', '1单元201室', null);
  const d2 = await node(q, null, 'district', '邻区', '330198');
  const s3 = await node(q, d2, 'street', '三街道', '330198001');
  return {
    district: d.id,
    street1: s1.id,
    street2: s2.id,
    community1: c1.id,
    community2: c2.id,
    grid1: g1.id,
    grid2: g2.id,
    building1: b1.id,
    district2: d2.id,
    street3: s3.id,
    household1: h1.id,
    household1b: h1b.id,
    household2: h2.id,
  };
}

/** Users by username → [role, node key or null]. All share PASSWORD and need no password change. */
export const testUsers = {
  admin: ['sys_admin', null],
  district: ['district_staff', 'district'],
  district2: ['district_staff', 'district2'],
  street1: ['street_staff', 'street1'],
  street2: ['street_staff', 'street2'],
  c1dir: ['community_director', 'community1'],
  c2dir: ['community_director', 'community2'],
  g1worker: ['grid_worker', 'grid1'],
  c1worker: ['community_worker', 'community1'],
  c2worker: ['community_worker', 'community2'],
  vol1: ['volunteer', 'community1'],
  c1window: ['window_clerk', 'community1'],
  dept1: ['department_handler', 'district'],
} as const satisfies Record<string, readonly [string, keyof Tree | null]>;

export async function createTestApp(
  opts: { sessionIdleMs?: number; trustProxy?: boolean; now?: () => Date; map?: MapSettings } = {},
): Promise<TestApp> {
  const tdb = await createTestDb();
  const hash = await hashPassword(PASSWORD);
  const { tree, users } = await tdb.db.tx(async (q) => {
    const tree = await seedTree(q);
    const users: Record<string, number> = {};
    for (const [username, [role, at]] of Object.entries(testUsers)) {
      const { rows } = await q.query<{ id: number }>(
        `INSERT INTO app_user (username, display_name, password_hash, must_change_password) VALUES ($1, $2, $3, false) RETURNING id`,
        [username, `测试${username}`, hash],
      );
      users[username] = rows[0]!.id;
      await q.query(`INSERT INTO user_role (user_id, role, node_id) VALUES ($1, $2, $3)`, [
        rows[0]!.id,
        role,
        at ? tree[at] : null,
      ]);
    }
    return { tree, users };
  });
  const app = await createApp({
    db: tdb.db,
    crypto: testCrypto,
    auth: {
      loginMaxFailures: 5,
      lockMs: 15 * 60_000,
      sessionIdleMs: opts.sessionIdleMs ?? 30 * 60_000,
      sessionAbsoluteMs: 12 * 3_600_000,
    },
    secureCookies: opts.trustProxy ? 'auto' : false,
    trustProxy: opts.trustProxy ?? false,
    bodyLimitBytes: 64 * 1024,
    logLevel: 'silent',
    version: 'test',
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.map ? { map: opts.map } : {}),
    validateResponses: true,
  });
  await app.ready();
  return {
    app,
    tdb,
    tree,
    users,
    async close() {
      await app.close();
      await tdb.drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  /** A request as this user; writes carry the CSRF header. */
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
  const cookie = raw.split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrf,
    call: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}
