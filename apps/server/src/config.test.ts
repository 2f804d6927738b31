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

  it('reads the map settings, and says what is wrong with them', () => {
    expect(loadConfig({}).map).toBeNull();
    expect(
      loadConfig({
        LINLI_MAP_TILES: 'https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc',
        LINLI_MAP_SUBDOMAINS: '01234567',
        LINLI_MAP_ATTRIBUTION: '天地图',
        LINLI_MAP_CENTER: '30.2741, 120.1551',
      }).map,
    ).toEqual({
      tiles: 'https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc',
      subdomains: '01234567',
      attribution: '天地图',
      center: { latitude: 30.2741, longitude: 120.1551 },
      zoom: 16,
    });
    expect(() =>
      loadConfig({ LINLI_MAP_TILES: "https://tiles.example;script-src 'unsafe-inline'/{z}/{x}/{y}" }),
    ).toThrow(/LINLI_MAP_TILES/);
    expect(() => loadConfig({ LINLI_MAP_TILES: 'https://tiles.example/{x}/{y}.png' })).toThrow(/含 \{z\} \{x\} \{y\}/);
    expect(() => loadConfig({ LINLI_MAP_TILES: 'https://t{s}.example/{z}/{x}/{y}.png' })).toThrow(
      /LINLI_MAP_SUBDOMAINS/,
    );
    expect(() =>
      loadConfig({ LINLI_MAP_TILES: 'https://tiles.example/{z}/{x}/{y}.png', LINLI_MAP_CENTER: '北京' }),
    ).toThrow(/纬度,经度/);
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
