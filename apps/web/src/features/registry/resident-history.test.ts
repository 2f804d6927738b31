import { describe, expect, it } from 'vitest';
import { formatChangeValue, orderedChanges } from './resident-history.ts';

const zh = (l: { zh: string; en: string }) => l.zh;
const tagName = (code: string) => ({ living_alone: '独居老人' })[code] ?? code;

describe('formatChangeValue', () => {
  it('names enum values', () => {
    expect(formatChangeValue('gender', 'female', zh, tagName)).toBe('女');
    expect(formatChangeValue('relationToHead', 'child_in_law', zh, tagName)).toBe('儿媳/女婿');
    expect(formatChangeValue('status', 'moved_out', zh, tagName)).toBe('已迁出');
  });
  it('names tags and shows nothing as a dash', () => {
    expect(formatChangeValue('tags', ['living_alone', 'unknown_tag'], zh, tagName)).toBe('独居老人、unknown_tag');
    expect(formatChangeValue('tags', [], zh, tagName)).toBe('—');
    expect(formatChangeValue('notes', null, zh, tagName)).toBe('—');
  });
  it('keeps plain values', () => {
    expect(formatChangeValue('birthDate', '1980-01-02', zh, tagName)).toBe('1980-01-02');
    expect(formatChangeValue('gender', 'unknown', zh, tagName)).toBe('unknown');
  });
});

describe('orderedChanges', () => {
  it('puts known fields in form order, unknown ones last', () => {
    const keys = orderedChanges({
      zzz: { before: 1, after: 2 },
      tags: { before: [], after: [] },
      name: { before: 'a', after: 'b' },
    }).map(([k]) => k);
    expect(keys).toEqual(['name', 'zzz']);
  });
  it('leaves out fields that stayed the same', () => {
    expect(
      orderedChanges({ status: { before: 'active', after: 'active' }, notes: { before: null, after: 'x' } }),
    ).toEqual([['notes', { before: null, after: 'x' }]]);
  });
});
