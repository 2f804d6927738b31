/** Behind an HTTPS reverse proxy (LINLI_TRUST_PROXY=true): Secure cookies and HSTS; over plain HTTP neither. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ trustProxy: true });
});
afterAll(async () => {
  await t.close();
});

describe('behind an HTTPS proxy', () => {
  it('marks the session cookie Secure and sends HSTS when the proxy says the request came over HTTPS', async () => {
    const https = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'c1dir', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000');
    const { rows } = await t.tdb.db.query(
      `SELECT ip FROM audit_log WHERE action = 'auth.login' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({ ip: '203.0.113.7' });

    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'c1dir', password: PASSWORD },
    });
    expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});
