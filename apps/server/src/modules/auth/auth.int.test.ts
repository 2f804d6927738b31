/** Sign-in, lockout, forced password change, CSRF, idle expiry and logout, on real PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, PASSWORD, type TestApp } from '../../../test/test-app.ts';
import { hashPassword } from '../../platform/auth/password.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });

async function auditCount(action: string, outcome: string, actorName: string) {
  const { rows } = await t.tdb.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND outcome = $2 AND actor_name = $3`,
    [action, outcome, actorName],
  );
  return rows[0]!.n;
}

describe('sign-in', () => {
  it('opens a session with an HttpOnly SameSite cookie and answers who I am', async () => {
    const res = await post('/api/v1/auth/login', { username: 'street1', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/linli_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = res.json() as { username: string; permissions: string[]; roles: { role: string }[] };
    expect(me.username).toBe('street1');
    expect(me.roles.map((r) => r.role)).toEqual(['street_staff']);
    expect(me.permissions).toContain('jurisdiction.manage');
    expect(await auditCount('auth.login', 'success', 'street1')).toBeGreaterThan(0);
  });

  it('refuses a wrong password in Chinese by default and English on request, and audits it', async () => {
    const zh = await post('/api/v1/auth/login', { username: 'c2dir', password: 'wrong' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({ code: 'LOGIN_FAILED', message: '用户名或密码不正确。' });
    const en = await post(
      '/api/v1/auth/login',
      { username: 'nobody', password: 'wrong' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(en.json()).toMatchObject({ code: 'LOGIN_FAILED', message: 'Wrong username or password.' });
    expect(await auditCount('auth.login', 'failure', 'c2dir')).toBe(1);
    expect(await auditCount('auth.login', 'failure', 'nobody')).toBe(1);
  });

  it('locks the account for 15 minutes after 5 failures, even for the right password', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        (await post('/api/v1/auth/login', { username: 'vol1', password: `bad${i}` })).json<{ code: string }>().code,
      );
    expect(codes).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'ACCOUNT_LOCKED']);
    const right = await post('/api/v1/auth/login', { username: 'vol1', password: PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(right.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const { rows } = await t.tdb.db.query<{ minutes: number }>(
      `SELECT round(extract(epoch FROM locked_until - now()) / 60)::int AS minutes FROM app_user WHERE username = 'vol1'`,
    );
    expect(rows[0]!.minutes).toBe(15);
  });
});

describe('initial password', () => {
  it('must be changed before anything else, to a strong password', async () => {
    await t.tdb.db.query(`UPDATE app_user SET must_change_password = true WHERE username = 'g1worker'`);
    const s = await login(t.app, 'g1worker');
    expect((await s.call('GET', '/api/v1/auth/me')).json()).toMatchObject({ mustChangePassword: true });
    const blocked = await s.call('GET', `/api/v1/nodes/${t.tree.grid1}`);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });

    const weak = await s.call('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'abcdefgh' });
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
    const wrong = await s.call('POST', '/api/v1/auth/password', {
      currentPassword: 'nope',
      newPassword: 'Str0ng&Pass',
    });
    expect(wrong.json()).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG' });
    const same = await s.call('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.json()).toMatchObject({ code: 'PASSWORD_REUSED' });

    const ok = await s.call('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'Str0ng&Pass' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ mustChangePassword: false });
    expect((await s.call('GET', `/api/v1/nodes/${t.tree.grid1}`)).statusCode).toBe(200);
    const { rows } = await t.tdb.db.query<{ h: string }>(
      `SELECT password_hash AS h FROM app_user WHERE username = 'g1worker'`,
    );
    expect(rows[0]!.h).toMatch(/^\$argon2id\$/);
    await t.tdb.db.query(`UPDATE app_user SET password_hash = $1 WHERE username = 'g1worker'`, [
      await hashPassword(PASSWORD),
    ]);
  });
});

describe('sessions', () => {
  it('refuses cookie writes without the CSRF token, and audits the refusal', async () => {
    const s = await login(t.app, 'c1dir');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nodes',
      headers: { cookie: s.cookie },
      payload: { parentId: t.tree.community1, level: 'grid', name: '无令牌网格' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_FAILED' });
    expect(await auditCount('http.createNode', 'denied', 'c1dir')).toBe(1);
    const { rowCount } = await t.tdb.db.query(`SELECT 1 FROM jurisdiction_node WHERE name = '无令牌网格'`);
    expect(rowCount).toBe(0);
  });

  it('expires after the idle timeout and after logout', async () => {
    const s = await login(t.app, 'c2dir');
    expect((await s.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    await t.tdb.db.query(
      `UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = (SELECT id FROM app_user WHERE username = 'c2dir')`,
    );
    const idle = await s.call('GET', '/api/v1/auth/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json()).toMatchObject({ code: 'SESSION_EXPIRED' });

    const s2 = await login(t.app, 'c2dir');
    expect((await s2.call('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await s2.call('GET', '/api/v1/auth/me')).json()).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('ends other sessions of a user whose password an administrator resets', async () => {
    const victim = await login(t.app, 'street2');
    const admin = await login(t.app, 'admin');
    const reset = await admin.call('POST', `/api/v1/users/${t.users.street2}/reset-password`);
    expect(reset.statusCode).toBe(200);
    const initial = (reset.json() as { initialPassword: string }).initialPassword;
    expect((await victim.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const fresh = await login(t.app, 'street2', initial);
    expect((await fresh.call('GET', '/api/v1/auth/me')).json()).toMatchObject({ mustChangePassword: true });
  });
});
