import { describe, expect, it } from 'vitest';
import { hasFilters, searchQueryParams } from './resident-search.ts';

describe('searchQueryParams', () => {
  it('sends care tags as a list and defaults to active residents', () => {
    const q = searchQueryParams({ q: '  zs ', tags: ['living_alone', 'elderly_80'], page: 2, pageSize: 20 });
    expect(q).toMatchObject({ q: 'zs', tags: ['living_alone', 'elderly_80'], status: 'active', page: 2 });
  });
  it('leaves empty filters out', () => {
    const q = searchQueryParams({ q: ' ', tags: [], page: 1, pageSize: 20 });
    expect(q.q).toBeUndefined();
    expect(q.tags).toBeUndefined();
  });
  it('reads a reversed age range the way it was meant', () => {
    const q = searchQueryParams({ ageMin: 80, ageMax: 60, page: 1, pageSize: 20 });
    expect([q.ageMin, q.ageMax]).toEqual([60, 80]);
  });
});

describe('hasFilters', () => {
  it('knows an untouched search', () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ status: 'active' })).toBe(false);
    expect(hasFilters({ status: 'deceased' })).toBe(true);
    expect(hasFilters({ tags: ['x'] })).toBe(true);
  });
});
