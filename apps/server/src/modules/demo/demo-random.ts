/** A small seeded random number generator (sfc32) with the helpers the demo generator needs. */

/** A deterministic stream of pseudo-random numbers. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, each equally likely. */
  pick<T>(items: readonly T[]): T;
  /** The items in a new, shuffled order. */
  shuffle<T>(items: readonly T[]): T[];
}

/** Pick one item with probability proportional to its weight (binary search over cumulative weights). */
export type WeightedPicker<T> = (random: Random) => T;

/** A generator seeded by a number or a string; the same seed always gives the same stream. */
export function createRandom(seed: number | string): Random {
  const h = hashParts([seed]);
  // sfc32 state from four different mixes of the seed; a few rounds discard the correlated start.
  let a = h;
  let b = mix32(h ^ 0x9e3779b9);
  let c = mix32(h ^ 0x85ebca6b);
  let d = 1;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();

  const random: Random = {
    next: () => next32() / 4_294_967_296,
    int: (min, max) => min + Math.floor(random.next() * (max - min + 1)),
    chance: (p) => random.next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(random.next() * items.length)] as (typeof items)[number];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        const tmp = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = tmp;
      }
      return out;
    },
  };
  return random;
}

/** Prepare a weighted choice once, then pick from it many times cheaply. */
export function weighted<T>(entries: readonly (readonly [T, number])[]): WeightedPicker<T> {
  if (entries.length === 0) throw new RangeError('weighted choice from an empty list');
  const items = entries.map(([item]) => item);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) {
    if (!(w >= 0)) throw new RangeError(`weights must not be negative (${w})`);
    total += w;
    cumulative.push(total);
  }
  if (total <= 0) throw new RangeError('weights must not all be zero');
  return (random) => {
    const x = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

/** A 32-bit hash of a list of numbers and strings, to derive independent seeds from one seed. */
export function hashParts(parts: readonly (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = typeof part === 'number' ? `#${part}` : `$${part}`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x2c, 0x01000193);
  }
  return mix32(h);
}

// The murmur3 finaliser: spreads every input bit over the whole word.
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
