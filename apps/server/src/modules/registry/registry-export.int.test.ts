/** Excel export on real PostgreSQL: a search as .xlsx (masked, reveal audited), the three ledgers, the template. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let worker: Session;
beforeAll(async () => {
  t = await createTestApp();
  worker = await login(t.app, 'c1worker');
  const residents = [
    {
      nodeId: t.tree.household1,
      name: '王芳',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      registrationType: 'registered',
      relationToHead: 'head',
      tags: ['living_alone'],
    },
    {
      nodeId: t.tree.household1b,
      name: '李明',
      idNumber: '110105198507150016',
      registrationType: 'floating',
      relationToHead: 'tenant',
      arrivalDate: '2025-02-01',
      origin: '安徽省阜阳市',
      arrivalReason: '务工',
    },
    {
      nodeId: t.tree.household2,
      name: '乙社区人',
      gender: 'male',
      registrationType: 'registered',
      relationToHead: 'head',
    },
  ];
  const admin = await login(t.app, 'admin');
  for (const r of residents) {
    const res = await admin.call('POST', '/api/v1/residents', r);
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

// Rows come in household order (by node path); compare them in a fixed order.
const byName = <T extends unknown[]>(rows: T[]) =>
  [...rows].sort((a, b) => (a[0] === '王芳' ? -1 : b[0] === '王芳' ? 1 : 0));

async function open(res: { statusCode: number; rawPayload: Buffer; headers: Record<string, unknown>; body: string }) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename=".*\.xlsx"; filename\*=UTF-8''/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) =>
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v as string | number)))),
  );
  return { ws, rows };
}

describe('export of a resident search', () => {
  it('answers an .xlsx of the rows in scope, ID and phone masked', async () => {
    const { ws, rows } = await open(
      await worker.call('GET', `/api/v1/registry/exports/residents?nodeId=${t.tree.community1}`),
    );
    expect(rows[0]![0]).toMatch(/^甲社区查询结果\s+导出日期：\d{4}-\d{2}-\d{2}$/);
    expect(rows[1]).toEqual([
      '序号',
      '姓名',
      '性别',
      '出生日期',
      '年龄',
      '公民身份号码',
      '联系电话',
      '人口类型',
      '与户主关系',
      '住址',
      '关爱类别',
      '状态',
    ]);
    expect(byName(rows.slice(2).map((r) => [r[1], r[5], r[6], r[10]]))).toEqual([
      ['王芳', '110105********002X', '138****5678', '独居老人'],
      ['李明', '110105********0016', '', ''],
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(JSON.stringify(rows)).not.toContain('11010519491231002X');
  });

  it('the same filters as the search (here: floating only)', async () => {
    const { rows } = await open(
      await worker.call('GET', '/api/v1/registry/exports/residents?registrationType=floating'),
    );
    expect(rows.slice(2).map((r) => r[1])).toEqual(['李明']);
  });

  it('full numbers only with a reason, and the export is audited', async () => {
    const noReason = await worker.call('GET', '/api/v1/registry/exports/residents?reveal=true');
    expect(noReason.json()).toMatchObject({ code: 'EXPORT_REVEAL_REASON_REQUIRED' });
    const { rows } = await open(
      await worker.call(
        'GET',
        `/api/v1/registry/exports/residents?reveal=true&reason=${encodeURIComponent('低保年审核对')}`,
      ),
    );
    expect(byName(rows.slice(2).map((r) => [r[1], r[5], r[6]]))).toEqual([
      ['王芳', '11010519491231002X', '13812345678'],
      ['李明', '110105198507150016', ''],
    ]);
    const { rows: audit } = await t.tdb.db.query<{ summary: Record<string, unknown> }>(
      `SELECT summary FROM audit_log WHERE action = 'registry.resident.export' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0]!.summary).toMatchObject({ rows: 2, revealed: 2, reason: '低保年审核对' });
  });

  it('a window clerk (no registry.reveal) cannot export full numbers', async () => {
    const admin = await login(t.app, 'admin');
    await admin.call('POST', '/api/v1/users', {
      username: 'clerk1',
      displayName: '窗口',
      roles: [{ role: 'window_clerk', nodeId: t.tree.community1 }],
    });
    await t.tdb.db.query(
      `UPDATE app_user SET password_hash = (SELECT password_hash FROM app_user WHERE username = 'c1worker'), must_change_password = false WHERE username = 'clerk1'`,
    );
    const clerk = await login(t.app, 'clerk1');
    const res = await clerk.call('GET', '/api/v1/registry/exports/residents?reveal=true&reason=%E6%A0%B8%E5%AF%B9');
    expect(res.statusCode).toBe(403);
  });
});

describe('ledgers', () => {
  it('居民花名册（按网格）: title with the place and date, frozen header, widths, grid and address', async () => {
    const { ws, rows } = await open(
      await worker.call('GET', `/api/v1/registry/ledgers/roster?nodeId=${t.tree.community1}`),
    );
    expect(rows[0]![0]).toMatch(/^甲社区 居民花名册（按网格）\s+导出日期：/);
    expect(rows[1]!.slice(0, 5)).toEqual(['序号', '网格', '住址', '姓名', '与户主关系']);
    expect(byName(rows.slice(2).map((r) => [r[3], r[1], r[2], r[7]]))).toEqual([
      ['王芳', '第一网格', '1幢1单元101室', '110105********002X'],
      ['李明', '第一网格', '1幢1单元102室', '110105********0016'],
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(8).width).toBe(22);
  });

  it('流动人口登记表 lists floating residents with origin and arrival', async () => {
    const { rows } = await open(
      await worker.call('GET', `/api/v1/registry/ledgers/floating?nodeId=${t.tree.community1}`),
    );
    expect(rows[0]![0]).toMatch(/^甲社区 流动人口登记表/);
    expect(rows.slice(2).map((r) => [r[1], r[5], r[6], r[7]])).toEqual([
      ['李明', '安徽省阜阳市', '2025-02-01', '务工'],
    ]);
  });

  it('关爱对象台账 lists residents by care group with the visit rule', async () => {
    const { rows } = await open(await worker.call('GET', `/api/v1/registry/ledgers/care?nodeId=${t.tree.grid1}`));
    expect(rows[0]![0]).toMatch(/^第一网格 关爱对象台账/);
    expect(rows.slice(2)).toEqual([
      [
        '1',
        '独居老人',
        '王芳',
        '女',
        expect.any(String),
        '第一网格',
        '1幢1单元101室',
        '138****5678',
        '电话每 7 天，入户每 30 天',
      ],
    ]);
  });

  it('a node outside the caller’s scope is not found', async () => {
    const res = await worker.call('GET', `/api/v1/registry/ledgers/roster?nodeId=${t.tree.community2}`);
    expect(res.statusCode).toBe(404);
  });
});

describe('import template', () => {
  it('has the usual headers and an example row that the import accepts', async () => {
    const res = await worker.call('GET', '/api/v1/registry/import-template');
    const { rows } = await open(res);
    expect(rows[1]).toEqual([
      '姓名',
      '性别',
      '出生日期',
      '公民身份号码',
      '联系电话',
      '民族',
      '人口类型',
      '与户主关系',
      '住址',
      '来本地日期',
      '户籍地',
      '来本地事由',
      '关爱类别',
      '备注',
    ]);
    expect(rows[2]![0]).toBe('张三');
    const up = await worker.call('POST', `/api/v1/registry/imports?nodeId=${t.tree.community1}`, res.rawPayload, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(up.statusCode, up.body).toBe(201);
    const dry = await worker.call('POST', `/api/v1/registry/imports/${(up.json() as { id: number }).id}/run`, {});
    expect(dry.json()).toMatchObject({ totalRows: 1, badRows: 0, created: 1 });
  });
});

describe('ledgers as they stood on a past day (截至某日)', () => {
  const names = async (kind: string, nodeId: number, asOf?: string) => {
    const { rows } = await open(
      await worker.call('GET', `/api/v1/registry/ledgers/${kind}?nodeId=${nodeId}${asOf ? `&asOf=${asOf}` : ''}`),
    );
    return { title: rows[0]![0]!, names: rows.slice(2).map((r) => r[kind === 'roster' ? 3 : 1]) };
  };

  it('lists who lived there then, where they lived then, and leaves out who came later or had left', async () => {
    const admin = await login(t.app, 'admin');
    // The history as if kept for a while: everyone registered at the start of 2025 …
    await t.tdb.db.query(`UPDATE resident_event SET occurred_on = '2025-01-01' WHERE kind = 'register'`);
    const idOf = async (name: string) =>
      (await t.tdb.db.query<{ id: number }>(`SELECT id::int FROM resident WHERE name = $1`, [name])).rows[0]!.id;
    // … 李明 moved away on 1 June, 乙社区人 moved into 甲社区 on 1 August, and 新来的 registered today.
    const out = await admin.call('POST', `/api/v1/residents/${await idOf('李明')}/end`, {
      kind: 'move_out',
      occurredOn: '2025-06-01',
    });
    expect(out.statusCode, out.body).toBe(200);
    const moved = await admin.call('POST', `/api/v1/residents/${await idOf('乙社区人')}/move`, {
      kind: 'change_address',
      toNodeId: t.tree.household1b,
      relationToHead: 'head',
      occurredOn: '2025-08-01',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const added = await admin.call('POST', '/api/v1/residents', {
      nodeId: t.tree.household1,
      name: '新来的',
      gender: 'female',
      registrationType: 'registered',
      relationToHead: 'child',
    });
    expect(added.statusCode, added.body).toBe(201);

    const may = await names('roster', t.tree.community1, '2025-05-31');
    expect(may.title).toMatch(/^甲社区 居民花名册（按网格）\s+截至 2025-05-31\s+导出日期：/);
    expect(may.names.sort()).toEqual(['李明', '王芳'].sort());
    expect((await names('roster', t.tree.community1, '2025-08-01')).names.sort()).toEqual(['乙社区人', '王芳'].sort());
    expect((await names('roster', t.tree.community1, '2024-12-31')).names).toEqual([]);
    const now = (await names('roster', t.tree.community1)).names;
    expect(now).toEqual(expect.arrayContaining(['王芳', '乙社区人', '新来的']));
    expect(now).not.toContain('李明');
    expect((await names('floating', t.tree.grid1, '2025-05-31')).names).toEqual(['李明']);
    expect((await names('floating', t.tree.grid1, '2025-06-01')).names).toEqual([]);
    // The care ledger of that day: 王芳 in her care group, with her age on that day.
    const { rows: care } = await open(
      await worker.call('GET', `/api/v1/registry/ledgers/care?nodeId=${t.tree.community1}&asOf=2025-05-31`),
    );
    expect(care[0]![0]).toMatch(/^甲社区 关爱对象台账\s+截至 2025-05-31/);
    expect(care.slice(2).map((r) => [r[1], r[2], r[4]])).toEqual([['独居老人', '王芳', '75']]);
    expect((await names('care', t.tree.community1, '2024-12-31')).names).toEqual([]);
  });

  it('refuses a date that is not in the past, a ledger that has no past, and a node above a community', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const refused = async (s: Session, url: string) => {
      const res = await s.call('GET', url);
      expect(res.statusCode, res.body).toBe(400);
      return (res.json() as { details: { path: string; message: string }[] }).details[0]!;
    };
    const notPast = await refused(worker, `/api/v1/registry/ledgers/roster?nodeId=${t.tree.community1}&asOf=${today}`);
    expect(notPast.path).toBe('query.asOf');
    expect(notPast.message).toContain('今天以前');
    const noPast = await refused(worker, `/api/v1/registry/ledgers/rental?nodeId=${t.tree.community1}&asOf=2025-05-31`);
    expect(noPast.message).toContain('只有居民花名册');
    const admin = await login(t.app, 'admin');
    const tooHigh = await refused(admin, `/api/v1/registry/ledgers/roster?nodeId=${t.tree.street1}&asOf=2025-05-31`);
    expect(tooHigh.message).toContain('社区或网格');
    expect(
      (await worker.call('GET', `/api/v1/registry/ledgers/roster?nodeId=${t.tree.community1}&asOf=2025-02-30`))
        .statusCode,
    ).toBe(400);
  });
});
