/**
 * Export of the house and unit lists on real PostgreSQL: the list's filters, no paging, the caller's
 * scope, religious sites only with registry.sensitive, numbers masked unless revealed with a reason,
 * and an audit entry for every export. The .xlsx is read back with exceljs.
 */
import { computeCreditCodeCheck } from '@linli/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: Session;
let c1worker: Session;
let c2worker: Session;
let c1dir: Session;
let c1window: Session;
const houses: Record<string, number> = {};
const day = /^\d{8}$/;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  c1worker = await login(t.app, 'c1worker');
  c2worker = await login(t.app, 'c2worker');
  c1dir = await login(t.app, 'c1dir');
  c1window = await login(t.app, 'c1window');
  const made = [
    {
      key: 'rented',
      nodeId: t.tree.household1,
      use: 'rented',
      areaM2: 89.5,
      ownerName: '李四',
      ownerPhone: '13900001111',
    },
    {
      key: 'own',
      nodeId: t.tree.household1b,
      use: 'owner_occupied',
      areaM2: 120,
      ownerName: '张三',
      ownerPhone: '13900002222',
    },
    {
      key: 'other',
      nodeId: t.tree.household2,
      use: 'vacant',
      areaM2: 60,
      ownerName: '乙户主',
      ownerPhone: '13900003333',
    },
  ];
  for (const { key, ...h } of made) {
    const res = await admin.call('POST', '/api/v1/houses', h);
    expect(res.statusCode, res.body).toBe(201);
    houses[key] = (res.json() as { id: number }).id;
  }
  const code17 = '91330199MA01ABCD1';
  const units = [
    {
      nodeId: t.tree.community1,
      kind: 'company',
      name: '甲科技有限公司',
      creditCode: code17 + computeCreditCodeCheck(code17),
      legalRepresentative: '赵六',
      contactName: '钱七',
      contactPhone: '13600001111',
      employees: 25,
    },
    { nodeId: t.tree.grid1, kind: 'shop', name: '便民小超市', contactName: '孙八', contactPhone: '13600002222' },
    { nodeId: t.tree.community2, kind: 'shop', name: '乙社区药店', contactPhone: '13600003333' },
  ];
  for (const u of units) {
    const res = await admin.call('POST', '/api/v1/units', u);
    expect(res.statusCode, res.body).toBe(201);
  }
  const site = await c1dir.call('POST', '/api/v1/units', {
    nodeId: t.tree.community1,
    kind: 'religious_site',
    name: '福佑寺',
    religion: '佛教',
  });
  expect(site.statusCode, site.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

async function open(res: { statusCode: number; rawPayload: Buffer; headers: Record<string, unknown>; body: string }) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const disposition = String(res.headers['content-disposition']);
  const fileName = decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? '');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) =>
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v as string | number)))),
  );
  return { fileName, ws, rows, data: rows.slice(2) };
}

async function lastAudit(action: string) {
  const { rows } = await t.tdb.db.query<{ summary: Record<string, unknown>; actor_name: string }>(
    `SELECT summary, actor_name FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1`,
    [action],
  );
  return rows[0];
}

describe('GET /api/v1/houses/export (房屋清单)', () => {
  it('every house of the caller’s jurisdiction, Chinese headers, owner phones masked, named after place and day', async () => {
    const { fileName, ws, rows, data } = await open(await c1worker.call('GET', '/api/v1/houses/export'));
    const [what, place, date] = fileName.replace(/\.xlsx$/, '').split('-');
    expect([what, place]).toEqual(['房屋清单', '甲社区']);
    expect(date).toMatch(day);
    expect(rows[0]![0]).toMatch(/^甲社区房屋清单\s+导出日期：\d{4}-\d{2}-\d{2}$/);
    expect(rows[1]).toEqual([
      '序号',
      '房屋地址',
      '建筑面积（㎡）',
      '房屋用途',
      '产权人',
      '产权人联系电话',
      '在租登记（户）',
      '居住人数',
      '备注',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(data.map((r) => r.slice(0, 7))).toEqual([
      ['1', '一街道 甲社区 1幢 1单元101室', '89.5', '出租', '李四', '139****1111', '0'],
      ['2', '一街道 甲社区 1幢 1单元102室', '120', '自住', '张三', '139****2222', '0'],
    ]);
    expect(data[0]![8]).toContain('尚未办理出租登记');
    expect(JSON.stringify(rows)).not.toContain('13900001111');
  });

  it('the same filters as the list: node, use, rental missing', async () => {
    const byUse = await open(await c1worker.call('GET', '/api/v1/houses/export?use=owner_occupied'));
    expect(byUse.data.map((r) => r[4])).toEqual(['张三']);
    const missing = await open(await c1worker.call('GET', '/api/v1/houses/export?rentalMissing=true'));
    expect(missing.data.map((r) => r[4])).toEqual(['李四']);
    const byNode = await open(await c1worker.call('GET', `/api/v1/houses/export?nodeId=${t.tree.household1b}`));
    expect(byNode.data.map((r) => r[4])).toEqual(['张三']);
    expect(byNode.fileName).toMatch(/^房屋清单-1单元102室-\d{8}\.xlsx$/);
    const list = (await c1worker.call('GET', '/api/v1/houses?use=owner_occupied')).json() as { total: number };
    expect(byUse.data).toHaveLength(list.total);
  });

  it('a sibling community’s worker gets a file without the other community’s houses, and no node of it', async () => {
    const { fileName, data } = await open(await c2worker.call('GET', '/api/v1/houses/export'));
    expect(fileName).toMatch(/^房屋清单-乙社区-\d{8}\.xlsx$/);
    expect(data.map((r) => r[4])).toEqual(['乙户主']);
    const refused = await c2worker.call('GET', `/api/v1/houses/export?nodeId=${t.tree.community1}`);
    expect(refused.statusCode).toBe(404);
  });

  it('a street exports its own communities only; the district all of them', async () => {
    const street = await open(await (await login(t.app, 'street1')).call('GET', '/api/v1/houses/export'));
    expect(street.fileName).toMatch(/^房屋清单-一街道-\d{8}\.xlsx$/);
    expect(street.data.map((r) => r[4])).toEqual(['李四', '张三']);
    const district = await open(await (await login(t.app, 'district')).call('GET', '/api/v1/houses/export'));
    expect(district.data.map((r) => r[4]).sort()).toEqual(['乙户主', '张三', '李四'].sort());
  });

  it('full phones only with registry.reveal and a reason; every export is audited', async () => {
    await open(await c1worker.call('GET', '/api/v1/houses/export?use=rented'));
    expect(await lastAudit('registry.house.export')).toMatchObject({
      actor_name: 'c1worker',
      summary: { rows: 1, revealed: 0, reason: null, filters: { use: 'rented', reveal: 'false' } },
    });

    const noReason = await c1worker.call('GET', '/api/v1/houses/export?reveal=true');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'EXPORT_REVEAL_REASON_REQUIRED' });

    const { data } = await open(
      await c1worker.call('GET', `/api/v1/houses/export?reveal=true&reason=${encodeURIComponent('出租房屋排查')}`),
    );
    expect(data.map((r) => r[5])).toEqual(['13900001111', '13900002222']);
    expect(await lastAudit('registry.house.export')).toMatchObject({
      actor_name: 'c1worker',
      summary: { rows: 2, revealed: 2, reason: '出租房屋排查' },
    });

    const clerk = await c1window.call('GET', `/api/v1/houses/export?reveal=true&reason=${encodeURIComponent('核对')}`);
    expect(clerk.statusCode).toBe(403);
  });

  it('rejects an unknown filter with a field message', async () => {
    const res = await c1worker.call('GET', '/api/v1/houses/export?use=castle');
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/v1/units/export (辖区单位清单)', () => {
  it('units of the jurisdiction with the units-register headers; religious sites only with registry.sensitive', async () => {
    const worker = await open(await c1worker.call('GET', '/api/v1/units/export'));
    expect(worker.fileName).toMatch(/^辖区单位清单-甲社区-\d{8}\.xlsx$/);
    expect(worker.rows[1]).toEqual([
      '序号',
      '单位类别',
      '单位名称',
      '统一社会信用代码',
      '法定代表人（负责人）',
      '联系人',
      '联系电话',
      '从业人数',
      '地址',
      '状态',
      '备注',
    ]);
    expect(worker.data.map((r) => r[2]).sort()).toEqual(['便民小超市', '甲科技有限公司'].sort());
    const company = worker.data.find((r) => r[2] === '甲科技有限公司')!;
    expect(company.slice(1, 10)).toEqual([
      '企业',
      '甲科技有限公司',
      expect.stringMatching(/^91330199MA01ABCD1.$/),
      '赵六',
      '钱七',
      '136****1111',
      '25',
      '一街道 甲社区',
      '正常',
    ]);
    expect(JSON.stringify(worker.rows)).not.toContain('福佑寺');
    const sensitive = await open(await c1worker.call('GET', '/api/v1/units/export?kind=religious_site'));
    expect(sensitive.data).toEqual([]);

    const director = await open(await c1dir.call('GET', '/api/v1/units/export?kind=religious_site'));
    expect(director.data.map((r) => [r[1], r[2]])).toEqual([['宗教场所', '福佑寺']]);
  });

  it('the same filters as the list: name or code, node, kind, status', async () => {
    const byName = await open(await c1worker.call('GET', `/api/v1/units/export?q=${encodeURIComponent('超市')}`));
    expect(byName.data.map((r) => r[2])).toEqual(['便民小超市']);
    const byNode = await open(await c1worker.call('GET', `/api/v1/units/export?nodeId=${t.tree.grid1}`));
    expect(byNode.data.map((r) => r[2])).toEqual(['便民小超市']);
    expect(byNode.fileName).toMatch(/^辖区单位清单-第一网格-\d{8}\.xlsx$/);
    const byKind = await open(await c1worker.call('GET', '/api/v1/units/export?kind=company'));
    expect(byKind.data.map((r) => r[2])).toEqual(['甲科技有限公司']);
    const closed = await open(await c1worker.call('GET', '/api/v1/units/export?status=closed'));
    expect(closed.data).toEqual([]);
  });

  it('a sibling community’s worker gets a file without the other community’s units', async () => {
    const { data } = await open(await c2worker.call('GET', '/api/v1/units/export'));
    expect(data.map((r) => r[2])).toEqual(['乙社区药店']);
    expect((await c2worker.call('GET', `/api/v1/units/export?nodeId=${t.tree.grid1}`)).statusCode).toBe(404);
  });

  it('full contact phones with a reason, audited; refused without registry.reveal', async () => {
    const { data } = await open(
      await c1worker.call(
        'GET',
        `/api/v1/units/export?kind=shop&reveal=true&reason=${encodeURIComponent('消防检查通知')}`,
      ),
    );
    expect(data.map((r) => r[6])).toEqual(['13600002222']);
    expect(await lastAudit('registry.unit.export')).toMatchObject({
      actor_name: 'c1worker',
      summary: { rows: 1, revealed: 1, reason: '消防检查通知', filters: { kind: 'shop', status: 'active' } },
    });
    const clerk = await c1window.call('GET', `/api/v1/units/export?reveal=true&reason=${encodeURIComponent('核对')}`);
    expect(clerk.statusCode).toBe(403);
  });
});
