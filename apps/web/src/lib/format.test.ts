import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { formatDateTime, isFuture, toShanghaiIso } from './format.ts';

describe('formatDateTime', () => {
  it('shows China Standard Time the Chinese way', () => {
    expect(formatDateTime('2024-05-01T01:30:00Z')).toBe('2024-05-01 09:30');
    expect(formatDateTime('2024-12-31T23:59:00+08:00')).toBe('2024-12-31 23:59');
  });

  it('shows a dash for nothing', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
});

describe('toShanghaiIso', () => {
  it('reads the picked wall-clock time as +08:00', () => {
    expect(toShanghaiIso(dayjs('2024-05-01T00:00:00'))).toBe('2024-05-01T00:00:00+08:00');
  });
});

describe('isFuture', () => {
  it('compares with now', () => {
    const now = new Date('2024-05-01T00:00:00Z');
    expect(isFuture('2024-05-01T00:15:00Z', now)).toBe(true);
    expect(isFuture('2024-04-30T23:45:00Z', now)).toBe(false);
    expect(isFuture(null, now)).toBe(false);
  });
});
