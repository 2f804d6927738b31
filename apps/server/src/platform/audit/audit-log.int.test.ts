/** The audit log is append-only, linked after commit behind a fence, and `verify` finds an edited or deleted entry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/test-db.ts';
import type { Queryable } from '../db/db.ts';
import { linkAllDrawn, linkAuditChain } from './audit-chain.ts';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from './audit-log.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const chainIds = async (db: Queryable) =>
  (await db.query<{ id: number }>(`SELECT audit_id AS id FROM audit_chain ORDER BY audit_id`)).rows.map((r) => r.id);
const logIds = async (db: Queryable) =>
  (await db.query<{ id: number }>(`SELECT id FROM audit_log ORDER BY id`)).rows.map((r) => r.id);

/** Open a transaction on its own connection and append one entry; answers its id and how to end it. */
async function openAppend(db: TestDb['db'], action: string) {
  const c = await db.pool.connect();
  await c.query('BEGIN');
  await appendAudit(c, { action });
  const { rows } = await c.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = $1`, [action]);
  const end = async (how: 'COMMIT' | 'ROLLBACK') => {
    await c.query(how);
    c.release();
  };
  return { id: rows[0]!.id, end };
}

describe('audit chain', () => {
  it('chains concurrent appends without forks', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.db.tx((q) => appendAudit(q, { action: 'test.concurrent', entityId: i, summary: { i, text: '中文摘要' } })),
      ),
    );
    const r = await verifyAuditChain(t.db, 7);
    expect(r.checked).toBe(40);
    expect(r.pending).toBe(0);
    expect(r.problems).toEqual([]);
    expect(await chainIds(t.db)).toEqual(await logIds(t.db));
  });

  it('appends carry no hash and take no lock; the linker links them in id order', async () => {
    await t.db.tx((q) => appendAudit(q, { action: 'test.unlinked' }));
    const { rows } = await t.db.query<{ prev_hash: string | null; hash: string | null }>(
      `SELECT prev_hash, hash FROM audit_log WHERE action = 'test.unlinked'`,
    );
    expect(rows).toEqual([{ prev_hash: null, hash: null }]);
    expect((await linkAllDrawn(t.db)).done).toBe(true);
    const { rows: linked } = await t.db.query<{ prev: string; head: string }>(
      `SELECT c.prev_hash AS prev, (SELECT hash FROM audit_chain WHERE audit_id < c.audit_id ORDER BY audit_id DESC LIMIT 1) AS head
         FROM audit_chain c JOIN audit_log a ON a.id = c.audit_id WHERE a.action = 'test.unlinked'`,
    );
    expect(linked[0]!.prev).toBe(linked[0]!.head);
  });

  it('an entry committed after later ones is not skipped; an aborted one never appears', async () => {
    const first = await openAppend(t.db, 'test.slow');
    const aborted = await openAppend(t.db, 'test.aborted');
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.db.tx((q) => appendAudit(q, { action: 'test.fast', entityId: i }))),
    );
    const fast = (await t.db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'test.fast'`)).rows;
    expect(fast.every((r) => r.id > first.id)).toBe(true);
    // While the first is in flight, nothing from its id on is linked, however often the linker runs.
    for (let i = 0; i < 4; i++) await linkAuditChain(t.db);
    expect((await chainIds(t.db)).filter((id) => id >= first.id)).toEqual([]);
    const meanwhile = await verifyAuditChain(t.db, { linkTimeoutMs: 100 });
    expect(meanwhile.problems).toEqual([]);
    expect(meanwhile.pending).toBe(12);

    await aborted.end('ROLLBACK');
    await first.end('COMMIT');
    expect((await linkAllDrawn(t.db)).done).toBe(true);
    const chained = await chainIds(t.db);
    expect(chained).toEqual(await logIds(t.db));
    expect(chained).toContain(first.id);
    expect(chained).not.toContain(aborted.id);
    const r = await verifyAuditChain(t.db);
    expect(r.problems).toEqual([]);
    expect(r.pending).toBe(0);
  });

  it('many transactions committing out of id order still make one unbroken chain', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, (_, i) => openAppend(t.db, `test.held.${i}`)));
    const linker = (async () => {
      for (let i = 0; i < 20; i++) {
        await linkAuditChain(t.db);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    // Commit in reverse id order, interleaved with the linker.
    for (const h of [...held].reverse()) {
      await new Promise((r) => setTimeout(r, 15));
      await h.end('COMMIT');
    }
    await linker;
    await linkAllDrawn(t.db);
    expect(await chainIds(t.db)).toEqual(await logIds(t.db));
    expect((await verifyAuditChain(t.db)).problems).toEqual([]);
  });

  it('a rolled-back transaction leaves no entry and no broken link', async () => {
    await t.db
      .tx(async (q) => {
        await appendAudit(q, { action: 'test.rollback' });
        throw new Error('boom');
      })
      .catch(() => undefined);
    await t.db.tx((q) => appendAudit(q, { action: 'test.after' }));
    const r = await verifyAuditChain(t.db);
    expect(r.problems).toEqual([]);
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'test.rollback'`)).rowCount).toBe(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log and of the chain', async () => {
    await expect(
      t.db.query(`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_log CASCADE`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`UPDATE audit_chain SET hash = 'x'`)).rejects.toThrow(/audit_chain is append-only/);
    await expect(t.db.query(`DELETE FROM audit_chain`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_chain`)).rejects.toThrow(/append-only/);
  });

  it('verify finds an entry edited or deleted after linking (by a superuser, behind the triggers)', async () => {
    await linkAllDrawn(t.db);
    const { rows } = await t.db.query<{ id: number }>(`SELECT id FROM audit_log ORDER BY id LIMIT 3 OFFSET 10`);
    const [edited, deleted] = [rows[0]!.id, rows[2]!.id];
    const { rows: after } = await t.db.query<{ id: number }>(`SELECT min(id)::int AS id FROM audit_log WHERE id > $1`, [
      deleted,
    ]);
    await t.db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await t.db.query(`ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_append_only`);
    await t.db.query(`UPDATE audit_log SET summary = '{"i": 999}' WHERE id = $1`, [edited]);
    await t.db.query(`DELETE FROM audit_chain WHERE audit_id = $1`, [deleted]);
    await t.db.query(`DELETE FROM audit_log WHERE id = $1`, [deleted]);
    await t.db.query(`ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_append_only`);
    await t.db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    const r = await verifyAuditChain(t.db);
    expect(r.problems.map((p) => p.id)).toEqual([edited, after[0]!.id]);
  });
});

describe('audit chain across the change of ADR 0004 (legacy rows hashed on insert, then linked rows)', () => {
  let l: TestDb;
  beforeAll(async () => {
    l = await createTestDb();
  });
  afterAll(async () => {
    await l.drop();
  });

  /** What appendAudit did before migration 0027: lock, hash from the previous entry, on insert. */
  const legacyAppend = (q: Queryable, action: string) =>
    q.query(
      `WITH prev AS (
         SELECT COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), $2) AS h
       ), draft AS (
         SELECT nextval('audit_log_id_seq') AS id, clock_timestamp() AS at, NULL::bigint AS actor_id,
                'legacy'::text AS actor_name, NULL::text AS ip, $1::text AS action, NULL::text AS entity_type,
                NULL::text AS entity_id, NULL::bigint AS node_id, '{"中": 1}'::jsonb AS summary, 'success'::text AS outcome,
                prev.h AS prev_hash, ''::text AS hash
         FROM prev
       )
       INSERT INTO audit_log (id, at, actor_id, actor_name, ip, action, entity_type, entity_id, node_id, summary, outcome, prev_hash, hash)
       SELECT d.id, d.at, d.actor_id, d.actor_name, d.ip, d.action, d.entity_type, d.entity_id, d.node_id, d.summary,
              d.outcome, d.prev_hash,
              encode(sha256(convert_to(d.prev_hash || '|' || audit_log_canonical(ROW(d.*)::audit_log), 'UTF8')), 'hex')
       FROM draft d`,
      [action, GENESIS_HASH],
    );

  it('legacy and new entries verify as one chain, and tampering with either is found', async () => {
    // The legacy rows were written with their own id (before the id-drawing trigger existed).
    await l.db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_draw_id`);
    for (let i = 0; i < 5; i++) await legacyAppend(l.db, `legacy.${i}`);
    await l.db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_draw_id`);
    for (let i = 0; i < 5; i++) await l.db.tx((q) => appendAudit(q, { action: `new.${i}` }));

    const r = await verifyAuditChain(l.db);
    expect(r).toMatchObject({ checked: 10, pending: 0, problems: [] });
    const { rows } = await l.db.query<{ legacy_head: string; first_prev: string }>(
      `SELECT (SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1) AS legacy_head,
              (SELECT prev_hash FROM audit_chain ORDER BY audit_id LIMIT 1) AS first_prev`,
    );
    expect(rows[0]!.first_prev).toBe(rows[0]!.legacy_head);

    const ids = await logIds(l.db);
    await l.db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await l.db.query(`UPDATE audit_log SET action = 'legacy.forged' WHERE id = $1`, [ids[2]]);
    await l.db.query(`UPDATE audit_log SET actor_name = 'someone' WHERE id = $1`, [ids[7]]);
    await l.db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    expect((await verifyAuditChain(l.db)).problems.map((p) => p.id)).toEqual([ids[2], ids[7]]);
  });

  it('an entry slipped into the past (explicit id in a gap, behind the trigger) is reported', async () => {
    await linkAllDrawn(l.db);
    // Ids have gaps (each insert draws twice: the identity default, then the trigger's draw).
    const { rows } = await l.db.query<{ id: number }>(
      `SELECT a.id + 1 AS id FROM audit_log a
        WHERE NOT EXISTS (SELECT 1 FROM audit_log b WHERE b.id = a.id + 1)
          AND a.id < (SELECT max(audit_id) FROM audit_chain) ORDER BY a.id DESC LIMIT 1`,
    );
    const forged = rows[0]!.id;
    await l.db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_draw_id`);
    await l.db.query(`INSERT INTO audit_log (id, action, outcome) VALUES ($1, 'forged.past', 'success')`, [forged]);
    await l.db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_draw_id`);
    const r = await verifyAuditChain(l.db);
    expect(r.problems).toEqual(
      expect.arrayContaining([{ id: forged, problem: expect.stringMatching(/inserted afterwards/) as unknown }]),
    );
  });
});
