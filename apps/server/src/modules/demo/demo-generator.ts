/**
 * The demo district, generated from a seed: the jurisdiction tree down to households, staff accounts
 * on every level, and residents with consistent ID numbers. Pure: the same options give the same data.
 * Nodes and residents are produced lazily, so a district of a million residents needs little memory.
 */
import { computeIdCheckDigit, type Role } from '@linli/contracts';
import { chineseNumeral, communityNames, pickPersonName, pickSurname, streetNames } from './chinese-names.ts';
import { createRandom, hashParts, weighted, type Random } from './demo-random.ts';

export type DemoNodeLevel = 'district' | 'street' | 'community' | 'grid' | 'building' | 'household';

export interface DemoOptions {
  /** Any number or string; the same seed gives the same district. */
  seed?: number | string;
  /** How many residents to generate (default 15,000); the tree grows with it unless its sizes are given. */
  residents?: number;
  streets?: number;
  communitiesPerStreet?: number;
  gridsPerCommunity?: number;
  /** Average number of buildings in a grid. */
  buildingsPerGrid?: number;
  /** Average number of households in a building. */
  householdsPerBuilding?: number;
  districtName?: string;
  /** Six-digit administrative code; street, community and grid codes extend it by three digits each. */
  districtCode?: string;
  /** The day the data describes, YYYY-MM-DD: ages are counted to it and no one is born after it. */
  asOf?: string;
}

export type ResolvedDemoOptions = Required<DemoOptions>;

export interface DemoNode {
  /** Position in the order of generation (parents before children); the district is 0. */
  index: number;
  parentIndex: number | null;
  /** Stable key of the node within the demo district, e.g. s1.c2.g3.b4.h5. */
  key: string;
  level: DemoNodeLevel;
  code: string | null;
  name: string;
  /** Number of ancestors: the district 0, a household 5. */
  depth: number;
}

export type HouseholdRelation = 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'other';
export const householdRelationLabels: Record<HouseholdRelation, string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  sibling: '兄弟姐妹',
  other: '其他',
};

/** 户籍 registered here, 常住 living here for long with registration elsewhere, 流动 floating. */
export type RegistrationType = 'registered' | 'long_term' | 'floating';
export const registrationTypeLabels: Record<RegistrationType, string> = {
  registered: '户籍',
  long_term: '常住',
  floating: '流动',
};

export interface DemoResident {
  /** 0-based, in order of generation. */
  ordinal: number;
  householdIndex: number;
  householdKey: string;
  name: string;
  gender: 'male' | 'female';
  /** YYYY-MM-DD, the same date as digits 7–14 of the ID number. */
  birthDate: string;
  idNumber: string;
  /** Mobile number; null for young children and some of the very old. */
  phone: string | null;
  relation: HouseholdRelation;
  registration: RegistrationType;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  /** Key of the node the role is held on; null for the installation-wide administrator. */
  nodeKey: string | null;
  nodeName: string | null;
  /** Names from the district down to the node, e.g. 邻里示范区 / 望江街道 / 春江社区. */
  nodePath: string | null;
}

export interface DemoCounts {
  district: number;
  street: number;
  community: number;
  grid: number;
  building: number;
  household: number;
  residents: number;
  users: number;
}

export interface DemoDistrict {
  options: ResolvedDemoOptions;
  counts: DemoCounts;
  users: readonly DemoUser[];
  /** The tree, parents before children. Each call starts afresh and yields the same nodes. */
  nodes(): Generator<DemoNode>;
  /** The residents, household by household. Each call starts afresh and yields the same residents. */
  residents(): Generator<DemoResident>;
}

export const DEMO_DISTRICT_NAME = '邻里示范区';
export const DEMO_DISTRICT_CODE = '330199';
export const DEMO_DEFAULT_SEED = 'linli';
const DEFAULT_RESIDENTS = 15_000;
const DEFAULT_AS_OF = '2025-06-30';
const MEAN_HOUSEHOLD_SIZE = 2.5;
const MAX_CODE_SEGMENT = 999;

/** Fill in the defaults and scale the tree to the number of residents. */
export function resolveDemoOptions(options: DemoOptions = {}): ResolvedDemoOptions {
  const residents = options.residents ?? DEFAULT_RESIDENTS;
  if (!Number.isInteger(residents) || residents < 0 || residents > 50_000_000) {
    throw new RangeError(`residents must be an integer from 0 to 50,000,000, got ${residents}`);
  }
  // The default tree (3 streets × 4 communities × 10 grids) holds 15,000 residents; a larger district
  // grows on all three levels alike, so that a million residents make about 12 × 16 × 41 grids.
  const growth = Math.cbrt(residents / DEFAULT_RESIDENTS);
  const scaled = (base: number) => Math.min(MAX_CODE_SEGMENT, Math.max(1, Math.round(base * growth)));
  const streets = options.streets ?? scaled(3);
  const communitiesPerStreet = options.communitiesPerStreet ?? scaled(4);
  const gridsPerCommunity = options.gridsPerCommunity ?? scaled(10);
  const householdsPerBuilding = options.householdsPerBuilding ?? 6;
  const grids = streets * communitiesPerStreet * gridsPerCommunity;
  const buildingsPerGrid =
    options.buildingsPerGrid ?? Math.max(1, residents / MEAN_HOUSEHOLD_SIZE / (grids * householdsPerBuilding));
  const resolved: ResolvedDemoOptions = {
    seed: options.seed ?? DEMO_DEFAULT_SEED,
    residents,
    streets,
    communitiesPerStreet,
    gridsPerCommunity,
    buildingsPerGrid,
    householdsPerBuilding,
    districtName: options.districtName ?? DEMO_DISTRICT_NAME,
    districtCode: options.districtCode ?? DEMO_DISTRICT_CODE,
    asOf: options.asOf ?? DEFAULT_AS_OF,
  };
  for (const key of ['streets', 'communitiesPerStreet', 'gridsPerCommunity'] as const) {
    const v = resolved[key];
    if (!Number.isInteger(v) || v < 1 || v > MAX_CODE_SEGMENT) {
      throw new RangeError(`${key} must be an integer from 1 to ${MAX_CODE_SEGMENT} (a three-digit code), got ${v}`);
    }
  }
  for (const key of ['buildingsPerGrid', 'householdsPerBuilding'] as const) {
    const v = resolved[key];
    if (!(v >= 1 && v <= 500)) throw new RangeError(`${key} must be from 1 to 500, got ${v}`);
  }
  if (!/^[1-8]\d{5}$/.test(resolved.districtCode)) {
    throw new RangeError(`districtCode must be a six-digit administrative code, got "${resolved.districtCode}"`);
  }
  if (resolved.districtName.trim() === '') throw new RangeError('districtName must not be empty');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(resolved.asOf) || Number(resolved.asOf.slice(0, 4)) < 2000) {
    throw new RangeError(`asOf must be a date (YYYY-MM-DD) from 2000 on, got "${resolved.asOf}"`);
  }
  return resolved;
}

interface Plan {
  streetNames: string[];
  communityNames: string[];
  /** Buildings in each grid, grids in order of generation. */
  buildingsPerGrid: Uint16Array;
  /** Households in each building, buildings in order of generation. */
  householdsPerBuilding: Uint16Array;
}

/** Generate the demo district: the tree's shape and the staff accounts now, nodes and residents on demand. */
export function generateDistrict(options: DemoOptions = {}): DemoDistrict {
  const opts = resolveDemoOptions(options);
  const plan = planDistrict(opts);
  let buildings = 0;
  for (const n of plan.buildingsPerGrid) buildings += n;
  let households = 0;
  for (const n of plan.householdsPerBuilding) households += n;
  const users = planUsers(opts, plan);
  const communities = opts.streets * opts.communitiesPerStreet;
  return {
    options: opts,
    counts: {
      district: 1,
      street: opts.streets,
      community: communities,
      grid: communities * opts.gridsPerCommunity,
      building: buildings,
      household: households,
      residents: opts.residents,
      users: users.length,
    },
    users,
    nodes: () => walkTree(opts, plan),
    residents: () => generateResidents(opts, plan, households),
  };
}

function planDistrict(opts: ResolvedDemoOptions): Plan {
  const random = createRandom(hashParts([opts.seed, 'plan']));
  const communities = opts.streets * opts.communitiesPerStreet;
  const grids = communities * opts.gridsPerCommunity;
  const buildingsPerGrid = new Uint16Array(grids);
  let buildings = 0;
  for (let g = 0; g < grids; g++) {
    const n = Math.max(1, Math.round(opts.buildingsPerGrid * (0.7 + 0.6 * random.next())));
    buildingsPerGrid[g] = n;
    buildings += n;
  }
  const householdsPerBuilding = new Uint16Array(buildings);
  for (let b = 0; b < buildings; b++) {
    householdsPerBuilding[b] = Math.max(1, Math.round(opts.householdsPerBuilding * (0.6 + 0.8 * random.next())));
  }
  return {
    streetNames: streetNames(random, opts.streets),
    communityNames: communityNames(random, communities),
    buildingsPerGrid,
    householdsPerBuilding,
  };
}

function* walkTree(opts: ResolvedDemoOptions, plan: Plan): Generator<DemoNode> {
  let index = 0;
  let communityOrdinal = 0;
  let gridOrdinal = 0;
  let buildingOrdinal = 0;
  const districtIndex = index++;
  yield {
    index: districtIndex,
    parentIndex: null,
    key: 'd',
    level: 'district',
    code: opts.districtCode,
    name: opts.districtName,
    depth: 0,
  };
  for (let s = 1; s <= opts.streets; s++) {
    const street = { index: index++, key: `s${s}`, code: opts.districtCode + pad(s, 3) };
    yield { ...street, parentIndex: districtIndex, level: 'street', name: plan.streetNames[s - 1] ?? '', depth: 1 };
    for (let c = 1; c <= opts.communitiesPerStreet; c++) {
      const community = { index: index++, key: `${street.key}.c${c}`, code: street.code + pad(c, 3) };
      const name = plan.communityNames[communityOrdinal++] ?? '';
      yield { ...community, parentIndex: street.index, level: 'community', name, depth: 2 };
      // Buildings are numbered through the community (1幢, 2幢 …), as a residential estate numbers them.
      let buildingNumber = 0;
      for (let g = 1; g <= opts.gridsPerCommunity; g++) {
        const grid = { index: index++, key: `${community.key}.g${g}`, code: community.code + pad(g, 3) };
        yield { ...grid, parentIndex: community.index, level: 'grid', name: `第${chineseNumeral(g)}网格`, depth: 3 };
        const buildingCount = plan.buildingsPerGrid[gridOrdinal++] ?? 0;
        for (let b = 1; b <= buildingCount; b++) {
          const building = { index: index++, key: `${grid.key}.b${b}` };
          buildingNumber++;
          yield {
            ...building,
            parentIndex: grid.index,
            level: 'building',
            code: null,
            name: `${buildingNumber}幢`,
            depth: 4,
          };
          const householdCount = plan.householdsPerBuilding[buildingOrdinal++] ?? 0;
          const units = householdCount <= 8 ? 1 : Math.ceil(householdCount / 12);
          const perUnit = Math.ceil(householdCount / units);
          for (let h = 0; h < householdCount; h++) {
            const unit = Math.floor(h / perUnit) + 1;
            const inUnit = h % perUnit;
            // Two flats a floor: 101, 102, 201, 202 …
            const room = `${Math.floor(inUnit / 2) + 1}${pad((inUnit % 2) + 1, 2)}`;
            yield {
              index: index++,
              parentIndex: building.index,
              key: `${building.key}.h${h + 1}`,
              level: 'household',
              code: null,
              name: `${unit}单元${room}室`,
              depth: 5,
            };
          }
        }
      }
    }
  }
}

function planUsers(opts: ResolvedDemoOptions, plan: Plan): DemoUser[] {
  const random = createRandom(hashParts([opts.seed, 'users']));
  const asOfYear = Number(opts.asOf.slice(0, 4));
  const used = new Set<string>();
  // Staff are of working age; display names are distinct so that people can be told apart in lists.
  const person = (): string => {
    for (;;) {
      const gender = random.chance(0.5) ? 'male' : 'female';
      const name = pickPersonName(random, gender, asOfYear - random.int(23, 58));
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  type NodeRef = { key: string; name: string; path: string } | null;
  const user = (username: string, role: Role, node: NodeRef): DemoUser => ({
    username,
    displayName: person(),
    role,
    nodeKey: node?.key ?? null,
    nodeName: node?.name ?? null,
    nodePath: node?.path ?? null,
  });

  const district = { key: 'd', name: opts.districtName, path: opts.districtName };
  const communityCount = opts.streets * opts.communitiesPerStreet;
  const gridCount = communityCount * opts.gridsPerCommunity;
  const communityWidth = Math.max(2, String(communityCount).length);
  const gridWidth = Math.max(3, String(gridCount).length);

  const head = [user('admin', 'sys_admin', null), user('district', 'district_staff', district)];
  const streetStaff: DemoUser[] = [];
  const communityStaff: DemoUser[] = [];
  const gridStaff: DemoUser[] = [];
  let firstCommunity: NodeRef = null;
  let communityOrdinal = 0;
  let gridOrdinal = 0;
  for (let s = 1; s <= opts.streets; s++) {
    const streetName = plan.streetNames[s - 1] ?? '';
    const street = { key: `s${s}`, name: streetName, path: `${district.path} / ${streetName}` };
    streetStaff.push(user(`street${s}`, 'street_staff', street));
    for (let c = 1; c <= opts.communitiesPerStreet; c++) {
      const communityName = plan.communityNames[communityOrdinal++] ?? '';
      const community = { key: `${street.key}.c${c}`, name: communityName, path: `${street.path} / ${communityName}` };
      firstCommunity ??= community;
      const n = pad(communityOrdinal, communityWidth);
      communityStaff.push(
        user(`c${n}dir`, 'community_director', community),
        user(`c${n}worker`, 'community_worker', community),
        user(`c${n}window`, 'window_clerk', community),
      );
      for (let g = 1; g <= opts.gridsPerCommunity; g++) {
        const gridName = `第${chineseNumeral(g)}网格`;
        const grid = { key: `${community.key}.g${g}`, name: gridName, path: `${community.path} / ${gridName}` };
        gridStaff.push(user(`g${pad(++gridOrdinal, gridWidth)}`, 'grid_worker', grid));
      }
    }
  }
  const others = [
    user('dept1', 'department_handler', district),
    user('vol1', 'volunteer', firstCommunity),
    user('res1', 'resident', firstCommunity),
  ];
  return [...head, ...streetStaff, ...communityStaff, ...gridStaff, ...others];
}

// Shares of household sizes, roughly as in a Chinese city (the 2020 census: 2.6 people a household).
const HOUSEHOLD_SIZES = weighted<number>([
  [1, 22],
  [2, 30],
  [3, 27],
  [4, 12],
  [5, 6],
  [6, 3],
]);
const MEAN_DRAWN_SIZE = (1 * 22 + 2 * 30 + 3 * 27 + 4 * 12 + 5 * 6 + 6 * 3) / 100;

const REGISTRATION = weighted<RegistrationType>([
  ['registered', 68],
  ['long_term', 17],
  ['floating', 15],
]);

// Real county-level codes: elsewhere in Zhejiang, and the provinces most people move to Zhejiang from.
// prettier-ignore
const ZHEJIANG_ELSEWHERE = weighted<string>(
  ['330102', '330106', '330108', '330110', '330203', '330281', '330302', '330381', '330411', '330522', '330681',
   '330702', '330782', '330802', '331002', '331081', '331102'].map((c) => [c, 1] as const),
);
// prettier-ignore
const OTHER_PROVINCES = weighted<string>([
  ['341221', 6], ['341222', 5], ['340104', 3], ['360121', 3], ['360722', 3], ['361102', 2],
  ['410184', 2], ['411381', 3], ['411621', 3], ['520102', 2], ['520502', 4], ['510107', 2],
  ['511321', 3], ['500235', 3], ['500101', 2], ['430182', 2], ['431021', 2], ['420111', 2],
  ['421182', 2], ['530102', 1], ['530627', 2], ['320102', 1], ['320583', 1], ['370102', 1],
  ['371302', 1], ['350102', 1], ['350583', 1], ['440106', 1], ['450103', 1], ['460105', 1],
  ['110105', 1], ['110108', 1], ['310115', 1], ['120101', 1], ['130102', 1], ['140105', 1],
  ['150102', 1], ['210102', 1], ['220102', 1], ['230103', 1], ['610113', 1], ['620102', 1],
  ['630102', 1], ['640104', 1], ['650102', 1], ['540102', 1],
]);

// prettier-ignore
const MOBILE_PREFIXES = weighted<string>([
  ['138', 6], ['139', 6], ['137', 4], ['136', 4], ['135', 4], ['134', 2], ['130', 3], ['131', 3],
  ['132', 3], ['133', 2], ['150', 3], ['151', 3], ['152', 3], ['153', 2], ['155', 2], ['156', 2],
  ['157', 2], ['158', 3], ['159', 3], ['166', 1], ['173', 1], ['176', 2], ['177', 1], ['178', 2],
  ['180', 2], ['181', 2], ['182', 3], ['183', 2], ['185', 2], ['186', 3], ['187', 3], ['188', 2],
  ['189', 3], ['191', 1], ['198', 2], ['199', 2],
]);

interface Member {
  relation: HouseholdRelation;
  gender: 'male' | 'female';
  age: number;
  surname: string;
  region: string;
}

function* generateResidents(opts: ResolvedDemoOptions, plan: Plan, households: number): Generator<DemoResident> {
  const random = createRandom(hashParts([opts.seed, 'residents']));
  const asOfYear = Number(opts.asOf.slice(0, 4));
  const allocateId = createIdAllocator(opts.seed);
  const phoneKey = hashParts([opts.seed, 'phone']);
  const mean = households === 0 ? 0 : opts.residents / households;
  const cap = Math.max(10, Math.ceil(mean * 2));
  let assigned = 0;
  let householdOrdinal = 0;
  let ordinal = 0;
  for (const node of walkTree(opts, plan)) {
    if (node.level !== 'household') continue;
    const remaining = opts.residents - assigned;
    let size: number;
    if (householdOrdinal === households - 1) {
      size = remaining;
    } else {
      // Draw a size, scaled to the district's mean, and add what earlier households fell short of
      // the running target, so that the total comes out at exactly the number asked for.
      const owed = (opts.residents * householdOrdinal) / households - assigned;
      const drawn = (HOUSEHOLD_SIZES(random) * mean) / MEAN_DRAWN_SIZE;
      size = Math.min(remaining, cap, Math.max(mean >= 1 ? 1 : 0, Math.round(drawn + owed)));
    }
    householdOrdinal++;
    assigned += size;
    if (size === 0) continue;
    const registration = REGISTRATION(random);
    for (const m of composeHousehold(random, size, registration, opts.districtCode)) {
      const birthYear = asOfYear - m.age;
      const { birthDate, idNumber } = allocateId(m.region, birthYear, m.gender);
      const hasPhone = m.age >= 12 && (m.age < 80 || random.chance(0.6));
      const phone = hasPhone ? MOBILE_PREFIXES(random) + pad(scrambleEightDigits(ordinal, phoneKey), 8) : null;
      yield {
        ordinal: ordinal++,
        householdIndex: node.index,
        householdKey: node.key,
        name: pickPersonName(random, m.gender, birthYear, m.surname),
        gender: m.gender,
        birthDate,
        idNumber,
        phone,
        relation: m.relation,
        registration,
      };
    }
  }
}

// A bijection of 0 … 10^8 − 1 (a four-round Feistel network on two four-digit halves): applied to the
// resident's ordinal, it gives every resident a different, random-looking eight-digit phone tail.
function scrambleEightDigits(n: number, key: number): number {
  let left = Math.floor(n / 10_000) % 10_000;
  let right = n % 10_000;
  for (let round = 0; round < 4; round++) {
    const next = (left + (hashParts([key, round, right]) % 10_000)) % 10_000;
    left = right;
    right = next;
  }
  return left * 10_000 + right;
}

function composeHousehold(
  random: Random,
  size: number,
  registration: RegistrationType,
  districtCode: string,
): Member[] {
  const regionFor = (): string => {
    const r = random.next();
    if (registration === 'registered') {
      return r < 0.85 ? districtCode : r < 0.93 ? ZHEJIANG_ELSEWHERE(random) : OTHER_PROVINCES(random);
    }
    const zhejiangShare = registration === 'long_term' ? 0.4 : 0.1;
    return r < zhejiangShare ? ZHEJIANG_ELSEWHERE(random) : OTHER_PROVINCES(random);
  };
  const opposite = (g: 'male' | 'female') => (g === 'male' ? 'female' : 'male');
  const gender = (): 'male' | 'female' => (random.chance(0.5) ? 'male' : 'female');
  const clampAge = (age: number) => Math.min(100, Math.max(1, age));

  const headAge =
    registration === 'floating'
      ? random.int(20, 52)
      : registration === 'long_term'
        ? random.int(24, 62)
        : size === 1 && random.chance(0.45)
          ? random.int(60, 92)
          : random.int(26, 80);
  const head: Member = {
    relation: 'head',
    gender: random.chance(0.62) ? 'male' : 'female',
    age: headAge,
    surname: pickSurname(random),
    region: regionFor(),
  };
  const members: Member[] = [head];
  // Children of the household were born here if the family is registered here.
  const childRegion = registration === 'registered' ? districtCode : head.region;

  let spouse: Member | undefined;
  if (size >= 2 && random.chance(0.85)) {
    const gap = random.int(0, 5);
    spouse = {
      relation: 'spouse',
      gender: opposite(head.gender),
      age: Math.max(20, head.gender === 'male' ? headAge - gap : headAge + gap),
      surname: pickSurname(random),
      region: regionFor(),
    };
    members.push(spouse);
  }
  const father = head.gender === 'male' ? head : spouse?.gender === 'male' ? spouse : head;
  const youngestParentAge = Math.min(headAge, spouse?.age ?? headAge);
  const children: Member[] = [];
  let parents = 0;
  let firstParentGender: 'male' | 'female' = 'male';
  let grandchildren = 0;

  while (members.length < size) {
    const r = random.next();
    const adultChild = children.find((c) => c.age >= 24);
    const canHaveChild = children.length < 3 && youngestParentAge >= 22;
    const wantsGrandchild = adultChild !== undefined && grandchildren < 3 && r < 0.5;
    const wantsParent = parents < 2 && headAge <= 68 && r > (headAge < 40 ? 0.6 : 0.8);
    if (wantsGrandchild) {
      grandchildren++;
      members.push({
        relation: 'grandchild',
        gender: gender(),
        age: clampAge(adultChild.age - random.int(22, 34)),
        surname: adultChild.gender === 'male' || random.chance(0.3) ? adultChild.surname : pickSurname(random),
        region: childRegion,
      });
    } else if (canHaveChild && !wantsParent) {
      const child: Member = {
        relation: 'child',
        gender: gender(),
        age: clampAge(youngestParentAge - random.int(22, 36)),
        surname: father.surname,
        region: childRegion,
      };
      children.push(child);
      members.push(child);
    } else if (parents < 2 && headAge <= 68) {
      // The head's father shares the head's surname; the mother keeps her own.
      const parentGender: 'male' | 'female' = parents === 0 ? gender() : opposite(firstParentGender);
      if (parents === 0) firstParentGender = parentGender;
      parents++;
      members.push({
        relation: 'parent',
        gender: parentGender,
        age: clampAge(headAge + random.int(22, 32)),
        surname: parentGender === 'male' ? head.surname : pickSurname(random),
        region: regionFor(),
      });
    } else {
      const isSibling = random.chance(0.5);
      members.push({
        relation: isSibling ? 'sibling' : 'other',
        gender: gender(),
        age: clampAge(isSibling ? headAge + random.int(-8, 8) : random.int(16, 80)),
        surname: isSibling ? head.surname : pickSurname(random),
        region: regionFor(),
      });
    }
  }
  return members;
}

const SLOTS_PER_YEAR = 365 * 499;
const SLOT_STEP = 7_919; // a prime that divides neither 365 nor 499, so the slots are a permutation
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Two residents may share region, birth date and gender, but never the whole ID number: each
// (region, year, gender) has 365 days × 499 sequence numbers, handed out in a scrambled order.
function createIdAllocator(seed: number | string) {
  const used = new Map<string, number>();
  return (region: string, birthYear: number, gender: 'male' | 'female') => {
    const key = `${region}${birthYear}${gender}`;
    const slot = used.get(key) ?? 0;
    if (slot >= SLOTS_PER_YEAR) {
      throw new RangeError(`more than ${SLOTS_PER_YEAR} ${gender} residents of ${region} born in ${birthYear}`);
    }
    used.set(key, slot + 1);
    const p = (slot * SLOT_STEP + (hashParts([seed, key]) % SLOTS_PER_YEAR)) % SLOTS_PER_YEAR;
    let day = p % 365;
    let month = 0;
    while (day >= (MONTH_DAYS[month] ?? 31)) day -= MONTH_DAYS[month++] ?? 31;
    const sequence = 2 * Math.floor(p / 365) + (gender === 'male' ? 1 : 2);
    const ymd = `${birthYear}${pad(month + 1, 2)}${pad(day + 1, 2)}`;
    const body = `${region}${ymd}${pad(sequence, 3)}`;
    return {
      birthDate: `${birthYear}-${pad(month + 1, 2)}-${pad(day + 1, 2)}`,
      idNumber: body + computeIdCheckDigit(body),
    };
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
