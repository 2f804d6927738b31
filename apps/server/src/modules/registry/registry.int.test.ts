/** The resident registry on real PostgreSQL: rules, encryption at rest, masking, reveal log, scope, history. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let worker: Session;
let director: Session;
beforeAll(async () => {
  t = await createTestApp();
  worker = await login(t.app, 'c1worker');
  director = await login(t.app, 'c1dir');
});
afterAll(async () => {
  await t.close();
});

type Detail = {
  id: number;
  name: string;
  version: number;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  gender: string;
  birthDate: string;
  isMinor: boolean;
  address: string;
  sensitive: unknown;
  sensitiveHidden: boolean;
  politicalStatus: string | null;
  tags: string[];
  household: { id: number }[];
  events: { kind: string; changes: Record<string, unknown>; fromAddress: string | null; toAddress: string | null }[];
};

const base = () => ({ nodeId: t.tree.household1, registrationType: 'registered', relationToHead: 'head' });

describe('registering a resident', () => {
  it('says which fields are wrong and what would be right', async () => {
    const res = await worker.call('POST', '/api/v1/residents', {
      ...base(),
      name: '王芳',
      idNumber: '11010519491231002X',
      gender: 'male',
      phone: '1381234567',
      registrationType: 'floating',
    });
    expect(res.statusCode).toBe(400);
    const details = (res.json() as { details: { path: string; message: string }[] }).details;
    expect(details.map((d) => d.path).sort()).toEqual(['body.arrivalDate', 'body.gender', 'body.origin', 'body.phone']);
    expect(details.find((d) => d.path === 'body.gender')!.message).toBe('性别与证件号码不一致：按证件号码应为「女」');
  });

  it('takes gender and birth date from the ID number, stores ID and phone encrypted, shows them masked', async () => {
    const res = await worker.call('POST', '/api/v1/residents', {
      ...base(),
      name: '王芳',
      idNumber: '11010519491231002x',
      phone: '138 1234 5678',
      tags: ['living_alone'],
    });
    expect(res.statusCode).toBe(201);
    const r = res.json() as Detail;
    expect(r).toMatchObject({
      gender: 'female',
      birthDate: '1949-12-31',
      idNumberMasked: '110105********002X',
      phoneMasked: '138****5678',
      tags: ['living_alone'],
    });
    expect(r.address).toBe('一街道 甲社区 1幢 1单元101室');
    expect(r.events.map((e) => e.kind)).toEqual(['register']);
    const { rows } = await t.tdb.db.query(`SELECT * FROM resident WHERE id = $1`, [r.id]);
    const text = JSON.stringify(rows[0]);
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13812345678');
    expect(rows[0]!.name_initials).toBe('wf');
  });

  it('never registers the same ID number twice', async () => {
    const res = await worker.call('POST', '/api/v1/residents', {
      ...base(),
      name: '王芳芳',
      idNumber: '11010519491231002X',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'RESIDENT_ID_TAKEN' });
  });

  it('only into a household, and flags minors', async () => {
    const bad = await worker.call('POST', '/api/v1/residents', {
      ...base(),
      nodeId: t.tree.building1,
      name: '李四',
      gender: 'male',
    });
    expect(bad.json()).toMatchObject({ code: 'NODE_NOT_HOUSEHOLD' });
    const child = await worker.call('POST', '/api/v1/residents', {
      ...base(),
      relationToHead: 'child',
      name: '王小明',
      gender: 'male',
      birthDate: '2016-05-01',
    });
    expect((child.json() as Detail).isMinor).toBe(true);
  });
});

describe('personal data', () => {
  it('reveals a full number only with a reason, and logs who, whose and why', async () => {
    const [r] = (await worker.call('GET', '/api/v1/residents?q=wf')).json<{ items: Detail[] }>().items;
    const noReason = await worker.call('POST', `/api/v1/residents/${r!.id}/reveal`, { field: 'idNumber', reason: '' });
    expect(noReason.statusCode).toBe(400);
    const ok = await worker.call('POST', `/api/v1/residents/${r!.id}/reveal`, {
      field: 'idNumber',
      reason: '办理高龄补贴',
    });
    expect(ok.json()).toEqual({ field: 'idNumber', value: '11010519491231002X' });
    const { rows } = await t.tdb.db.query(
      `SELECT actor_name, summary FROM audit_log WHERE action = 'registry.resident.reveal'`,
    );
    expect(rows).toEqual([
      { actor_name: 'c1worker', summary: { name: '王芳', field: 'idNumber', reason: '办理高龄补贴' } },
    ]);
    const vol = await login(t.app, 'vol1');
    expect(
      (await vol.call('POST', `/api/v1/residents/${r!.id}/reveal`, { field: 'phone', reason: '核对' })).statusCode,
    ).toBe(403);
  });

  it('health, disability, religion and political status: only roles that need them', async () => {
    const denied = await worker.call('POST', '/api/v1/residents', {
      ...base(),
      name: '赵六',
      gender: 'male',
      sensitive: { disabilityKind: '视力残疾' },
    });
    expect(denied.json()).toMatchObject({ code: 'SENSITIVE_FORBIDDEN' });
    const created = (
      await director.call('POST', '/api/v1/residents', {
        ...base(),
        nodeId: t.tree.household1b,
        name: '赵六',
        gender: 'male',
        politicalStatus: 'cpc_member',
        sensitive: { disabilityKind: '视力残疾', disabilityGrade: '二级' },
      })
    ).json() as Detail;
    expect(created.sensitive).toMatchObject({ disabilityKind: '视力残疾' });
    const asWorker = (await worker.call('GET', `/api/v1/residents/${created.id}`)).json() as Detail;
    expect(asWorker).toMatchObject({ sensitive: null, sensitiveHidden: true, politicalStatus: null });
    expect(JSON.stringify(asWorker)).not.toContain('视力残疾');
    expect(JSON.stringify(asWorker)).not.toContain('cpc_member');
  });
});

describe('changes keep history', () => {
  it('a correction with a stale version is refused; a fresh one is recorded field by field', async () => {
    const [r] = (await worker.call('GET', '/api/v1/residents?q=wf')).json<{ items: Detail[] }>().items;
    const d = (await worker.call('GET', `/api/v1/residents/${r!.id}`)).json() as Detail;
    const first = await worker.call('PATCH', `/api/v1/residents/${d.id}`, {
      version: d.version,
      phone: '13900001111',
      reason: '居民来电更正',
    });
    expect(first.statusCode).toBe(200);
    const stale = await director.call('PATCH', `/api/v1/residents/${d.id}`, { version: d.version, name: '王芳华' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT' });
    const after = first.json() as Detail;
    expect(after.phoneMasked).toBe('139****1111');
    expect(after.events[0]).toMatchObject({
      kind: 'update',
      changes: { phone: { before: '138****5678', after: '139****1111' } },
    });
    expect(Object.keys(after.events[0]!.changes)).toEqual(['phone']);
  });

  it('concurrent corrections of one record: exactly one wins', async () => {
    const [r] = (await worker.call('GET', '/api/v1/residents?q=wf')).json<{ items: Detail[] }>().items;
    const d = (await worker.call('GET', `/api/v1/residents/${r!.id}`)).json() as Detail;
    const results = await Promise.all([
      worker.call('PATCH', `/api/v1/residents/${d.id}`, { version: d.version, ethnicity: '汉族' }),
      director.call('PATCH', `/api/v1/residents/${d.id}`, { version: d.version, ethnicity: '回族' }),
    ]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
  });

  it('moves between households and out of the jurisdiction, with addresses in the history', async () => {
    const [r] = (await worker.call('GET', '/api/v1/residents?q=wf')).json<{ items: Detail[] }>().items;
    const moved = await worker.call('POST', `/api/v1/residents/${r!.id}/move`, {
      kind: 'change_household',
      toNodeId: t.tree.household1b,
      relationToHead: 'parent',
      occurredOn: '2026-10-01',
      reason: '随子女居住',
    });
    expect(moved.statusCode).toBe(200);
    const m = moved.json() as Detail;
    expect(m.address).toBe('一街道 甲社区 1幢 1单元102室');
    // The history is ordered by when things happened: the move (1 Oct) comes after today's correction.
    expect(m.events.find((e) => e.kind === 'change_household')).toMatchObject({
      fromAddress: '一街道 甲社区 1幢 1单元101室',
      toAddress: '一街道 甲社区 1幢 1单元102室',
    });
    expect(m.household.length).toBe(2);
    // Into another community: outside a community worker's scope.
    expect(
      (
        await worker.call('POST', `/api/v1/residents/${r!.id}/move`, {
          kind: 'move_in',
          toNodeId: t.tree.household2,
          relationToHead: 'head',
          occurredOn: '2026-10-02',
        })
      ).statusCode,
    ).toBe(404);
    const out = (
      await worker.call('POST', `/api/v1/residents/${r!.id}/end`, {
        kind: 'move_out',
        occurredOn: '2026-11-01',
        reason: '迁往外省',
      })
    ).json() as Detail;
    expect(out).toMatchObject({ status: 'moved_out' });
    const list = (await worker.call('GET', '/api/v1/residents?q=wf')).json() as { items: Detail[] };
    expect(list.items.map((x) => x.id)).not.toContain(r!.id);
    const former = (await worker.call('GET', '/api/v1/residents?q=wf&status=moved_out')).json() as { items: Detail[] };
    expect(former.items.map((x) => x.id)).toContain(r!.id);
  });
});

describe('search', () => {
  it('by name, pinyin initials, full ID, phone, last digits and address, within scope only', async () => {
    await director.call('POST', '/api/v1/residents', {
      ...base(),
      name: '张三',
      idNumber: '330199198001010017',
      phone: '13712345678',
      relationToHead: 'spouse',
    });
    const c2 = await login(t.app, 'c2worker');
    await c2.call('POST', '/api/v1/residents', {
      ...base(),
      nodeId: t.tree.household2,
      name: '张三丰',
      gender: 'male',
    });
    const names = async (s: Session, q: string) =>
      (await s.call('GET', `/api/v1/residents?q=${encodeURIComponent(q)}`))
        .json<{ items: Detail[] }>()
        .items.map((x) => x.name);
    expect(await names(worker, '张')).toEqual(['张三']);
    expect(await names(worker, 'zs')).toEqual(['张三']);
    expect(await names(worker, 'zhangsan')).toEqual(['张三']);
    expect(await names(worker, '330199198001010017')).toEqual(['张三']);
    expect(await names(worker, '13712345678')).toEqual(['张三']);
    expect(await names(worker, '0017')).toEqual(['张三']);
    expect((await names(worker, '1单元101室')).sort()).toContain('张三');
    expect(await names(c2, 'zs')).toEqual(['张三丰']);
    expect(await names(c2, '330199198001010017')).toEqual([]);
  });

  it('a node of any level narrows the list to its subtree; a node outside the scope finds nobody', async () => {
    const district = await login(t.app, 'district');
    const names = async (q: string) =>
      (await district.call('GET', `/api/v1/residents?${q}`))
        .json<{ items: Detail[] }>()
        .items.map((x) => x.name)
        .sort();
    expect(await names(`nodeId=${t.tree.community1}`)).toContain('张三');
    expect(await names(`nodeId=${t.tree.community1}`)).not.toContain('张三丰');
    expect(await names(`nodeId=${t.tree.grid2}`)).toEqual(['张三丰']);
    expect(await names(`nodeId=${t.tree.household1}&q=zs`)).toEqual(['张三']);
    expect(
      (await worker.call('GET', `/api/v1/residents?nodeId=${t.tree.community2}`)).json<{ items: Detail[] }>().items,
    ).toEqual([]);
  });

  it('care tags as a comma list or as repeated keys', async () => {
    const a = (await worker.call('GET', '/api/v1/residents?tags=living_alone,elderly_80&status=moved_out')).json<{
      total: number;
    }>();
    const b = (await worker.call('GET', '/api/v1/residents?tags=living_alone&tags=elderly_80&status=moved_out')).json<{
      total: number;
    }>();
    expect(a.total).toBe(1);
    expect(b.total).toBe(1);
  });

  it('residents follow their node when a subtree moves (the copy of the path is kept right)', async () => {
    const district = await login(t.app, 'district');
    expect(
      (await district.call('POST', `/api/v1/nodes/${t.tree.building1}/move`, { newParentId: t.tree.grid2 })).statusCode,
    ).toBe(200);
    const { rows } = await t.tdb.db.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM resident r JOIN jurisdiction_node n ON n.id = r.node_id WHERE r.node_path <> n.path`,
    );
    expect(rows[0]!.bad).toBe(0);
    const c2 = await login(t.app, 'c2worker');
    const seen = (await c2.call('GET', '/api/v1/residents?q=zs')).json<{ items: Detail[] }>().items.map((x) => x.name);
    expect(seen.sort()).toEqual(['张三', '张三丰']);
    await district.call('POST', `/api/v1/nodes/${t.tree.building1}/move`, { newParentId: t.tree.grid1 });
  });
});
