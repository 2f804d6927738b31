/** The first administrator: from configuration for unattended installs, otherwise random and shown once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { ensureFirstAdmin } from './bootstrap.ts';
import { verifyPassword } from './platform/auth/password.ts';

let a: TestDb;
let b: TestDb;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
});
afterAll(async () => {
  await Promise.all([a.drop(), b.drop()]);
});

async function admin(t: TestDb, username: string) {
  const { rows } = await t.db.query<{ password_hash: string; must_change_password: boolean; roles: string[] }>(
    `SELECT u.password_hash, u.must_change_password, ARRAY(SELECT role || ':' || COALESCE(node_id::text, '*') FROM user_role r WHERE r.user_id = u.id) AS roles
     FROM app_user u WHERE username = $1`,
    [username],
  );
  return rows[0];
}

describe('ensureFirstAdmin', () => {
  it('without a configured password: a random one, shown once, to be changed at first sign-in', async () => {
    const r = await ensureFirstAdmin(a.db, { username: 'admin', password: undefined });
    expect(r.created).toBe(true);
    expect(r.generatedPassword).toMatch(/^.{14}$/);
    const row = await admin(a, 'admin');
    expect(row).toMatchObject({ must_change_password: true, roles: ['sys_admin:*'] });
    expect(await verifyPassword(row!.password_hash, r.generatedPassword!)).toBe(true);
    // Never a second time: the password is not printed again and not changed.
    expect(await ensureFirstAdmin(a.db, { username: 'admin', password: undefined })).toEqual({
      created: false,
      username: 'admin',
    });
    expect((await admin(a, 'admin'))!.password_hash).toBe(row!.password_hash);
  });

  it('unattended install: LINLI_ADMIN_USER and LINLI_ADMIN_PASSWORD, no forced change, audited', async () => {
    const r = await ensureFirstAdmin(b.db, { username: 'ops.admin', password: 'Chosen#Pass2026' });
    expect(r).toEqual({ created: true, username: 'ops.admin' });
    const row = await admin(b, 'ops.admin');
    expect(row!.must_change_password).toBe(false);
    expect(await verifyPassword(row!.password_hash, 'Chosen#Pass2026')).toBe(true);
    const { rows } = await b.db.query(`SELECT summary FROM audit_log WHERE action = 'users.admin.bootstrap'`);
    expect(rows).toEqual([{ summary: { username: 'ops.admin', passwordFrom: 'configuration' } }]);
  });
});
