/**
 * Generated from the route table: for every route, a user of a sibling jurisdiction is refused and
 * sees nothing, a refused call changes nothing, and (as a control, so the probe can fail) the
 * user who owns the jurisdiction succeeds. A new route fails this test until it has a probe.
 */
import { computeIdCheckDigit, routes, type RouteId } from '@linli/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from './test-app.ts';
import { describeResidentProbes, residentProbes, type ResidentRouteId } from './resident-scope.ts';

interface Probe {
  /** A user of a sibling jurisdiction, and the owner of the target. */
  sibling: string;
  owner: string;
  /** Build the request (may prepare its own target with t). */
  request(t: TestApp): Promise<{ method: string; url: string; body?: unknown; headers?: Record<string, string> }>;
  /** 'refused': 404 (or 403 for grants); 'list': answers but contains none of forbidden(t). */
  expect: 'refused' | 'list';
  forbidden?: (t: TestApp) => Promise<number[]>;
  listIds?: (body: unknown) => number[];
}

/**
 * Routes with nothing of a jurisdiction to leak: the caller's own account, and dictionaries that are
 * the same for everyone (care tags).
 */
const selfOnly = [
  'login',
  'logout',
  'me',
  'changePassword',
  'listCareTags',
  'importTemplate',
  // Request categories and departments are one dictionary for everyone; a photo upload belongs to its uploader.
  'listRequestCategories',
  'listDepartments',
  'uploadRequestPhoto',
  // Office hours and the holiday calendar are the same for the whole installation.
  'getWorkCalendar',
  // So is how long personal data is kept.
  'getRetentionPolicy',
] as const;

const items = (body: unknown) => (body as { items: { id: number }[] }).items.map((i) => i.id);

async function subtreeIds(t: TestApp, nodeId: number) {
  const { rows } = await t.tdb.db.query<{ id: number }>(
    `SELECT n.id FROM jurisdiction_node n, jurisdiction_node a WHERE a.id = $1 AND n.path LIKE a.path || '%'`,
    [nodeId],
  );
  return rows.map((r) => r.id);
}

async function freshGrid(t: TestApp, name: string) {
  const admin = await as('admin');
  const res = await admin.call('POST', '/api/v1/nodes', { parentId: t.tree.community1, level: 'grid', name });
  return (res.json() as { id: number }).id;
}

async function tokenOnStreet1(t: TestApp) {
  const admin = await as('admin');
  const res = await admin.call('POST', '/api/v1/tokens', { name: `probe-${Math.random()}`, nodeId: t.tree.street1 });
  return (res.json() as { token: { id: number } }).token.id;
}

let residentSeq = 0;
async function residentInCommunity1(t: TestApp) {
  const admin = await as('admin');
  const res = await admin.call('POST', '/api/v1/residents', {
    nodeId: t.tree.household1,
    name: `探针${++residentSeq}`,
    gender: 'female',
    registrationType: 'registered',
    relationToHead: 'other',
    phone: '13800001234',
  });
  const r = res.json() as { id: number; version: number };
  return r;
}

/** A resident in community 1 in a care group, so that visits fall due. */
async function caredForInCommunity1(t: TestApp) {
  const admin = await as('admin');
  const res = await admin.call('POST', '/api/v1/residents', {
    nodeId: t.tree.household1,
    name: `关爱${++residentSeq}`,
    gender: 'male',
    registrationType: 'registered',
    relationToHead: 'other',
    tags: ['living_alone'],
  });
  return (res.json() as { id: number }).id;
}

const aVisit = { kind: 'phone', visitedOn: '2026-01-05', wellbeing: 'good' };

let importSeq = 0;
/** A one-row CSV for building 1 of community 1, with an ID number no other probe uses. */
function importCsv() {
  const first17 = `11010519800101${String(++importSeq).padStart(3, '0')}`;
  return Buffer.from(
    `姓名,公民身份号码,人口类型,住址\n导入探针${importSeq},${first17}${computeIdCheckDigit(first17)},户籍,1幢1单元101室\n`,
  );
}
const csvHeaders = { 'content-type': 'text/csv' };

async function importInCommunity1(t: TestApp, commit = false) {
  const worker = await as('c1worker');
  const up = await worker.call('POST', `/api/v1/registry/imports?nodeId=${t.tree.community1}`, importCsv(), csvHeaders);
  const id = (up.json() as { id: number }).id;
  if (commit) await worker.call('POST', `/api/v1/registry/imports/${id}/run`, { dryRun: false, mode: 'good_rows' });
  return id;
}

let roomSeq = 0;
/** A house on a fresh room of building 1 (community 1), optionally let. */
async function houseInCommunity1(t: TestApp) {
  const admin = await as('admin');
  const room = await admin.call('POST', '/api/v1/nodes', {
    parentId: t.tree.building1,
    level: 'household',
    name: `9单元${++roomSeq}室`,
  });
  const res = await admin.call('POST', '/api/v1/houses', {
    nodeId: (room.json() as { id: number }).id,
    use: 'owner_occupied',
    areaM2: 88.5,
    ownerName: '产权人',
    ownerPhone: '13900001111',
  });
  return res.json() as { id: number; nodeId: number; version: number };
}
async function rentalInCommunity1(t: TestApp) {
  const admin = await as('admin');
  const house = await houseInCommunity1(t);
  const res = await admin.call('POST', `/api/v1/houses/${house.id}/rentals`, {
    tenantName: '租客',
    tenantPhone: '13700002222',
    landlordName: '产权人',
    startDate: '2026-01-01',
  });
  return (res.json() as { rentals: { id: number }[] }).rentals[0]!.id;
}
async function unitInCommunity1(t: TestApp) {
  const admin = await as('admin');
  const res = await admin.call('POST', '/api/v1/units', {
    nodeId: t.tree.community1,
    kind: 'shop',
    name: `探针商店${++roomSeq}`,
    contactPhone: '13600003333',
  });
  return res.json() as { id: number; version: number };
}
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
/** A hotline request about a household of community 1, recorded by its window clerk (accepted, not dispatched). */
async function requestInCommunity1(t: TestApp, photo = false) {
  const clerk = await as('c1window');
  const cats = (await clerk.call('GET', '/api/v1/request-categories')).json() as { items: { id: number }[] };
  let attachmentIds: number[] = [];
  if (photo) {
    const up = await clerk.call('POST', '/api/v1/request-photos', onePixelPng, { 'content-type': 'image/png' });
    attachmentIds = [(up.json() as { id: number }).id];
  }
  const res = await clerk.call('POST', '/api/v1/requests', {
    channel: 'hotline',
    categoryId: cats.items[0]!.id,
    description: '探针诉求：路灯不亮',
    nodeId: t.tree.household1,
    attachmentIds,
  });
  return res.json() as { id: number; version: number; attachmentIds: number[] };
}
async function requestsUnder(t: TestApp, nodeId: number) {
  const { rows } = await t.tdb.db.query<{ id: number }>(
    `SELECT r.id::int FROM request r, jurisdiction_node a WHERE a.id = $1 AND r.node_path LIKE a.path || '%'`,
    [nodeId],
  );
  return rows.map((r) => r.id);
}

async function rowsUnder(t: TestApp, table: 'house' | 'org_unit', nodeId: number) {
  const { rows } = await t.tdb.db.query<{ id: number }>(
    `SELECT x.id FROM ${table} x, jurisdiction_node a WHERE a.id = $1 AND x.node_path LIKE a.path || '%'`,
    [nodeId],
  );
  return rows.map((r) => r.id);
}

const probes: Record<Exclude<RouteId, (typeof selfOnly)[number] | ResidentRouteId>, Probe> = {
  listNodes: {
    sibling: 'street2',
    owner: 'street1',
    expect: 'list',
    request: async (t) => ({ method: 'GET', url: `/api/v1/nodes?parentId=${t.tree.street1}` }),
    forbidden: (t) => subtreeIds(t, t.tree.street1),
    listIds: items,
  },
  getNode: {
    sibling: 'c2dir',
    owner: 'c1dir',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/nodes/${t.tree.grid1}` }),
  },
  createNode: {
    sibling: 'c2dir',
    owner: 'c1dir',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: '/api/v1/nodes',
      body: { parentId: t.tree.community1, level: 'grid', name: `新网格${Math.random()}` },
    }),
  },
  renameNode: {
    sibling: 'c2dir',
    owner: 'c1dir',
    expect: 'refused',
    request: async (t) => ({
      method: 'PATCH',
      url: `/api/v1/nodes/${t.tree.grid1}`,
      body: { name: `改名${Math.random()}` },
    }),
  },
  moveNode: {
    sibling: 'street2',
    owner: 'street1',
    expect: 'refused',
    request: async (t) => {
      const grid = await freshGrid(t, `待移网格${Math.random()}`);
      const { rows } = await t.tdb.db.query<{ id: number }>(
        `INSERT INTO jurisdiction_node (id, parent_id, level, name, path, depth)
         SELECT v.id, $1, 'community', '丙社区' || v.id, p.path || v.id || '/', p.depth + 1
         FROM (SELECT nextval(pg_get_serial_sequence('jurisdiction_node','id')) AS id) v, jurisdiction_node p WHERE p.id = $1
         RETURNING id`,
        [t.tree.street1],
      );
      return { method: 'POST', url: `/api/v1/nodes/${grid}/move`, body: { newParentId: rows[0]!.id } };
    },
  },
  retireNode: {
    sibling: 'c2dir',
    owner: 'c1dir',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/nodes/${await freshGrid(t, `待撤网格${Math.random()}`)}/retire`,
      body: { reason: '测试' },
    }),
  },
  listUsers: {
    sibling: 'street2',
    owner: 'street1',
    expect: 'list',
    request: async () => ({ method: 'GET', url: '/api/v1/users?pageSize=200' }),
    forbidden: async (t) => [t.users.street1!, t.users.c1dir!, t.users.g1worker!, t.users.vol1!],
    listIds: items,
  },
  getUser: {
    sibling: 'street2',
    owner: 'street1',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/users/${t.users.g1worker}` }),
  },
  createUser: {
    sibling: 'street2',
    owner: 'street1',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        username: `u${Math.floor(Math.random() * 1e9)}`,
        displayName: '新用户',
        roles: [{ role: 'grid_worker', nodeId: t.tree.grid1 }],
      },
    }),
  },
  updateUser: {
    sibling: 'street2',
    owner: 'street1',
    expect: 'refused',
    request: async (t) => ({
      method: 'PATCH',
      url: `/api/v1/users/${t.users.vol1}`,
      body: { displayName: `改名${Math.random()}` },
    }),
  },
  resetPassword: {
    sibling: 'street2',
    owner: 'street1',
    expect: 'refused',
    request: async (t) => ({ method: 'POST', url: `/api/v1/users/${t.users.vol1}/reset-password` }),
  },
  listAudit: {
    sibling: 'street2',
    owner: 'street1',
    expect: 'list',
    request: async (t) => {
      await freshGrid(t, `审计网格${Math.random()}`);
      return { method: 'GET', url: '/api/v1/audit?pageSize=200' };
    },
    forbidden: async (t) => {
      const ids = await subtreeIds(t, t.tree.street1);
      const { rows } = await t.tdb.db.query<{ id: number }>(`SELECT id FROM audit_log WHERE node_id = ANY($1)`, [ids]);
      return rows.map((r) => r.id);
    },
    listIds: items,
  },
  listTokens: {
    sibling: 'district2',
    owner: 'district',
    expect: 'list',
    request: async (t) => {
      await tokenOnStreet1(t);
      return { method: 'GET', url: '/api/v1/tokens' };
    },
    forbidden: async (t) => (await t.tdb.db.query<{ id: number }>(`SELECT id FROM api_token`)).rows.map((r) => r.id),
    listIds: items,
  },
  createToken: {
    sibling: 'district2',
    owner: 'district',
    expect: 'refused',
    request: async (t) => ({ method: 'POST', url: '/api/v1/tokens', body: { name: '外部', nodeId: t.tree.street1 } }),
  },
  searchResidents: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'list',
    request: async (t) => {
      await residentInCommunity1(t);
      return { method: 'GET', url: '/api/v1/residents?pageSize=200' };
    },
    forbidden: async (t) =>
      (
        await t.tdb.db.query<{ id: number }>(`SELECT id FROM resident WHERE node_id = $1`, [t.tree.household1])
      ).rows.map((r) => r.id),
    listIds: items,
  },
  getResident: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/residents/${(await residentInCommunity1(t)).id}` }),
  },
  registerResident: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: '/api/v1/residents',
      body: {
        nodeId: t.tree.household1,
        name: `越界${Math.random()}`.slice(0, 10),
        gender: 'male',
        registrationType: 'registered',
        relationToHead: 'other',
      },
    }),
  },
  updateResident: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => {
      const r = await residentInCommunity1(t);
      return { method: 'PATCH', url: `/api/v1/residents/${r.id}`, body: { version: r.version, notes: '越界修改' } };
    },
  },
  moveResident: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/residents/${(await residentInCommunity1(t)).id}/move`,
      body: {
        kind: 'change_household',
        toNodeId: t.tree.household1b,
        relationToHead: 'other',
        occurredOn: '2026-01-01',
      },
    }),
  },
  endResidence: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/residents/${(await residentInCommunity1(t)).id}/end`,
      body: { kind: 'move_out', occurredOn: '2026-01-01' },
    }),
  },
  revealResident: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/residents/${(await residentInCommunity1(t)).id}/reveal`,
      body: { field: 'phone', reason: '核对身份' },
    }),
  },
  listDuplicateResidents: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/residents/duplicates?nodeId=${t.tree.community1}` }),
  },
  mergeResident: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => {
      const [a, b] = [await residentInCommunity1(t), await residentInCommunity1(t)];
      return {
        method: 'POST',
        url: `/api/v1/residents/${a.id}/merge`,
        body: { otherId: b.id, version: a.version, otherVersion: b.version, reason: '重复登记' },
      };
    },
  },
  residentAsOf: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'GET',
      url: `/api/v1/residents/${(await residentInCommunity1(t)).id}/as-of?date=2026-01-01`,
    }),
  },
  residentPersonalCopy: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'GET',
      url: `/api/v1/residents/${(await residentInCommunity1(t)).id}/personal-copy?reason=${encodeURIComponent('本人申请')}`,
    }),
  },
  eraseResident: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    // A resident who moved out long ago: past any retention period, so the owner's request succeeds.
    request: async (t) => {
      const r = await residentInCommunity1(t);
      const admin = await as('admin');
      await admin.call('POST', `/api/v1/residents/${r.id}/end`, { kind: 'move_out', occurredOn: '2000-01-01' });
      return { method: 'POST', url: `/api/v1/residents/${r.id}/erasure`, body: { reason: '本人书面申请删除' } };
    },
  },
  uploadResidentImport: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/registry/imports?nodeId=${t.tree.community1}`,
      body: importCsv(),
      headers: csvHeaders,
    }),
  },
  runResidentImport: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/registry/imports/${await importInCommunity1(t)}/run`,
      body: { dryRun: true },
    }),
  },
  getResidentImport: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/registry/imports/${await importInCommunity1(t)}` }),
  },
  undoResidentImport: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/registry/imports/${await importInCommunity1(t, true)}/undo`,
    }),
  },
  exportResidents: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/registry/exports/residents?nodeId=${t.tree.community1}` }),
  },
  exportLedger: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/registry/ledgers/roster?nodeId=${t.tree.community1}` }),
  },
  dueVisits: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'list',
    request: async (t) => {
      await caredForInCommunity1(t);
      return { method: 'GET', url: '/api/v1/visits/due?pageSize=200' };
    },
    forbidden: async (t) =>
      (
        await t.tdb.db.query<{ id: number }>(`SELECT id FROM resident WHERE node_id = $1`, [t.tree.household1])
      ).rows.map((r) => r.id),
    listIds: (body) => (body as { items: { residentId: number }[] }).items.map((i) => i.residentId),
  },
  visitCoverage: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/visits/coverage?nodeId=${t.tree.community1}` }),
  },
  recordVisit: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/residents/${await caredForInCommunity1(t)}/visits`,
      body: aVisit,
    }),
  },
  listVisits: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/residents/${await caredForInCommunity1(t)}/visits` }),
  },
  listHouses: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'list',
    request: async (t) => {
      await houseInCommunity1(t);
      return { method: 'GET', url: '/api/v1/houses?pageSize=200' };
    },
    forbidden: (t) => rowsUnder(t, 'house', t.tree.community1),
    listIds: items,
  },
  exportHouses: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => {
      await houseInCommunity1(t);
      return { method: 'GET', url: `/api/v1/houses/export?nodeId=${t.tree.community1}` };
    },
  },
  getBuildingHousing: {
    sibling: 'c2worker',
    owner: 'g1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/buildings/${t.tree.building1}/housing` }),
  },
  getHouse: {
    sibling: 'c2worker',
    owner: 'g1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/houses/${(await houseInCommunity1(t)).id}` }),
  },
  registerHouse: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => {
      const admin = await as('admin');
      const room = await admin.call('POST', '/api/v1/nodes', {
        parentId: t.tree.building1,
        level: 'household',
        name: `8单元${++roomSeq}室`,
      });
      return {
        method: 'POST',
        url: '/api/v1/houses',
        body: { nodeId: (room.json() as { id: number }).id, use: 'vacant' },
      };
    },
  },
  updateHouse: {
    sibling: 'c2worker',
    owner: 'g1worker',
    expect: 'refused',
    request: async (t) => {
      const h = await houseInCommunity1(t);
      return { method: 'PATCH', url: `/api/v1/houses/${h.id}`, body: { version: h.version, use: 'vacant' } };
    },
  },
  revealHouse: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/houses/${(await houseInCommunity1(t)).id}/reveal`,
      body: { field: 'ownerPhone', reason: '核对产权人' },
    }),
  },
  registerRental: {
    sibling: 'c2worker',
    owner: 'g1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/houses/${(await houseInCommunity1(t)).id}/rentals`,
      body: { tenantName: '越界租客', landlordName: '房东', startDate: '2026-02-01', endDate: '2027-01-31' },
    }),
  },
  endRental: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/rentals/${await rentalInCommunity1(t)}/end`,
      body: { endedOn: '2026-03-01' },
    }),
  },
  revealRental: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/rentals/${await rentalInCommunity1(t)}/reveal`,
      body: { field: 'tenantPhone', reason: '联系承租人' },
    }),
  },
  listUnits: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'list',
    request: async (t) => {
      await unitInCommunity1(t);
      return { method: 'GET', url: '/api/v1/units?pageSize=200' };
    },
    forbidden: (t) => rowsUnder(t, 'org_unit', t.tree.community1),
    listIds: items,
  },
  exportUnits: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => {
      await unitInCommunity1(t);
      return { method: 'GET', url: `/api/v1/units/export?nodeId=${t.tree.community1}` };
    },
  },
  getUnit: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/units/${(await unitInCommunity1(t)).id}` }),
  },
  registerUnit: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: '/api/v1/units',
      body: { nodeId: t.tree.grid1, kind: 'company', name: `越界公司${++roomSeq}` },
    }),
  },
  updateUnit: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => {
      const u = await unitInCommunity1(t);
      return { method: 'PATCH', url: `/api/v1/units/${u.id}`, body: { version: u.version, employees: 12 } };
    },
  },
  revealUnit: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'POST',
      url: `/api/v1/units/${(await unitInCommunity1(t)).id}/reveal`,
      body: { field: 'contactPhone', reason: '联系单位' },
    }),
  },
  revokeToken: {
    sibling: 'district2',
    owner: 'district',
    expect: 'refused',
    request: async (t) => ({ method: 'POST', url: `/api/v1/tokens/${await tokenOnStreet1(t)}/revoke` }),
  },
  requestFigures: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/request-figures?nodeId=${t.tree.community1}` }),
  },
  requestHotTopics: {
    sibling: 'street2',
    owner: 'street1',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/request-figures/hot-topics?nodeId=${t.tree.street1}` }),
  },
  createRequestCategory: {
    sibling: 'district',
    owner: 'admin',
    expect: 'refused',
    request: async () => ({
      method: 'POST',
      url: '/api/v1/request-categories',
      body: {
        code: `probe_${Math.floor(Math.random() * 1e9)}`,
        name: '探针类别',
        handlerType: 'community',
        limits: {
          normal: { respondHours: 4, resolveDays: 5 },
          urgent: { respondHours: 1, resolveDays: 2 },
          emergency: { respondHours: 0.5, resolveDays: 0.5 },
        },
      },
    }),
  },
  updateRequestCategory: {
    sibling: 'district',
    owner: 'admin',
    expect: 'refused',
    request: async () => ({
      method: 'PATCH',
      url: '/api/v1/request-categories/1',
      body: { hint: `探针${Math.random()}` },
    }),
  },
  intakeRequest: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => {
      const cats = (await (await as('c1worker')).call('GET', '/api/v1/request-categories')).json() as {
        items: { id: number }[];
      };
      return {
        method: 'POST',
        url: '/api/v1/requests',
        body: {
          channel: 'window',
          categoryId: cats.items[0]!.id,
          description: '探针来访登记',
          nodeId: t.tree.household1,
        },
      };
    },
  },
  listRequests: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'list',
    request: async (t) => {
      await requestInCommunity1(t);
      return { method: 'GET', url: '/api/v1/requests?pageSize=200' };
    },
    forbidden: (t) => requestsUnder(t, t.tree.community1),
    listIds: items,
  },
  getRequest: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({ method: 'GET', url: `/api/v1/requests/${(await requestInCommunity1(t)).id}` }),
  },
  actOnRequest: {
    sibling: 'c2dir',
    owner: 'c1dir',
    expect: 'refused',
    request: async (t) => {
      const r = await requestInCommunity1(t);
      return {
        method: 'POST',
        url: `/api/v1/requests/${r.id}/actions`,
        body: { action: 'decline', version: r.version, note: '探针：不予受理' },
      };
    },
  },
  // The retention policy is the whole installation's: only the system administrator changes or previews it.
  updateRetentionPolicy: {
    sibling: 'district',
    owner: 'admin',
    expect: 'refused',
    request: async () => {
      const p = (await (await as('admin')).call('GET', '/api/v1/registry/retention')).json() as { version: number };
      return {
        method: 'PUT',
        url: '/api/v1/registry/retention',
        body: { version: p.version, residentYears: 3, rentalYears: 3, visitYears: 3 },
      };
    },
  },
  previewRetentionPolicy: {
    sibling: 'district',
    owner: 'admin',
    expect: 'refused',
    request: async () => ({
      method: 'GET',
      url: '/api/v1/registry/retention/preview?residentYears=2&rentalYears=2&visitYears=2',
    }),
  },
  updateWorkCalendar: {
    sibling: 'district',
    owner: 'admin',
    expect: 'refused',
    request: async () => {
      const cal = (await (await as('admin')).call('GET', '/api/v1/work-calendar')).json() as { version: number };
      return {
        method: 'PUT',
        url: '/api/v1/work-calendar',
        body: { version: cal.version, officeHours: { start: '08:30', end: '17:30' }, override: {} },
      };
    },
  },
  getRequestPhoto: {
    sibling: 'c2worker',
    owner: 'c1worker',
    expect: 'refused',
    request: async (t) => ({
      method: 'GET',
      url: `/api/v1/request-photos/${(await requestInCommunity1(t, true)).attachmentIds[0]}`,
    }),
  },
};

/** A fingerprint of everything a refused call could have changed. */
async function fingerprint(t: TestApp) {
  const { rows } = await t.tdb.db.query<{ f: string }>(`SELECT md5(
    (SELECT COALESCE(string_agg(concat_ws(',', id, parent_id, name, code, path, retired_at), ';' ORDER BY id), '') FROM jurisdiction_node) ||
    (SELECT COALESCE(string_agg(concat_ws(',', id, display_name, is_active, password_hash, must_change_password), ';' ORDER BY id), '') FROM app_user) ||
    (SELECT COALESCE(string_agg(concat_ws(',', user_id, role, node_id), ';' ORDER BY user_id, role, node_id), '') FROM user_role) ||
    (SELECT COALESCE(string_agg(concat_ws(',', id, revoked_at), ';' ORDER BY id), '') FROM api_token) ||
    (SELECT COALESCE(string_agg(concat_ws(',', id, node_id, name, notes, status, version), ';' ORDER BY id), '') FROM resident) ||
    (SELECT count(*)::text FROM resident_event) ||
    (SELECT count(*)::text FROM visit) ||
    (SELECT COALESCE(string_agg(concat_ws(',', id, use, version), ';' ORDER BY id), '') FROM house) ||
    (SELECT COALESCE(string_agg(concat_ws(',', id, status, ended_on), ';' ORDER BY id), '') FROM rental) ||
    (SELECT COALESCE(string_agg(concat_ws(',', id, node_id, name, version, status), ';' ORDER BY id), '') FROM org_unit) ||
    (SELECT count(*)::text FROM house_event) ||
    (SELECT COALESCE(string_agg(concat_ws(',', id, state, version, assignee_node_id), ';' ORDER BY id), '') FROM request) ||
    (SELECT count(*)::text FROM request_event) ||
    (SELECT COALESCE(string_agg(concat_ws(',', id, name, limits::text, version), ';' ORDER BY id), '') FROM request_category) ||
    (SELECT COALESCE(string_agg(concat_ws(',', version, office_hours::text), ';'), '') FROM work_calendar_setting)) AS f`);
  return rows[0]!.f;
}

let t: TestApp;
const sessions = new Map<string, Session>();
async function as(username: string) {
  if (!sessions.has(username)) sessions.set(username, await login(t.app, username));
  return sessions.get(username)!;
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('scope test generated from the route table', () => {
  it('has a probe for every route', () => {
    const covered = new Set<string>([...selfOnly, ...Object.keys(probes), ...Object.keys(residentProbes)]);
    expect(Object.keys(routes).filter((id) => !covered.has(id))).toEqual([]);
  });

  for (const id of Object.keys(probes) as (keyof typeof probes)[]) {
    const probe = probes[id];
    const def = routes[id];
    it(`${def.method} ${def.path} (${id}): a sibling jurisdiction is refused and sees nothing`, async () => {
      const sibling = await as(probe.sibling);
      const req = await probe.request(t);
      const before = await fingerprint(t);
      const res = await sibling.call(req.method, req.url, req.body, req.headers);
      if (probe.expect === 'refused') {
        expect([403, 404]).toContain(res.statusCode);
        expect(res.json()).toHaveProperty('code');
        expect(JSON.stringify(res.json())).not.toMatch(/"path":"\//);
      } else {
        expect(res.statusCode).toBe(200);
        const seen = probe.listIds!(res.json());
        const forbidden = await probe.forbidden!(t);
        expect(forbidden.length).toBeGreaterThan(0);
        expect(seen.filter((x) => forbidden.includes(x))).toEqual([]);
      }
      expect(await fingerprint(t)).toBe(before);

      // Control: the owner of the jurisdiction gets through with the same request.
      const owner = await as(probe.owner);
      const req2 = await probe.request(t);
      const ok = await owner.call(req2.method, req2.url, req2.body, req2.headers);
      expect(ok.statusCode, ok.body).toBeLessThan(300);
      if (probe.expect === 'list') {
        const forbidden = await probe.forbidden!(t);
        expect(probe.listIds!(ok.json()).some((x) => forbidden.includes(x))).toBe(true);
      }
    });
  }

  it('self-only routes answer about the caller only', async () => {
    const s = await as('street2');
    const me = (await s.call('GET', '/api/v1/auth/me')).json() as { username: string; roles: { nodeId: number }[] };
    expect(me.username).toBe('street2');
    expect(me.roles.map((r) => r.nodeId)).toEqual([t.tree.street2]);
  });
});

describeResidentProbes(() => t);
