import { describe, expect, it } from 'vitest';
import { changeOf, decimal, percent } from './figures-format.ts';

describe('figures on screen', () => {
  it('rates as percentages, a missing denominator as a dash', () => {
    expect(percent(0.87654)).toBe('87.7%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(null)).toBe('—');
    expect(decimal(2.345)).toBe('2.3');
    expect(decimal(null)).toBe('—');
  });

  it('changes in percentage points; fewer returns and faster answers are good news', () => {
    expect(changeOf('responseRate', 0.9, 0.85)).toEqual({ text: '+5.0pp', direction: 'up', isGood: true });
    expect(changeOf('returnRate', 0.1, 0.05)).toEqual({ text: '+5.0pp', direction: 'up', isGood: false });
    expect(changeOf('avgResolveDays', 2, 3)).toEqual({ text: '-1.0', direction: 'down', isGood: true });
    expect(changeOf('total', 12, 10)).toEqual({ text: '+2', direction: 'up', isGood: true });
    expect(changeOf('satisfactionRate', 0.5, null)).toBeNull();
  });
});
