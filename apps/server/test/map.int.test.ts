/** The map residents pin places on: offered only when a tile server is configured, and only that server's images are allowed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapImageSource } from '../src/app.ts';
import { createTestApp, type TestApp } from './test-app.ts';

const map = {
  tiles: 'https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc',
  subdomains: '01234567',
  attribution: '天地图',
  center: { latitude: 30.2741, longitude: 120.1551 },
  zoom: 16,
};

let without: TestApp;
let withMap: TestApp;
beforeAll(async () => {
  [without, withMap] = await Promise.all([createTestApp(), createTestApp({ map })]);
});
afterAll(async () => Promise.all([without.close(), withMap.close()]));

describe('map settings', () => {
  it('are null without a tile server, and images stay on this site', async () => {
    const res = await without.app.inject({ method: 'GET', url: '/api/v1/resident/map' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ map: null });
    expect(String(res.headers['content-security-policy'])).toMatch(/img-src 'self' data: blob:;/);
  });

  it('are given to anyone (no personal data), and the tile server alone joins img-src', async () => {
    const res = await withMap.app.inject({ method: 'GET', url: '/api/v1/resident/map' });
    expect(res.json()).toEqual({ map });
    expect(String(res.headers['content-security-policy'])).toMatch(
      /img-src 'self' data: blob: https:\/\/\*\.tianditu\.gov\.cn;/,
    );
    expect(String(res.headers['content-security-policy'])).toMatch(/connect-src 'self';/);
  });

  it('name the tile server in the policy: its origin, or a wildcard where {s} varies the host', () => {
    expect(mapImageSource('https://tiles.example.org:8443/{z}/{x}/{y}.png')).toBe('https://tiles.example.org:8443');
    expect(mapImageSource('https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}')).toBe(
      'https://*.tianditu.gov.cn',
    );
    expect(mapImageSource('http://{s}.tile.example.net/{z}/{x}/{y}.png')).toBe('http://*.tile.example.net');
  });
});
