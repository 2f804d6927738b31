import { describe, expect, it } from 'vitest';
import { ConfigError, defaultPoolSize, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.sessionIdleMs).toBe(30 * 60_000);
    expect(c.demo).toBe(false);
    expect(c.dbPool).toBe(defaultPoolSize());
    expect(loadConfig({ LINLI_DB_POOL: '12' }).dbPool).toBe(12);
  });

  it('keeps a few database connections per core, between 6 and 20', () => {
    expect([1, 2, 4, 8, 64].map((cores) => defaultPoolSize(cores))).toEqual([6, 8, 12, 20, 20]);
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LINLI_DEMO: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT="abc"/);
    expect(message).toMatch(/DATABASE_URL="mysql:\/\/x": 应为 postgres:\/\//);
    expect(message).toMatch(/LINLI_DEMO="maybe"/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', LINLI_ADMIN_PASSWORD: '' }).port).toBe(3000);
  });
});
