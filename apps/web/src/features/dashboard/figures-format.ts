/** How figures read on screen: rates as percentages, changes in percentage points, averages. */
import type { Figures } from '@linli/contracts';

export const rateKeys = [
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'onTimeResponseRate',
  'onTimeResolutionRate',
  'returnRate',
  'reopenRate',
] as const satisfies readonly (keyof Figures)[];
export type RateKey = (typeof rateKeys)[number];

/** 0.8765 → "87.7%"; null (no denominator) → "—". */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** 2.345 → "2.3"; null → "—". */
export function decimal(x: number | null, digits = 1): string {
  return x === null ? '—' : x.toFixed(digits);
}

export interface Change {
  /** "+2.5 个百分点", "-1.2", …, already formatted. */
  text: string;
  direction: 'up' | 'down' | 'same';
  /** Whether the change is good news (fewer returns and faster answers are good). */
  isGood: boolean;
}

const lowerIsBetter = new Set(['returnRate', 'reopenRate', 'avgRespondHours', 'avgResolveDays']);

/** The change of a figure against the previous period: percentage points for rates, units otherwise. */
export function changeOf(key: keyof Figures | 'total', now: number | null, before: number | null): Change | null {
  if (now === null || before === null) return null;
  const isRate = (rateKeys as readonly string[]).includes(key);
  const diff = isRate ? (now - before) * 100 : now - before;
  const rounded = Math.round(diff * 10) / 10;
  const direction = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'same';
  const text = `${rounded > 0 ? '+' : ''}${key === 'total' ? Math.round(diff) : rounded.toFixed(1)}${isRate ? 'pp' : ''}`;
  const better = lowerIsBetter.has(key) ? direction === 'down' : direction === 'up';
  return { text, direction, isGood: direction === 'same' || better };
}
