import { describe, expect, it } from 'vitest';
import { asOneStatement } from './statement.ts';

describe('asOneStatement', () => {
  it('numbers each part’s parameters after the parts before it and keeps the values in order', () => {
    const s = asOneStatement(
      [
        { text: 'INSERT INTO a (x, y) VALUES ($1, $2)', values: [1, 2] },
        { text: 'INSERT INTO b (x) VALUES ($1) RETURNING id', values: ['b'] },
        { text: 'UPDATE c SET x = $2 WHERE id = $1 AND $10 IS NULL', values: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      ],
      'SELECT count(*) FROM s2',
    );
    expect(s.text).toBe(
      'WITH s1 AS (INSERT INTO a (x, y) VALUES ($1, $2)),\n' +
        's2 AS (INSERT INTO b (x) VALUES ($3) RETURNING id),\n' +
        's3 AS (UPDATE c SET x = $5 WHERE id = $4 AND $13 IS NULL)\n' +
        'SELECT count(*) FROM s2',
    );
    expect(s.values).toEqual([1, 2, 'b', 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('gives the same text for the same shape, with the values of each call', () => {
    const part = (v: number) => ({ text: 'INSERT INTO a (x) VALUES ($1)', values: [v] });
    const one = asOneStatement([part(1), part(2)], 'SELECT 1');
    const two = asOneStatement([part(3), part(4)], 'SELECT 1');
    expect(two.text).toBe(one.text);
    expect(two.values).toEqual([3, 4]);
  });

  it('refuses a part that refers to a parameter it does not have', () => {
    expect(() => asOneStatement([{ text: 'SELECT $2', values: [1] }], 'SELECT 1')).toThrow(/\$2 but has 1 values/);
  });
});
