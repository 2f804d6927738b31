import { describe, it, expect } from 'vitest';
import { validateIdNumber, validatePhone } from '@linli/contracts';
import { chineseNumeral, pickSurname } from './chinese-names.ts';
import { createRandom, hashParts, weighted } from './demo-random.ts';
import { generateDistrict, resolveDemoOptions, type DemoNode, type DemoResident } from './demo-generator.ts';

const collect = <T>(it: Iterable<T>, limit = Infinity): T[] => {
  const out: T[] = [];
  for (const x of it) {
    if (out.length >= limit) break;
    out.push(x);
  }
  return out;
};

const standard = generateDistrict();
const nodes = collect(standard.nodes());
const residents = collect(standard.residents());

describe('demo-random', () => {
  it('gives the same stream for the same seed and another for another seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom('42');
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('stays within bounds and covers them', () => {
    const r = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const x = r.int(3, 9);
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(9);
      seen.add(x);
      const f = r.next();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(seen.size).toBe(7);
  });

  it('picks by weight', () => {
    const r = createRandom('w');
    const pick = weighted<'a' | 'b' | 'c'>([
      ['a', 1],
      ['b', 3],
      ['c', 0],
    ]);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[pick(r)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
  });

  it('draws common surnames more often than rare ones', () => {
    const r = createRandom(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const s = pickSurname(r);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    expect(counts.get('王') ?? 0).toBeGreaterThan(counts.get('周') ?? 0);
    expect(counts.get('周') ?? 0).toBeGreaterThan(counts.get('汤') ?? 0);
    expect(hashParts(['a', 1])).not.toBe(hashParts(['a1']));
  });

  it('writes Chinese numerals', () => {
    expect([1, 10, 11, 20, 41, 100, 105, 110, 999, 1001].map(chineseNumeral)).toEqual([
      '一',
      '十',
      '十一',
      '二十',
      '四十一',
      '一百',
      '一百零五',
      '一百一十',
      '九百九十九',
      '一千零一',
    ]);
  });
});

describe('generateDistrict — shape', () => {
  it('has the default shape: 3 streets, 12 communities, 120 grids, about 6,000 households, 15,000 residents', () => {
    expect(standard.counts).toMatchObject({ district: 1, street: 3, community: 12, grid: 120, residents: 15_000 });
    expect(standard.counts.building).toBeGreaterThan(120 * 7);
    expect(standard.counts.building).toBeLessThan(120 * 10);
    expect(standard.counts.household).toBeGreaterThan(5_400);
    expect(standard.counts.household).toBeLessThan(6_600);
    const byLevel = new Map<string, number>();
    for (const n of nodes) byLevel.set(n.level, (byLevel.get(n.level) ?? 0) + 1);
    expect(Object.fromEntries(byLevel)).toEqual({
      district: 1,
      street: 3,
      community: 12,
      grid: 120,
      building: standard.counts.building,
      household: standard.counts.household,
    });
    expect(residents).toHaveLength(15_000);
  });

  it('names the district, its streets and grids as asked', () => {
    expect(nodes[0]).toEqual({
      index: 0,
      parentIndex: null,
      key: 'd',
      level: 'district',
      code: '330199',
      name: '邻里示范区',
      depth: 0,
    });
    expect(nodes.filter((n) => n.level === 'street').map((n) => n.name)).toEqual(['望江街道', '清波街道', '湖滨街道']);
    const grids = nodes.filter((n) => n.level === 'grid');
    expect(grids.slice(0, 10).map((n) => n.name)).toEqual(
      ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].map((n) => `第${n}网格`),
    );
    expect(nodes.find((n) => n.level === 'building')?.name).toBe('1幢');
    for (const h of nodes.filter((n) => n.level === 'household')) expect(h.name).toMatch(/^\d+单元\d+0\d室$/);
  });

  it('gives codes of the right length, each extending its parent’s', () => {
    const byIndex = new Map(nodes.map((n) => [n.index, n]));
    const lengths = { district: 6, street: 9, community: 12, grid: 15 } as const;
    for (const n of nodes) {
      const parent = n.parentIndex === null ? undefined : byIndex.get(n.parentIndex);
      expect(n.depth).toBe(parent ? parent.depth + 1 : 0);
      if (n.level === 'building' || n.level === 'household') {
        expect(n.code).toBeNull();
        continue;
      }
      expect(n.code).toHaveLength(lengths[n.level]);
      expect(n.code).toMatch(/^330199\d*$/);
      if (parent) expect(n.code?.startsWith(parent.code ?? '-')).toBe(true);
    }
    expect(new Set(nodes.map((n) => n.code).filter((c) => c !== null)).size).toBe(1 + 3 + 12 + 120);
  });

  it('lists parents before children, with unique names among siblings and unique keys', () => {
    const seen = new Set<number>();
    const siblings = new Set<string>();
    for (const n of nodes) {
      if (n.parentIndex !== null) expect(seen.has(n.parentIndex)).toBe(true);
      seen.add(n.index);
      const sibling = `${n.parentIndex}/${n.name}`;
      expect(siblings.has(sibling)).toBe(false);
      siblings.add(sibling);
    }
    expect(new Set(nodes.map((n) => n.key)).size).toBe(nodes.length);
    expect(nodes.map((n) => n.index)).toEqual(nodes.map((_, i) => i));
  });
});

describe('generateDistrict — determinism', () => {
  it('gives the same district for the same seed', () => {
    const again = generateDistrict();
    expect(again.counts).toEqual(standard.counts);
    expect(again.users).toEqual(standard.users);
    expect(collect(again.nodes())).toEqual(nodes);
    expect(collect(again.residents(), 2_000)).toEqual(residents.slice(0, 2_000));
    // And each call of the generators starts afresh.
    expect(collect(standard.residents(), 50)).toEqual(residents.slice(0, 50));
  });

  it('gives another district for another seed', () => {
    const other = generateDistrict({ seed: 2 });
    expect(collect(other.nodes())).not.toEqual(nodes);
    expect(collect(other.residents(), 100)).not.toEqual(residents.slice(0, 100));
    expect(other.users.map((u) => u.displayName)).not.toEqual(standard.users.map((u) => u.displayName));
    expect(other.users.map((u) => u.username)).toEqual(standard.users.map((u) => u.username));
  });
});

describe('generateDistrict — residents', () => {
  it('gives every resident a valid ID number that agrees with the birth date and gender, and no two the same', () => {
    const ids = new Set<string>();
    for (const r of residents) {
      const v = validateIdNumber(r.idNumber, { today: standard.options.asOf });
      expect(v, r.idNumber).toMatchObject({ ok: true, kind: 'resident', birthDate: r.birthDate, gender: r.gender });
      ids.add(r.idNumber);
    }
    expect(ids.size).toBe(residents.length);
  });

  it('registers most residents here, and floating residents elsewhere', () => {
    const local = (r: DemoResident) => r.idNumber.startsWith('330199');
    const registered = residents.filter((r) => r.registration === 'registered');
    const floating = residents.filter((r) => r.registration === 'floating');
    expect(registered.length / residents.length).toBeGreaterThan(0.55);
    expect(floating.length / residents.length).toBeGreaterThan(0.08);
    expect(registered.filter(local).length / registered.length).toBeGreaterThan(0.8);
    expect(floating.filter(local)).toHaveLength(0);
    expect(new Set(floating.map((r) => r.idNumber.slice(0, 2))).size).toBeGreaterThan(10);
  });

  it('gives valid, distinct mobile numbers to all but young children and some of the very old', () => {
    const phones = new Set<string>();
    for (const r of residents) {
      const age = 2025 - Number(r.birthDate.slice(0, 4));
      if (age < 12) expect(r.phone).toBeNull();
      if (r.phone === null) continue;
      expect(validatePhone(r.phone)).toEqual({ ok: true, kind: 'mobile', normalized: r.phone });
      phones.add(r.phone);
    }
    expect(phones.size).toBeGreaterThan(residents.length * 0.8);
    expect(phones.size).toBe(residents.filter((r) => r.phone !== null).length);
  });

  it('forms households: one head each, families whose ages fit, members of a household together', () => {
    const households = new Map<number, DemoResident[]>();
    for (const r of residents) households.set(r.householdIndex, [...(households.get(r.householdIndex) ?? []), r]);
    const householdNodes = new Map(nodes.filter((n) => n.level === 'household').map((n) => [n.index, n]));
    const age = (r: DemoResident) => 2025 - Number(r.birthDate.slice(0, 4));
    let lastIndex = -1;
    for (const [index, members] of households) {
      expect(index).toBeGreaterThan(lastIndex);
      lastIndex = index;
      const node = householdNodes.get(index) as DemoNode;
      expect(members.every((m) => m.householdKey === node.key)).toBe(true);
      expect(members.filter((m) => m.relation === 'head')).toHaveLength(1);
      const head = members[0] as DemoResident;
      expect(head.relation).toBe('head');
      expect(new Set(members.map((m) => m.registration)).size).toBe(1);
      for (const m of members) {
        if (m.relation === 'spouse') expect(m.gender).not.toBe(head.gender);
        if (m.relation === 'child') expect(age(m)).toBeLessThan(age(head));
        if (m.relation === 'parent') expect(age(m)).toBeGreaterThan(age(head));
        expect(m.name.length).toBeGreaterThanOrEqual(2);
        expect(m.name.length).toBeLessThanOrEqual(4);
      }
    }
    // Nearly every household is lived in, and sizes look like a city's.
    expect(households.size / standard.counts.household).toBeGreaterThan(0.97);
    const mean = residents.length / households.size;
    expect(mean).toBeGreaterThan(2.2);
    expect(mean).toBeLessThan(2.8);
  });

  it('births no one after the as-of date nor before 1900', () => {
    for (const r of residents) {
      expect(r.birthDate <= standard.options.asOf).toBe(true);
      expect(r.birthDate >= '1900-01-01').toBe(true);
    }
  });
});

describe('generateDistrict — staff accounts', () => {
  const users = standard.users;
  it('has one account per role and node as described', () => {
    const names = users.map((u) => u.username);
    expect(names.slice(0, 5)).toEqual(['admin', 'district', 'street1', 'street2', 'street3']);
    expect(names).toContain('c01dir');
    expect(names).toContain('c12window');
    expect(names).toContain('g001');
    expect(names).toContain('g120');
    expect(names.slice(-3)).toEqual(['dept1', 'vol1', 'res1']);
    expect(users).toHaveLength(2 + 3 + 12 * 3 + 120 + 3);
    expect(new Set(names).size).toBe(users.length);
    for (const u of users) expect(u.username).toMatch(/^[a-z0-9][a-z0-9._-]{2,31}$/);
    expect(new Set(users.map((u) => u.displayName)).size).toBe(users.length);
  });

  it('puts each account on the right kind of node', () => {
    const levelByKey = new Map(nodes.map((n) => [n.key, n.level]));
    const expected: Record<string, string | null> = {
      sys_admin: null,
      district_staff: 'district',
      street_staff: 'street',
      community_director: 'community',
      community_worker: 'community',
      window_clerk: 'community',
      grid_worker: 'grid',
      department_handler: 'district',
      volunteer: 'community',
      resident: 'community',
    };
    for (const u of users) {
      expect(u.nodeKey === null ? null : levelByKey.get(u.nodeKey)).toBe(expected[u.role]);
      if (u.nodeKey !== null) expect(u.nodePath?.endsWith(u.nodeName ?? '-')).toBe(true);
    }
    expect(users.find((u) => u.username === 'g011')?.nodeKey).toBe('s1.c2.g1');
    expect(users.find((u) => u.username === 'vol1')?.nodeKey).toBe('s1.c1');
  });
});

describe('generateDistrict — scale', () => {
  it('grows the tree with the number of residents and stays within three-digit codes', () => {
    const big = generateDistrict({ residents: 1_000_000 });
    expect(big.counts.street).toBeGreaterThan(3);
    expect(big.counts.community).toBeGreaterThan(100);
    expect(big.counts.household).toBeGreaterThan(350_000);
    expect(big.counts.household).toBeLessThan(450_000);
    expect(big.users.find((u) => u.role === 'grid_worker')?.username).toBe('g0001');
    const first = collect(big.residents(), 1_000);
    expect(first).toHaveLength(1_000);
    expect(resolveDemoOptions({ residents: 50_000_000 }).gridsPerCommunity).toBeLessThanOrEqual(999);
  });

  it('shrinks for a small district and still places every resident', () => {
    const small = generateDistrict({ streets: 2, residents: 300 });
    expect(small.counts.street).toBe(2);
    expect(collect(small.residents())).toHaveLength(300);
    const tiny = generateDistrict({ residents: 0 });
    expect(collect(tiny.residents())).toHaveLength(0);
    expect(tiny.counts.household).toBeGreaterThan(0);
  });

  it('refuses impossible options', () => {
    expect(() => generateDistrict({ streets: 1000 })).toThrow(RangeError);
    expect(() => generateDistrict({ residents: -1 })).toThrow(RangeError);
    expect(() => generateDistrict({ districtCode: '33019' })).toThrow(RangeError);
    expect(() => generateDistrict({ asOf: '1999-01-01' })).toThrow(RangeError);
  });
});
