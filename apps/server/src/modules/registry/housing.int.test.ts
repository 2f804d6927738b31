/**
 * Housing, rentals and units on real PostgreSQL: scope (a grid worker sees only their grid), masking
 * and reveal logging, the credit-code override and its audit, unique codes per district, religious
 * sites for registry.sensitive only, rental history, ledgers, and a subtree move.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: Session;
let g1worker: Session;
let c1worker: Session;
let c1dir: Session;
let c2worker: Session;

beforeAll(async () => {
  t = await createTestApp();
  [admin, g1worker, c1worker, c1dir, c2worker] = await Promise.all([
    login(t.app, 'admin'),
    login(t.app, 'g1worker'),
    login(t.app, 'c1worker'),
    login(t.app, 'c1dir'),
    login(t.app, 'c2worker'),
  ]);
});
afterAll(async () => {
  await t.close();
});

interface House {
  id: number;
  nodeId: number;
  version: number;
  use: string;
  ownerPhoneMasked: string | null;
  rentalMissing: boolean;
  activeRentals: number;
  rentals: {
    id: number;
    status: string;
    tenantIdNumberMasked: string | null;
    tenantPhoneMasked: string | null;
    endedOn: string | null;
  }[];
  events: { kind: string; rentalId: number | null; changes: Record<string, unknown> }[];
}
interface Unit {
  id: number;
  version: number;
  creditCode: string | null;
  creditCodeOverride: { reason: string } | null;
  contactPhoneMasked: string | null;
  kind: string;
}

let roomSeq = 0;
async function room(parentId: number) {
  const res = await admin.call('POST', '/api/v1/nodes', {
    parentId,
    level: 'household',
    name: `3单元${++roomSeq}01室`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}

async function audit(action: string) {
  const { rows } = await t.tdb.db.query<{ actor_name: string; entity_id: string; summary: Record<string, unknown> }>(
    `SELECT actor_name, entity_id, summary FROM audit_log WHERE action = $1 ORDER BY id`,
    [action],
  );
  return rows;
}

async function sheet(res: { statusCode: number; rawPayload: Buffer; body: string }) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v as string | number)))),
  );
  return rows;
}

describe('houses', () => {
  let house: House;

  it('registers the facts of a room, the owner phone encrypted and masked', async () => {
    const res = await g1worker.call('POST', '/api/v1/houses', {
      nodeId: t.tree.household1,
      areaM2: 89.35,
      use: 'owner_occupied',
      ownerName: '李建国',
      ownerPhone: '139 0000 1111',
    });
    expect(res.statusCode, res.body).toBe(201);
    house = res.json() as House;
    expect(house).toMatchObject({ use: 'owner_occupied', areaM2: 89.35, ownerPhoneMasked: '139****1111' });
    expect(res.body).not.toContain('13900001111');
    const { rows } = await t.tdb.db.query<{ owner_phone_enc: string }>(
      `SELECT owner_phone_enc FROM house WHERE id = $1`,
      [house.id],
    );
    expect(rows[0]!.owner_phone_enc).toMatch(/^v1\./);
    expect(house.events.map((e) => e.kind)).toEqual(['register']);
    expect((await audit('registry.house.register')).at(-1)).toMatchObject({ actor_name: 'g1worker' });
  });

  it('refuses a second record for the same room and a node that is not a room', async () => {
    const again = await g1worker.call('POST', '/api/v1/houses', { nodeId: t.tree.household1, use: 'vacant' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'HOUSE_EXISTS' });
    const building = await g1worker.call('POST', '/api/v1/houses', { nodeId: t.tree.building1, use: 'vacant' });
    expect(building.json()).toMatchObject({ code: 'NODE_NOT_HOUSEHOLD' });
    const area = await g1worker.call('POST', '/api/v1/houses', {
      nodeId: t.tree.household1b,
      use: 'vacant',
      areaM2: -3,
    });
    expect(area.statusCode).toBe(400);
  });

  it('a grid worker sees only their grid; another community gets 404', async () => {
    const other = await admin.call('POST', '/api/v1/houses', { nodeId: t.tree.household2, use: 'vacant' });
    expect(other.statusCode).toBe(201);
    const otherId = (other.json() as House).id;
    const list = (await g1worker.call('GET', '/api/v1/houses?pageSize=200')).json() as { items: { id: number }[] };
    expect(list.items.map((h) => h.id)).toContain(house.id);
    expect(list.items.map((h) => h.id)).not.toContain(otherId);
    expect((await g1worker.call('GET', `/api/v1/houses/${otherId}`)).statusCode).toBe(404);
    expect((await c2worker.call('GET', `/api/v1/houses/${house.id}`)).statusCode).toBe(404);
    expect((await c2worker.call('GET', `/api/v1/buildings/${t.tree.building1}/housing`)).statusCode).toBe(404);
  });

  it('reveals the owner phone with a reason, audited', async () => {
    const res = await c1worker.call('POST', `/api/v1/houses/${house.id}/reveal`, {
      field: 'ownerPhone',
      reason: '联系产权人核实出租情况',
    });
    expect(res.json()).toEqual({ field: 'ownerPhone', value: '13900001111' });
    expect((await audit('registry.house.reveal')).at(-1)).toMatchObject({
      actor_name: 'c1worker',
      entity_id: String(house.id),
      summary: { field: 'ownerPhone', reason: '联系产权人核实出租情况' },
    });
    const noReason = await c1worker.call('POST', `/api/v1/houses/${house.id}/reveal`, {
      field: 'ownerPhone',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
  });

  it('a correction needs the version read, and keeps the old values in the history', async () => {
    const ok = await g1worker.call('PATCH', `/api/v1/houses/${house.id}`, {
      version: house.version,
      areaM2: 90,
      reason: '按不动产证更正',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = ok.json() as House & { areaM2: number };
    expect(after.areaM2).toBe(90);
    expect(after.ownerPhoneMasked).toBe('139****1111');
    expect(after.events[0]).toMatchObject({ kind: 'update', changes: { areaM2: { before: 89.35, after: 90 } } });
    const stale = await g1worker.call('PATCH', `/api/v1/houses/${house.id}`, { version: house.version, areaM2: 91 });
    expect(stale.json()).toMatchObject({ code: 'CONFLICT' });
    house = after;
  });
});

describe('rental registration', () => {
  let house: House;

  it('registers a rental with a tenant household; the house becomes 出租; tenant numbers are masked', async () => {
    const roomId = await room(t.tree.building1);
    house = (
      await c1worker.call('POST', '/api/v1/houses', { nodeId: roomId, use: 'vacant', ownerName: '王房东' })
    ).json() as House;
    const res = await c1worker.call('POST', `/api/v1/houses/${house.id}/rentals`, {
      tenantNodeId: roomId,
      tenantName: '赵租客',
      tenantIdNumber: '11010519491231002x',
      tenantPhone: '13700002222',
      landlordName: '王房东',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      contractNo: 'ZL-2026-001',
    });
    expect(res.statusCode, res.body).toBe(201);
    house = res.json() as House;
    expect(house.use).toBe('rented');
    expect(house.rentalMissing).toBe(false);
    expect(house.rentals[0]).toMatchObject({
      status: 'active',
      tenantIdNumberMasked: '110105********002X',
      tenantPhoneMasked: '137****2222',
    });
    expect(res.body).not.toContain('11010519491231002X');
    expect(res.body).not.toContain('13700002222');
    expect(house.events[0]).toMatchObject({
      kind: 'rental_start',
      changes: { use: { before: 'vacant', after: 'rented' } },
    });
  });

  it('refuses a period that ends before it starts, and a bad tenant ID number', async () => {
    const bad = await c1worker.call('POST', `/api/v1/houses/${house.id}/rentals`, {
      tenantName: '钱某',
      landlordName: '王房东',
      startDate: '2026-03-01',
      endDate: '2026-02-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('租期结束日期不能早于开始日期');
    const id = await c1worker.call('POST', `/api/v1/houses/${house.id}/rentals`, {
      tenantName: '钱某',
      tenantIdNumber: '340524198001010013',
      landlordName: '王房东',
      startDate: '2026-03-01',
    });
    expect(id.statusCode).toBe(400);
    expect(id.body).toContain('body.tenantIdNumber');
  });

  it('reveals the tenant ID number with a reason, audited', async () => {
    const res = await g1worker.call('POST', `/api/v1/rentals/${house.rentals[0]!.id}/reveal`, {
      field: 'tenantIdNumber',
      reason: '核对承租人身份',
    });
    expect(res.json()).toEqual({ field: 'tenantIdNumber', value: '11010519491231002X' });
    expect((await audit('registry.rental.reveal')).at(-1)).toMatchObject({
      actor_name: 'g1worker',
      summary: { field: 'tenantIdNumber', reason: '核对承租人身份', tenantName: '赵租客' },
    });
  });

  it('ending a rental is an event; the registration and its history stay; a house still 出租 is flagged', async () => {
    const rentalId = house.rentals[0]!.id;
    const early = await c1worker.call('POST', `/api/v1/rentals/${rentalId}/end`, { endedOn: '2025-12-01' });
    expect(early.statusCode).toBe(400);
    const res = await c1worker.call('POST', `/api/v1/rentals/${rentalId}/end`, {
      endedOn: '2026-06-30',
      reason: '提前退租',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as House;
    expect(after.rentals[0]).toMatchObject({ id: rentalId, status: 'ended', endedOn: '2026-06-30' });
    expect(after.events.map((e) => e.kind)).toEqual(['rental_end', 'rental_start', 'register']);
    expect(after.use).toBe('rented');
    expect(after.rentalMissing).toBe(true);
    const again = await c1worker.call('POST', `/api/v1/rentals/${rentalId}/end`, { endedOn: '2026-07-01' });
    expect(again.json()).toMatchObject({ code: 'RENTAL_NOT_ACTIVE' });
    const missing = (await c1worker.call('GET', '/api/v1/houses?rentalMissing=true')).json() as {
      items: { id: number }[];
    };
    expect(missing.items.map((h) => h.id)).toEqual([house.id]);

    const next = await c1worker.call('POST', `/api/v1/houses/${house.id}/rentals`, {
      tenantName: '孙新租',
      landlordName: '王房东',
      startDate: '2026-07-01',
    });
    const latest = next.json() as House;
    expect(latest.rentals.map((r) => r.status)).toEqual(['active', 'ended']);
    expect(latest.rentalMissing).toBe(false);
    expect(await audit('registry.rental.end')).toHaveLength(1);
  });

  it('the building view lists every room with its house, residents and active rental', async () => {
    await admin.call('POST', '/api/v1/residents', {
      nodeId: t.tree.household1,
      name: '周一',
      gender: 'male',
      registrationType: 'registered',
      relationToHead: 'head',
    });
    const res = await g1worker.call('GET', `/api/v1/buildings/${t.tree.building1}/housing`);
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as {
      name: string;
      rooms: {
        nodeId: number;
        name: string;
        house: { use: string } | null;
        residents: { name: string }[];
        activeRental: { tenantName: string } | null;
      }[];
      figures: Record<string, number>;
    };
    expect(view.name).toBe('1幢');
    const names = view.rooms.map((r) => r.name);
    expect(names.slice(0, 2)).toEqual(['1单元101室', '1单元102室']);
    const r1 = view.rooms.find((r) => r.nodeId === t.tree.household1)!;
    expect(r1.house?.use).toBe('owner_occupied');
    expect(r1.residents.map((r) => r.name)).toEqual(['周一']);
    const let_ = view.rooms.find((r) => r.nodeId === house.nodeId)!;
    expect(let_.activeRental?.tenantName).toBe('孙新租');
    expect(view.figures).toMatchObject({ registered: 2, rented: 1, residents: 1, rentalMissing: 0 });
    expect(res.body).not.toContain('13700002222');
  });

  it('the rental-housing register lists active rentals with masked numbers', async () => {
    const rows = await sheet(await c1worker.call('GET', `/api/v1/registry/ledgers/rental?nodeId=${t.tree.community1}`));
    expect(rows[0]![0]).toMatch(/^甲社区 出租房屋登记台账\s+导出日期：/);
    expect(rows[1]).toEqual([
      '序号',
      '网格',
      '房屋地址',
      '建筑面积（㎡）',
      '出租人（房东）',
      '房东联系电话',
      '承租人',
      '承租人身份证号',
      '承租人联系电话',
      '承租户住址',
      '租赁起始日期',
      '租赁截止日期',
      '租赁合同编号',
      '登记日期',
      '备注',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[2]!.slice(0, 7)).toEqual(['1', '第一网格', `1幢3单元${roomSeq}01室`, '', '王房东', '', '孙新租']);
    expect(JSON.stringify(rows)).not.toContain('13700002222');
  });
});

describe('units', () => {
  it('registers a unit with a valid credit code, upper-cased, the contact phone masked', async () => {
    const res = await g1worker.call('POST', '/api/v1/units', {
      nodeId: t.tree.grid1,
      kind: 'company',
      name: '邻里科技有限公司',
      creditCode: '91350100m000100y43',
      legalRepresentative: '陈法人',
      contactName: '吴联系',
      contactPhone: '13600003333',
      employees: 35,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      creditCode: '91350100M000100Y43',
      creditCodeOverride: null,
      contactPhoneMasked: '136****3333',
      employees: 35,
    });
    expect(res.body).not.toContain('13600003333');
  });

  it('refuses a code that fails the check, saying what the check character should be', async () => {
    const res = await g1worker.call('POST', '/api/v1/units', {
      nodeId: t.tree.grid1,
      kind: 'shop',
      name: '便民超市',
      creditCode: '911101087263797845',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; message: string; details: { path: string; message: string }[] };
    expect(body.code).toBe('CREDIT_CODE_INVALID');
    expect(body.message).toContain('第 18 位校验码应为“B”，而不是“5”');
    expect(body.details[0]!.path).toBe('body.creditCode');
    const shortReason = await g1worker.call('POST', '/api/v1/units', {
      nodeId: t.tree.grid1,
      kind: 'shop',
      name: '便民超市',
      creditCode: '911101087263797845',
      creditCodeOverride: { reason: '核实' },
    });
    expect(shortReason.statusCode).toBe(400);
    expect(shortReason.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const wrongLength = await g1worker.call('POST', '/api/v1/units', {
      nodeId: t.tree.grid1,
      kind: 'shop',
      name: '便民超市',
      creditCode: '9111010872637978',
      creditCodeOverride: { reason: '以营业执照原件为准' },
    });
    expect(wrongLength.json()).toMatchObject({ code: 'CREDIT_CODE_INVALID' });
  });

  it('keeps a failing code with an explicit override: stored, shown, audited', async () => {
    const res = await g1worker.call('POST', '/api/v1/units', {
      nodeId: t.tree.grid1,
      kind: 'shop',
      name: '便民超市',
      creditCode: '911101087263797845',
      creditCodeOverride: { reason: '以营业执照原件为准' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json() as Unit;
    expect(unit.creditCodeOverride).toMatchObject({ reason: '以营业执照原件为准' });
    const entries = await audit('registry.unit.credit_code_override');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_name: 'g1worker',
      entity_id: String(unit.id),
      summary: { creditCode: '911101087263797845', reason: '以营业执照原件为准' },
    });
    expect(String(entries[0]!.summary.problem)).toContain('应为“B”');
    // A later correction of another field keeps the override without a new audit of it.
    const upd = await g1worker.call('PATCH', `/api/v1/units/${unit.id}`, { version: unit.version, employees: 4 });
    expect(upd.statusCode, upd.body).toBe(200);
    expect((upd.json() as Unit).creditCodeOverride).toMatchObject({ reason: '以营业执照原件为准' });
    expect(await audit('registry.unit.credit_code_override')).toHaveLength(1);
  });

  it('never registers the same credit code twice in a district; another district may', async () => {
    const dup = await c1worker.call('POST', '/api/v1/units', {
      nodeId: t.tree.community1,
      kind: 'company',
      name: '重复公司',
      creditCode: '91350100M000100Y43',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'UNIT_CREDIT_CODE_TAKEN' });
    const elsewhere = await admin.call('POST', '/api/v1/units', {
      nodeId: t.tree.street3,
      kind: 'company',
      name: '邻区分公司',
      creditCode: '91350100M000100Y43',
    });
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
  });

  it('a grid worker sees only their grid; reveal of the contact phone is audited', async () => {
    const other = await admin.call('POST', '/api/v1/units', {
      nodeId: t.tree.community2,
      kind: 'school',
      name: '乙社区小学',
      contactPhone: '0571-88881234',
    });
    const otherId = (other.json() as Unit).id;
    const list = (await g1worker.call('GET', '/api/v1/units?pageSize=200')).json() as { items: Unit[] };
    expect(list.items.map((u) => u.kind).sort()).toEqual(['company', 'shop']);
    expect(list.items.map((u) => u.id)).not.toContain(otherId);
    expect((await g1worker.call('GET', `/api/v1/units/${otherId}`)).statusCode).toBe(404);
    const byCode = (await g1worker.call('GET', '/api/v1/units?q=91350100m000100y43')).json() as { items: Unit[] };
    expect(byCode.items).toHaveLength(1);
    const company = byCode.items[0]!;
    const res = await g1worker.call('POST', `/api/v1/units/${company.id}/reveal`, {
      field: 'contactPhone',
      reason: '通知消防检查',
    });
    expect(res.json()).toEqual({ field: 'contactPhone', value: '13600003333' });
    expect((await audit('registry.unit.reveal')).at(-1)).toMatchObject({
      actor_name: 'g1worker',
      summary: { field: 'contactPhone', reason: '通知消防检查' },
    });
  });

  it('religious sites: only holders of registry.sensitive may write or read them', async () => {
    const refused = await c1worker.call('POST', '/api/v1/units', {
      nodeId: t.tree.community1,
      kind: 'religious_site',
      name: '福佑寺',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'SENSITIVE_FORBIDDEN' });
    const made = await c1dir.call('POST', '/api/v1/units', {
      nodeId: t.tree.community1,
      kind: 'religious_site',
      name: '福佑寺',
      religion: '佛教',
    });
    expect(made.statusCode, made.body).toBe(201);
    const site = made.json() as Unit & { religion: string };
    expect(site.religion).toBe('佛教');

    expect((await c1worker.call('GET', `/api/v1/units/${site.id}`)).statusCode).toBe(404);
    const asWorker = (await c1worker.call('GET', '/api/v1/units?pageSize=200')).json() as { items: Unit[] };
    expect(asWorker.items.map((u) => u.id)).not.toContain(site.id);
    const filtered = (await c1worker.call('GET', '/api/v1/units?kind=religious_site')).json() as { total: number };
    expect(filtered.total).toBe(0);
    const asDirector = (await c1dir.call('GET', '/api/v1/units?kind=religious_site')).json() as { items: Unit[] };
    expect(asDirector.items.map((u) => u.id)).toEqual([site.id]);

    const worker = await sheet(
      await c1worker.call('GET', `/api/v1/registry/ledgers/units?nodeId=${t.tree.community1}`),
    );
    expect(worker[1]).toEqual([
      '序号',
      '单位类别',
      '单位名称',
      '统一社会信用代码',
      '法定代表人（负责人）',
      '联系人',
      '联系电话',
      '从业人数',
      '所在网格',
      '地址',
      '备注',
    ]);
    expect(worker.map((r) => r[2])).not.toContain('福佑寺');
    expect(worker.slice(2).map((r) => r[1])).toEqual(['企业', '商业网点']);
    expect(worker[3]![10]).toBe('代码未通过校验，经核实保留：以营业执照原件为准');
    expect(JSON.stringify(worker)).not.toContain('13600003333');
    const director = await sheet(await c1dir.call('GET', `/api/v1/registry/ledgers/units?nodeId=${t.tree.community1}`));
    expect(director.map((r) => r[2])).toContain('福佑寺');
  });

  it('closing a unit is an audited correction; closed units leave the default list', async () => {
    const list = (await g1worker.call('GET', '/api/v1/units?kind=company')).json() as { items: Unit[] };
    const u = (await g1worker.call('GET', `/api/v1/units/${list.items[0]!.id}`)).json() as Unit;
    const res = await g1worker.call('PATCH', `/api/v1/units/${u.id}`, {
      version: u.version,
      status: 'closed',
      reason: '已迁出',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await audit('registry.unit.close')).at(-1)).toMatchObject({ summary: { reason: '已迁出' } });
    expect(((await g1worker.call('GET', '/api/v1/units?kind=company')).json() as { total: number }).total).toBe(0);
  });
});

describe('a subtree move', () => {
  it('carries houses, rentals and units along', async () => {
    await admin.call('PATCH', `/api/v1/nodes/${t.tree.grid1}`, { name: '第三网格' });
    const res = await admin.call('POST', `/api/v1/nodes/${t.tree.grid1}/move`, { newParentId: t.tree.community2 });
    expect(res.statusCode, res.body).toBe(200);
    const houses = (await c2worker.call('GET', '/api/v1/houses?pageSize=200')).json() as { total: number };
    expect(houses.total).toBe(3);
    expect(((await c1worker.call('GET', '/api/v1/houses')).json() as { total: number }).total).toBe(0);
    const { rows } = await t.tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM rental x JOIN jurisdiction_node n ON n.id = x.node_id WHERE x.node_path <> n.path`,
    );
    expect(rows[0]!.n).toBe(0);
    const units = (await c2worker.call('GET', '/api/v1/units?status=closed')).json() as { total: number };
    expect(units.total).toBe(1);
  });
});
