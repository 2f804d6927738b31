/**
 * Sessions kept in memory (ADR 0017), on real PostgreSQL: what a change anywhere does to what the
 * server kept — a change through the server, one made by another process (a separate connection, as
 * the CLI or psql would), a change that lands while a read is in flight, and a server that stops
 * listening.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/test-app.ts';
import { createDb, type Db } from '../../platform/db/db.ts';
import { sessionCache, sha256 } from './auth.service.ts';

let t: TestApp;
let other: pg.Client;
beforeAll(async () => {
  t = await createTestApp();
  other = new pg.Client({ connectionString: t.tdb.url });
  await other.connect();
});
afterAll(async () => {
  await other.end();
  await t.close();
});

/** Resolves with the next announcement the database makes to `db`'s connections. */
const heard = (db: Db, what: (payload: string) => boolean) =>
  new Promise<string>((resolve) => db.invalidations.subscribe((p) => what(p) && resolve(p)));

const tokenOf = (cookie: string) => sha256(decodeURIComponent(cookie.split('=')[1]!));

describe('sessions kept in memory', () => {
  it('answers from memory, and forgets a session another process revokes', async () => {
    const s = await login(t.app, 'street2');
    const hash = tokenOf(s.cookie);
    const cache = sessionCache(t.tdb.db, 60_000);
    const first = await cache.read(hash);
    expect(first?.username).toBe('street2');
    expect(cache.get(hash)).toBe(first);

    const told = heard(t.tdb.db, (p) => p === `session:${hash}`);
    await other.query(`UPDATE user_session SET revoked_at = now() WHERE token_hash = $1`, [hash]);
    await told;
    expect(cache.get(hash)).toBeUndefined();
    // The server's own cache heard it too: the next request is refused.
    expect((await s.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('forgets a user disabled or given other roles elsewhere, and only what that concerns', async () => {
    const a = await login(t.app, 'c2worker');
    const b = await login(t.app, 'c1worker');
    const cache = sessionCache(t.tdb.db, 60_000);
    await cache.read(tokenOf(a.cookie));
    await cache.read(tokenOf(b.cookie));
    expect(cache.size).toBe(2);

    // Sign-in bookkeeping is not announced: nothing is forgotten.
    await other.query(`UPDATE app_user SET last_login_at = now() WHERE username = 'c2worker'`);
    const told = heard(t.tdb.db, (p) => p.startsWith('user:'));
    await other.query(`UPDATE app_user SET display_name = '改名' WHERE username = 'c2worker'`);
    expect(await told).toBe(`user:${t.users.c2worker}`);
    expect(cache.get(tokenOf(a.cookie))).toBeUndefined();
    expect(cache.get(tokenOf(b.cookie))?.username).toBe('c1worker');

    const all = heard(t.tdb.db, (p) => p === '*');
    await other.query(`DELETE FROM user_role WHERE user_id = $1 AND role = 'community_worker'`, [t.users.c1worker]);
    await all;
    expect(cache.size).toBe(0);
    const me = await b.call('GET', '/api/v1/auth/me');
    expect(me.json<{ roles: unknown[] }>().roles).toEqual([]);
  });

  it('takes effect at once for changes made through the server', async () => {
    const victim = await login(t.app, 'c2dir');
    expect((await victim.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    const admin = await login(t.app, 'admin');
    expect((await admin.call('PATCH', `/api/v1/users/${t.users.c2dir}`, { isActive: false })).statusCode).toBe(200);
    // No waiting: PostgreSQL delivers the announcement to the connection that committed it first.
    expect((await victim.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('does not keep a read that a change overtook', async () => {
    const s = await login(t.app, 'street1');
    const hash = tokenOf(s.cookie);
    // A database whose session read is overtaken by a revocation committed elsewhere, heard before the
    // read's answer is used.
    const db = t.tdb.db;
    const racing: Db = {
      ...db,
      invalidations: db.invalidations,
      query: async (text, params) => {
        const r = await db.query(text, params);
        const told = heard(db, (p) => p === `session:${hash}`);
        await other.query(`UPDATE user_session SET revoked_at = now() WHERE token_hash = $1`, [hash]);
        await told;
        return r as never;
      },
    };
    const cache = sessionCache(racing, 60_000);
    const stale = await cache.read(hash);
    expect(stale?.revoked_at).toBeNull();
    expect(cache.get(hash)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing while no connection listens, nor with a lifetime of 0', async () => {
    const s = await login(t.app, 'district');
    const hash = tokenOf(s.cookie);
    const own = createDb(t.tdb.url, { max: 1 });
    try {
      const cache = sessionCache(own, 60_000);
      expect(own.invalidations.live).toBe(false);
      // The first read opens the connection; it was not yet listening when the read began.
      await cache.read(hash);
      expect(cache.size).toBe(0);
      await cache.read(hash);
      expect(own.invalidations.live).toBe(true);
      expect(cache.get(hash)?.username).toBe('district');

      // The one connection goes: nothing would be heard any more, so everything is forgotten.
      const client = await own.pool.connect();
      const removed = new Promise((resolve) => own.pool.once('remove', resolve));
      client.release(true);
      await removed;
      expect(own.invalidations.live).toBe(false);
      expect(cache.size).toBe(0);
      expect(cache.get(hash)).toBeUndefined();

      const never = sessionCache(t.tdb.db, 0);
      await never.read(hash);
      expect(never.size).toBe(0);
    } finally {
      await own.close();
    }
  });
});
