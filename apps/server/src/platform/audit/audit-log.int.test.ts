/** The audit log is append-only, and `verify` finds an edited or deleted entry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/test-db.ts';
import { appendAudit, verifyAuditChain } from './audit-log.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

describe('audit chain', () => {
  it('chains concurrent appends without forks', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.db.tx((q) => appendAudit(q, { action: 'test.concurrent', entityId: i, summary: { i, text: '中文摘要' } })),
      ),
    );
    const r = await verifyAuditChain(t.db, 7);
    expect(r.checked).toBe(40);
    expect(r.problems).toEqual([]);
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

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(
      t.db.query(`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('verify finds an entry edited or deleted behind the triggers (by a superuser)', async () => {
    const { rows } = await t.db.query<{ id: number }>(`SELECT id FROM audit_log ORDER BY id LIMIT 3 OFFSET 10`);
    const [edited, deleted] = [rows[0]!.id, rows[2]!.id];
    await t.db.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await t.db.query(`UPDATE audit_log SET summary = '{"i": 999}' WHERE id = $1`, [edited]);
    await t.db.query(`DELETE FROM audit_log WHERE id = $1`, [deleted]);
    await t.db.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    const r = await verifyAuditChain(t.db);
    expect(r.problems.map((p) => p.id)).toEqual([edited, deleted + 1]);
  });
});
