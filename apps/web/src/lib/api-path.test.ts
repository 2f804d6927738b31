import { describe, expect, it } from 'vitest';
import { buildPath, buildQueryString, buildUrl } from './api-path.ts';

describe('buildPath', () => {
  it('substitutes and encodes parameters', () => {
    expect(buildPath('/api/v1/nodes/:id/move', { id: 42 })).toBe('/api/v1/nodes/42/move');
    expect(buildPath('/api/v1/things/:name', { name: 'a b/c' })).toBe('/api/v1/things/a%20b%2Fc');
  });

  it('leaves paths without parameters alone', () => {
    expect(buildPath('/api/v1/nodes')).toBe('/api/v1/nodes');
  });

  it('refuses a missing parameter rather than calling a wrong URL', () => {
    expect(() => buildPath('/api/v1/nodes/:id', {})).toThrow(/id/);
    expect(() => buildPath('/api/v1/nodes/:id')).toThrow(/id/);
  });
});

describe('buildQueryString', () => {
  it('leaves out empty values and serialises the rest', () => {
    expect(
      buildQueryString({ q: '幸福', parentId: 7, includeRetired: 'true', role: undefined, x: null, y: '  ' }),
    ).toBe('?q=%E5%B9%B8%E7%A6%8F&parentId=7&includeRetired=true');
  });

  it('gives an empty string when nothing is left', () => {
    expect(buildQueryString({ q: '' })).toBe('');
    expect(buildQueryString(undefined)).toBe('');
  });

  it('repeats keys for arrays and writes booleans and dates', () => {
    expect(buildQueryString({ a: [1, 2], b: false, at: new Date('2024-05-01T00:00:00Z') })).toBe(
      '?a=1&a=2&b=false&at=2024-05-01T00%3A00%3A00.000Z',
    );
  });

  it('keeps the offset of ISO times intact', () => {
    expect(buildUrl('/api/v1/audit', undefined, { from: '2024-05-01T00:00:00+08:00', page: 2 })).toBe(
      '/api/v1/audit?from=2024-05-01T00%3A00%3A00%2B08%3A00&page=2',
    );
  });
});
