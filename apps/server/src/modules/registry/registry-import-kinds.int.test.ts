/** House and unit imports on real PostgreSQL: bad rows with row and reason, idempotent re-import, undo, scope, audit, templates. */
import { computeCreditCodeCheck, computeIdCheckDigit } from '@linli/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let worker: Session;
beforeAll(async () => {
  t = await createTestApp();
  worker = await login(t.app, 'c1worker');
});
afterAll(async () => {
  await t.close();
});

type Result = {
  id: number;
  kind: string;
  totalRows: number;
  goodRows: number;
  badRows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { row: number; column: string; value: string; reason: string }[];
};

/** A sheet as offices keep it: a title row, the header row, then the rows (Excel rows 3, 4, …). */
async function sheet(headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['甲社区台账']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(s: Session, kind: string, file: Buffer, nodeId = t.tree.community1) {
  return s.call('POST', `/api/v1/registry/imports?nodeId=${nodeId}&kind=${kind}&fileName=${kind}.xlsx`, file, {
    'content-type': XLSX,
  });
}
async function uploadId(kind: string, file: Buffer) {
  const res = await upload(worker, kind, file);
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: number }).id;
}
async function run(id: number, body: object = {}) {
  return worker.call('POST', `/api/v1/registry/imports/${id}/run`, body);
}
async function commit(id: number) {
  const res = await run(id, { dryRun: false, mode: 'good_rows' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Result;
}
const count = async (table: string) =>
  (await t.tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

const tenantId = (() => {
  const first17 = '11010519900312002';
  return first17 + computeIdCheckDigit(first17);
})();

const HOUSE_HEADERS = [
  '序号',
  '房屋地址',
  '建筑面积',
  '房屋用途',
  '产权人',
  '产权人电话',
  '承租人',
  '承租人身份证号',
  '承租人电话',
  '出租人',
  '租期开始',
  '租期结束',
  '合同编号',
];
// Excel rows 3..7: rows 5, 6 and 7 are bad.
const houses = () =>
  sheet(HOUSE_HEADERS, [
    [1, '1幢1单元101室', 89.5, '自住', '张产权', '13800000011', null, null, null, null, null, null, null],
    [
      2,
      '1幢 1单元102室',
      '60㎡',
      null,
      '李房东',
      null,
      '王租客',
      tenantId,
      '13900000022',
      '李房东',
      '2025-03-01',
      '2026-02-28',
      'ZL-1',
    ],
    [3, '9幢9单元909室', 50, '自住', null, null, null, null, null, null, null, null, null],
    [4, '1幢1单元101室', '八十', '自住', null, null, null, null, null, null, null, null, null],
    [5, '1幢1单元101室', 80, null, null, null, '赵租客', null, null, '张产权', null, null, null],
  ]);

describe('import of houses and rentals', () => {
  let committed: number;

  it('upload recognises the house headers and suggests a mapping', async () => {
    const res = await upload(worker, 'houses', await houses());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'houses',
      headerRow: 2,
      suggestedMapping: { address: '房屋地址', areaM2: '建筑面积', use: '房屋用途', tenantName: '承租人' },
    });
  });

  it('dry run lists every bad row with its Excel row, column, value and reason; writes nothing', async () => {
    const id = await uploadId('houses', await houses());
    const res = await run(id);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Result;
    expect(r).toMatchObject({ kind: 'houses', totalRows: 5, goodRows: 2, badRows: 3, created: 2, updated: 0 });
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [5, '房屋地址', '9幢9单元909室'],
      [6, '建筑面积', '八十'],
      [7, '租期开始', ''],
    ]);
    expect(r.errors[0]!.reason).toMatch(/找不到这个房号/);
    expect(r.errors[1]!.reason).toMatch(/面积应为数字/);
    expect(r.errors[2]!.reason).toMatch(/租期开始日期/);
    expect(await count('house')).toBe(0);
  });

  it('all-or-nothing refuses the file; good rows only registers the houses and the rental', async () => {
    const id = await uploadId('houses', await houses());
    const refused = await run(id, { dryRun: false, mode: 'all_or_nothing' });
    expect(refused.json()).toMatchObject({ code: 'IMPORT_HAS_BAD_ROWS' });
    expect(await count('house')).toBe(0);
    const r = await commit(id);
    expect(r).toMatchObject({ created: 2, updated: 0, unchanged: 0, badRows: 3 });
    const { rows } = await t.tdb.db.query<{ name: string; use: string; area_m2: string; active: number }>(
      `SELECT n.name, h.use, h.area_m2::text, (SELECT count(*)::int FROM rental r WHERE r.house_id = h.id) AS active
       FROM house h JOIN jurisdiction_node n ON n.id = h.node_id ORDER BY n.name`,
    );
    expect(rows).toEqual([
      { name: '1单元101室', use: 'owner_occupied', area_m2: '89.50', active: 0 },
      { name: '1单元102室', use: 'rented', area_m2: '60.00', active: 1 },
    ]);
    const rental = (
      await t.tdb.db.query<{ tenant_name: string; tenant_id_number_masked: string; contract_no: string }>(
        `SELECT tenant_name, tenant_id_number_masked, contract_no FROM rental`,
      )
    ).rows[0]!;
    expect(rental).toMatchObject({ tenant_name: '王租客', contract_no: 'ZL-1' });
    expect(rental.tenant_id_number_masked).toContain('*');
    const audit = await t.tdb.db.query<{ summary: { kind: string; created: number } }>(
      `SELECT summary FROM audit_log WHERE action = 'registry.import.commit' AND entity_id = $1`,
      [String(id)],
    );
    expect(audit.rows[0]?.summary).toMatchObject({ kind: 'houses', created: 2 });
    committed = id;
  });

  it('undo removes the houses and rental of an untouched import', async () => {
    const res = await worker.call('POST', `/api/v1/registry/imports/${committed}/undo`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: committed, removed: 3, updatedKept: 0 });
    expect([await count('house'), await count('rental'), await count('house_event')]).toEqual([0, 0, 0]);
  });

  it('re-importing the same file changes nothing; a corrected file updates; undo is then blocked', async () => {
    const first = await uploadId('houses', await houses());
    expect(await commit(first)).toMatchObject({ created: 2 });
    const again = await commit(await uploadId('houses', await houses()));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, badRows: 3 });
    expect([await count('house'), await count('rental')]).toEqual([2, 1]);

    const corrected = await commit(
      await uploadId(
        'houses',
        await sheet(HOUSE_HEADERS, [
          [1, '1幢1单元101室', 90, null, null, null, null, null, null, null, null, null, null],
          [2, '1幢1单元102室', null, null, null, null, '新租客', null, null, '李房东', '2026-03-01', null, 'ZL-2'],
        ]),
      ),
    );
    expect(corrected).toMatchObject({ created: 0, updated: 2, unchanged: 0, badRows: 0 });
    expect(await count('rental')).toBe(2);
    const event = await t.tdb.db.query<{ reason: string; changes: object }>(
      `SELECT e.reason, e.changes FROM house_event e WHERE e.kind = 'update'`,
    );
    expect(event.rows).toEqual([{ reason: '导入更正', changes: { areaM2: { before: 89.5, after: 90 } } }]);

    const blocked = await worker.call('POST', `/api/v1/registry/imports/${first}/undo`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'IMPORT_UNDO_BLOCKED' });
  });

  it('a worker of community 2 cannot import houses into community 1, and community 1 rooms are not found from community 2', async () => {
    const other = await login(t.app, 'c2worker');
    expect((await upload(other, 'houses', await houses())).statusCode).toBe(404);
    const id = await uploadId('houses', await houses());
    expect((await other.call('GET', `/api/v1/registry/imports/${id}`)).statusCode).toBe(404);
    const res = await upload(other, 'houses', await houses(), t.tree.community2);
    const r = (
      await other.call('POST', `/api/v1/registry/imports/${(res.json() as { id: number }).id}/run`, {})
    ).json() as Result;
    expect(r.errors.filter((e) => e.column === '房屋地址').map((e) => e.row)).toEqual([3, 4, 5]);
  });
});

const goodCode = (body: string) => body + computeCreditCodeCheck(body);
const badCode = (body: string) => body + (computeCreditCodeCheck(body) === '0' ? '1' : '0');
const CODE_A = goodCode('91110105MA01AAAA1');
const CODE_B = badCode('91110105MA01BBBB2');
const CODE_C = badCode('91110105MA01CCCC3');
const UNIT_HEADERS = [
  '序号',
  '单位类别',
  '单位名称',
  '统一社会信用代码',
  '代码校验例外原因',
  '单位地址',
  '法定代表人',
  '联系人',
  '联系电话',
  '从业人数',
];
// Excel rows 3..8: rows 5, 7 and 8 are bad.
const units = () =>
  sheet(UNIT_HEADERS, [
    [1, '企业', '甲科技有限公司', CODE_A, null, '1幢', '赵法人', '钱联系', '13800000031', 20],
    [2, '学校', '甲社区幼儿园', null, null, '第一网格', null, '孙老师', null, 12],
    [3, '企业', '乙商贸有限公司', CODE_B, null, '1幢', null, null, null, null],
    [4, '企业', '丙餐饮有限公司', CODE_C, '以营业执照原件为准', '1幢1单元101室', null, null, null, 5],
    [5, '外星机构', '丁公司', null, null, '1幢', null, null, null, null],
    [6, '企业', '甲科技（重复）', CODE_A, null, '1幢', null, null, null, null],
  ]);

describe('import of units in the jurisdiction', () => {
  let committed: number;

  it('dry run: a failing credit code without a reason, an unknown kind and a duplicate code are bad rows', async () => {
    const id = await uploadId('units', await units());
    const r = (await run(id)).json() as Result;
    expect(r).toMatchObject({ kind: 'units', totalRows: 6, goodRows: 3, badRows: 3, created: 3 });
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [5, '统一社会信用代码', CODE_B],
      [7, '单位类别', '外星机构'],
      [8, '统一社会信用代码', CODE_A],
    ]);
    expect(r.errors[0]!.reason).toMatch(/未通过校验.*代码校验例外原因/);
    expect(r.errors[2]!.reason).toBe('与第 3 行是同一单位');
    expect(await count('org_unit')).toBe(0);
  });

  it('commits the good rows; the kept failing code is audited like the console override', async () => {
    const id = await uploadId('units', await units());
    expect(await commit(id)).toMatchObject({ created: 3, badRows: 3 });
    const { rows } = await t.tdb.db.query<{
      name: string;
      kind: string;
      credit_code: string | null;
      reason: string | null;
    }>(`SELECT name, kind, credit_code, credit_code_override_reason AS reason FROM org_unit ORDER BY id`);
    expect(rows).toEqual([
      { name: '甲科技有限公司', kind: 'company', credit_code: CODE_A, reason: null },
      { name: '甲社区幼儿园', kind: 'school', credit_code: null, reason: null },
      { name: '丙餐饮有限公司', kind: 'company', credit_code: CODE_C, reason: '以营业执照原件为准' },
    ]);
    const audit = await t.tdb.db.query<{ summary: { reason: string; importId: number } }>(
      `SELECT summary FROM audit_log WHERE action = 'registry.unit.credit_code_override'`,
    );
    expect(audit.rows.map((a) => a.summary)).toEqual([
      expect.objectContaining({ reason: '以营业执照原件为准', importId: id, creditCode: CODE_C }),
    ]);
    committed = id;
  });

  it('re-importing the same file changes nothing (by code, or by name and address without one)', async () => {
    const again = await commit(await uploadId('units', await units()));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await count('org_unit')).toBe(3);
    expect(
      (await t.tdb.db.query(`SELECT 1 FROM audit_log WHERE action = 'registry.unit.credit_code_override'`)).rowCount,
    ).toBe(1);
  });

  it('undo removes the units while untouched, and refuses once one has changed', async () => {
    const res = await worker.call('POST', `/api/v1/registry/imports/${committed}/undo`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ removed: 3 });
    expect(await count('org_unit')).toBe(0);

    const id = await uploadId('units', await units());
    await commit(id);
    const corrected = await commit(
      await uploadId(
        'units',
        await sheet(UNIT_HEADERS, [[1, '企业', '甲科技有限公司', CODE_A, null, '1幢', '赵法人', '钱联系', null, 25]]),
      ),
    );
    expect(corrected).toMatchObject({ updated: 1 });
    const blocked = await worker.call('POST', `/api/v1/registry/imports/${id}/undo`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'IMPORT_UNDO_BLOCKED', details: { units: ['甲科技有限公司'] } });
  });

  it('a worker of community 2 cannot import units into community 1; a code registered there is refused in community 2', async () => {
    const other = await login(t.app, 'c2worker');
    expect((await upload(other, 'units', await units())).statusCode).toBe(404);
    const res = await upload(
      other,
      'units',
      await sheet(UNIT_HEADERS, [[1, '企业', '甲科技有限公司', CODE_A, null, '2幢', null, null, null, null]]),
      t.tree.community2,
    );
    const r = (
      await other.call('POST', `/api/v1/registry/imports/${(res.json() as { id: number }).id}/run`, {})
    ).json() as Result;
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, '统一社会信用代码']]);
    expect(r.errors[0]!.reason).toMatch(/其他辖区/);
  });
});

describe('templates', () => {
  it.each([
    ['houses', '房屋地址'],
    ['units', '统一社会信用代码'],
    ['residents', '公民身份号码'],
  ])('the %s template has Chinese headers and an example row that passes a dry run', async (kind, header) => {
    const res = await worker.call('GET', `/api/v1/registry/import-template?kind=${kind}`);
    expect(res.statusCode).toBe(200);
    const file = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]!.getRow(2).values as unknown[]).slice(1);
    expect(headers).toContain(header);
    const id = await uploadId(kind, file);
    const r = (await run(id)).json() as Result;
    expect(r).toMatchObject({ totalRows: 1, badRows: 0 });
  });
});
