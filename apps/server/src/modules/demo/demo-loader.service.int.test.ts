/** Loading the demo district into real PostgreSQL: rows, paths, accounts, idempotence, reset and audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedChildLevels, type NodeLevel } from '@linli/contracts';
import { createTestDb, type TestDb } from '../../../test/test-db.ts';
import { testCrypto } from '../../../test/test-app.ts';
import { verifyAuditChain } from '../../platform/audit/audit-log.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { todayInChina } from '../registry/index.ts';
import { generateDistrict, loadDemo, type LoadDemoOptions } from './index.ts';

const PASSWORD = 'Demo@2026pw';
const small: LoadDemoOptions = {
  password: PASSWORD,
  streets: 2,
  communitiesPerStreet: 2,
  gridsPerCommunity: 2,
  residents: 300,
  batchSize: 40,
  crypto: testCrypto,
};
const expected = generateDistrict(small);

let fresh: TestDb;
let withAdmin: TestDb;
beforeAll(async () => {
  [fresh, withAdmin] = await Promise.all([createTestDb(), createTestDb()]);
});
afterAll(async () => {
  await Promise.all([fresh?.drop(), withAdmin?.drop()]);
});

const one = async <T extends Record<string, unknown>>(q: Queryable, sql: string, params: unknown[] = []) =>
  (await q.query<T>(sql, params)).rows[0] as T;
const subtree = (path: string) => [path, `${path.slice(0, -1)}0`];

async function auditEntries(q: Queryable) {
  const { rows } = await q.query<{ entity_id: string; node_id: number; summary: Record<string, unknown> }>(
    `SELECT entity_id, node_id, summary FROM audit_log WHERE action = 'demo.load' ORDER BY id`,
  );
  return rows;
}

describe('loadDemo on an empty installation', () => {
  let districtId: number;
  let districtPath: string;

  it('writes the tree, with paths and depths that agree with the parents', async () => {
    const { db } = fresh;
    const r = await loadDemo(db, small);
    expect(r.created).toBe(true);
    expect(r.removed).toBeNull();
    const { users: _users, ...levels } = expected.counts;
    expect(r.counts).toEqual({ ...levels, users: expected.users.length });
    districtId = r.districtId;

    const root = await one<{ path: string; depth: number; parent_id: number | null; code: string; name: string }>(
      db,
      'SELECT path, depth, parent_id, code, name FROM jurisdiction_node WHERE id = $1',
      [districtId],
    );
    expect(root).toEqual({ path: `/${districtId}/`, depth: 0, parent_id: null, code: '330199', name: '邻里示范区' });
    districtPath = root.path;

    const { rows: levels2 } = await db.query<{ level: string; n: number }>(
      `SELECT level, count(*)::int AS n FROM jurisdiction_node WHERE path >= $1 AND path < $2 GROUP BY level`,
      subtree(districtPath),
    );
    const { residents: _residents, ...nodeLevels } = levels;
    expect(Object.fromEntries(levels2.map((l) => [l.level, l.n]))).toEqual(nodeLevels);

    const broken = await one<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM jurisdiction_node c JOIN jurisdiction_node p ON p.id = c.parent_id
       WHERE c.path <> p.path || c.id || '/' OR c.depth <> p.depth + 1`,
    );
    expect(broken.n).toBe(0);

    const { rows: pairs } = await db.query<{ parent: NodeLevel; child: NodeLevel }>(
      `SELECT DISTINCT p.level AS parent, c.level AS child FROM jurisdiction_node c JOIN jurisdiction_node p ON p.id = c.parent_id`,
    );
    for (const { parent, child } of pairs) expect(allowedChildLevels[parent]).toContain(child);

    const grid = await one<{ code: string; name: string }>(
      db,
      `SELECT code, name FROM jurisdiction_node WHERE level = 'grid' ORDER BY code LIMIT 1`,
    );
    expect(grid).toEqual({ code: '330199001001001', name: '第一网格' });
  });

  it('creates every demo account with one role on its node, the same password, no forced change', async () => {
    const { db } = fresh;
    const { rows } = await db.query<{
      username: string;
      role: string;
      level: string | null;
      must_change_password: boolean;
      password_hash: string;
    }>(
      `SELECT u.username, r.role, n.level, u.must_change_password, u.password_hash
       FROM app_user u JOIN user_role r ON r.user_id = u.id LEFT JOIN jurisdiction_node n ON n.id = r.node_id`,
    );
    expect(rows.map((r) => r.username).sort()).toEqual(expected.users.map((u) => u.username).sort());
    expect(rows.every((r) => !r.must_change_password)).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(1);
    expect(await verifyPassword(rows[0]?.password_hash ?? '', PASSWORD)).toBe(true);
    const byName = new Map(rows.map((r) => [r.username, r]));
    expect(byName.get('admin')).toMatchObject({ role: 'sys_admin', level: null });
    expect(byName.get('district')).toMatchObject({ role: 'district_staff', level: 'district' });
    expect(byName.get('street2')).toMatchObject({ role: 'street_staff', level: 'street' });
    expect(byName.get('c04window')).toMatchObject({ role: 'window_clerk', level: 'community' });
    expect(byName.get('g008')).toMatchObject({ role: 'grid_worker', level: 'grid' });
    expect(byName.get('res1')).toMatchObject({ role: 'resident', level: 'community' });
  });

  it('appends one audit entry with the counts, and the chain stays intact', async () => {
    const entries = await auditEntries(fresh.db);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity_id: String(districtId), node_id: districtId });
    expect(entries[0]?.summary).toMatchObject({ counts: { grid: 8, users: expected.users.length }, keptUsers: [] });
    expect((await verifyAuditChain(fresh.db)).problems).toEqual([]);
  });

  it('does nothing the second time, but still lists the logins', async () => {
    const { db } = fresh;
    const before = await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM jurisdiction_node');
    const r = await loadDemo(db, small);
    expect(r.created).toBe(false);
    expect(r.districtId).toBe(districtId);
    expect(r.logins).toHaveLength(expected.users.length);
    expect(r.logins.every((l) => !l.preexisting)).toBe(true);
    expect(r.counts.household).toBe(expected.counts.household);
    expect(await one(db, 'SELECT count(*)::int AS n FROM jurisdiction_node')).toEqual(before);
    expect(await auditEntries(db)).toHaveLength(1);
  });

  it('resets: removes the old district, its accounts, sessions and tokens, and loads afresh', async () => {
    const { db } = fresh;
    const district = await one<{ id: number }>(db, `SELECT id FROM app_user WHERE username = 'district'`);
    const street = await one<{ id: number }>(db, `SELECT id FROM jurisdiction_node WHERE code = '330199001'`);
    await db.query(
      `INSERT INTO user_session (token_hash, user_id, csrf_token, expires_at) VALUES ('t1', $1, 'c', now() + interval '1 hour')`,
      [district.id],
    );
    await db.query(
      `INSERT INTO api_token (name, prefix, secret_hash, node_id, created_by) VALUES ('12345', 'lk_', 's1', $1, $2)`,
      [street.id, district.id],
    );

    const r = await loadDemo(db, { ...small, reset: true });
    expect(r.created).toBe(true);
    expect(r.removed).toEqual({
      nodes:
        expected.counts.district +
        expected.counts.street +
        expected.counts.community +
        expected.counts.grid +
        expected.counts.building +
        expected.counts.household,
      users: expected.users.length,
    });
    expect(r.districtId).not.toBe(districtId);
    const old = await one<{ n: number }>(
      db,
      'SELECT count(*)::int AS n FROM jurisdiction_node WHERE path >= $1 AND path < $2',
      subtree(districtPath),
    );
    expect(old.n).toBe(0);
    expect(await one(db, 'SELECT count(*)::int AS n FROM user_session')).toEqual({ n: 0 });
    expect(await one(db, 'SELECT count(*)::int AS n FROM api_token')).toEqual({ n: 0 });
    expect(await one(db, 'SELECT count(*)::int AS n FROM app_user')).toEqual({ n: expected.users.length });
    expect(r.logins.every((l) => !l.preexisting)).toBe(true);

    const entries = await auditEntries(db);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ entity_id: String(r.districtId), summary: { reset: r.removed } });
    expect((await verifyAuditChain(db)).problems).toEqual([]);
  });
});

describe('loadDemo beside accounts and nodes that were there before', () => {
  let adminHash: string;

  it('leaves an existing account with a demo username as it was', async () => {
    const { db } = withAdmin;
    adminHash = await hashPassword('Own@admin-pw1');
    const other = await one<{ id: number }>(
      db,
      `INSERT INTO jurisdiction_node (parent_id, level, code, name, path, depth)
       VALUES (NULL, 'district', '330198', '邻区', '/0/', 0) RETURNING id`,
    );
    await db.query('UPDATE jurisdiction_node SET path = $2 WHERE id = $1', [other.id, `/${other.id}/`]);
    const admin = await one<{ id: number }>(
      db,
      `INSERT INTO app_user (username, display_name, password_hash) VALUES ('admin', '系统管理员', $1) RETURNING id`,
      [adminHash],
    );
    await db.query(`INSERT INTO user_role (user_id, role, node_id) VALUES ($1, 'sys_admin', NULL)`, [admin.id]);

    const r = await loadDemo(db, small);
    expect(r.created).toBe(true);
    expect(r.counts.users).toBe(expected.users.length);
    expect(r.logins.find((l) => l.username === 'admin')).toMatchObject({
      displayName: '系统管理员',
      preexisting: true,
    });
    expect(r.logins.filter((l) => l.preexisting)).toHaveLength(1);
    expect(await one(db, `SELECT password_hash, must_change_password FROM app_user WHERE username = 'admin'`)).toEqual({
      password_hash: adminHash,
      must_change_password: true,
    });
    expect(await one(db, `SELECT count(*)::int AS n FROM user_role WHERE user_id = $1`, [admin.id])).toEqual({ n: 1 });
    expect((await auditEntries(db))[0]?.summary).toMatchObject({ keptUsers: ['admin'] });

    const again = await loadDemo(db, small);
    expect(again.created).toBe(false);
    expect(again.logins.find((l) => l.username === 'admin')?.preexisting).toBe(true);
  });

  it('keeps them on reset too, removing only their roles in the demo district', async () => {
    const { db } = withAdmin;
    const street = await one<{ id: number }>(db, `SELECT id FROM jurisdiction_node WHERE code = '330199002'`);
    const other = await one<{ id: number }>(db, `SELECT id FROM jurisdiction_node WHERE code = '330198'`);
    // A demo username that also serves outside the demo district is not a demo account.
    const street2 = await one<{ id: number }>(db, `SELECT id FROM app_user WHERE username = 'street2'`);
    await db.query(`INSERT INTO user_role (user_id, role, node_id) VALUES ($1, 'district_staff', $2)`, [
      street2.id,
      other.id,
    ]);

    const r = await loadDemo(db, { ...small, reset: true });
    expect(r.removed?.users).toBe(expected.users.length - 2);
    expect(await one(db, `SELECT password_hash FROM app_user WHERE username = 'admin'`)).toEqual({
      password_hash: adminHash,
    });
    const { rows } = await db.query<{ role: string; node_id: number | null }>(
      `SELECT role, node_id FROM user_role WHERE user_id = $1 ORDER BY role`,
      [street2.id],
    );
    expect(rows).toEqual([{ role: 'district_staff', node_id: other.id }]);
    expect(
      r.logins
        .filter((l) => l.preexisting)
        .map((l) => l.username)
        .sort(),
    ).toEqual(['admin', 'street2']);
    expect(await one(db, 'SELECT count(*)::int AS n FROM jurisdiction_node WHERE id = $1', [street.id])).toEqual({
      n: 0,
    });
    expect(await one(db, `SELECT count(*)::int AS n FROM jurisdiction_node WHERE code = '330198'`)).toEqual({ n: 1 });
    expect(await auditEntries(db)).toHaveLength(2);
  });

  it('refuses to load beside another top-level node of the same name, writing nothing', async () => {
    const { db } = withAdmin;
    const before = await one<{ n: number }>(db, 'SELECT count(*)::int AS n FROM jurisdiction_node');
    await expect(loadDemo(db, { ...small, districtCode: '330197' })).rejects.toThrow(/已有名为“邻里示范区”的顶级节点/);
    expect(await one(db, 'SELECT count(*)::int AS n FROM jurisdiction_node')).toEqual(before);
    expect(await auditEntries(db)).toHaveLength(2);
  });
});

describe('demo residents', () => {
  it('are written as the registry writes them: encrypted, indexed, masked, with care tags and a history', async () => {
    const { db } = fresh;
    const { rows } = await db.query<{ n: number; plain: number; tagged: number; events: number; bad_path: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE id_number_enc NOT LIKE 'v1.%')::int AS plain,
              (SELECT count(DISTINCT resident_id)::int FROM resident_tag) AS tagged,
              (SELECT count(*)::int FROM resident_event WHERE kind = 'register') AS events,
              (SELECT count(*)::int FROM resident r JOIN jurisdiction_node n ON n.id = r.node_id WHERE r.node_path <> n.path OR n.level <> 'household') AS bad_path
       FROM resident`,
    );
    expect(rows[0]).toMatchObject({ n: 300, plain: 0, events: 300, bad_path: 0 });
    expect(rows[0]!.tagged).toBeGreaterThan(0);
    const sample = await one<{ id_number_enc: string; id_number_hash: string; id_number_masked: string }>(
      db,
      'SELECT id_number_enc, id_number_hash, id_number_masked FROM resident ORDER BY id LIMIT 1',
    );
    const id = testCrypto.decrypt(sample.id_number_enc);
    expect(testCrypto.blindIndex(id)).toBe(sample.id_number_hash);
    expect(sample.id_number_masked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
  });

  it('have past visits: most care requirements met, some overdue, by their grid worker, never in the future', async () => {
    const { db } = fresh;
    const today = todayInChina();
    const stats = await one<{
      requirements: number;
      visited: number;
      overdue: number;
      visits: number;
      future: number;
      before_tag: number;
      wrong_worker: number;
    }>(
      db,
      `WITH req AS (
         SELECT r.id, x.kind, min(x."everyDays") AS every_days
         FROM resident r JOIN resident_tag rt ON rt.resident_id = r.id JOIN care_tag ct ON ct.code = rt.tag_code
         CROSS JOIN LATERAL jsonb_to_recordset(ct.visit_rule) AS x(kind text, "everyDays" int)
         GROUP BY r.id, x.kind
       ), last AS (
         SELECT req.*, (SELECT max(v.visited_on) FROM visit v WHERE v.resident_id = req.id AND v.kind = req.kind) AS last_on FROM req
       )
       SELECT count(*)::int AS requirements, count(last_on)::int AS visited,
              count(*) FILTER (WHERE last_on + every_days < $1::date)::int AS overdue,
              (SELECT count(*)::int FROM visit) AS visits,
              (SELECT count(*)::int FROM visit WHERE visited_on > $1::date) AS future,
              (SELECT count(*)::int FROM visit v WHERE v.visited_on < (SELECT min(since) FROM resident_tag t WHERE t.resident_id = v.resident_id)) AS before_tag,
              (SELECT count(*)::int FROM visit v JOIN resident r ON r.id = v.resident_id
                 WHERE NOT EXISTS (SELECT 1 FROM user_role ur JOIN jurisdiction_node g ON g.id = ur.node_id
                                   WHERE ur.user_id = v.visited_by AND ur.role = 'grid_worker' AND r.node_path LIKE g.path || '%')) AS wrong_worker
       FROM last`,
      [today],
    );
    expect(stats.requirements).toBeGreaterThan(0);
    expect(stats.visited).toBe(stats.requirements);
    expect(stats.visits).toBeGreaterThan(stats.requirements);
    expect(stats.overdue).toBeGreaterThan(0);
    expect(stats.overdue / stats.requirements).toBeLessThan(0.2);
    expect(stats).toMatchObject({ future: 0, before_tag: 0, wrong_worker: 0 });
  });
});
