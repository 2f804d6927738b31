/**
 * The figures on real PostgreSQL: requests recorded and driven through their lifecycle over the API,
 * then every figure checked against a count by hand; the children, categories, channels, days, the
 * previous period, departments, hot topics, repeated complaints and the caller's jurisdiction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FiguresAnswer, HotTopicsAnswer } from '@linli/contracts';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

/** China time 10:00 on Tuesday 2026-11-17 (a working day). */
let clock = new Date('2026-11-17T02:00:00Z');
const at = (iso: string) => (clock = new Date(iso));

let t: TestApp;
const s: Record<string, Session> = {};
const cats: Record<string, number> = {};
let departmentId = 0;

interface R {
  id: number;
  version: number;
}

async function intake(over: Record<string, unknown> = {}, who = 'c1window'): Promise<R> {
  const res = await s[who]!.call('POST', '/api/v1/requests', {
    channel: 'hotline',
    categoryId: cats.env_sanitation,
    description: '楼下垃圾桶满了没人清运',
    nodeId: t.tree.household1,
    contactPhone: '13812345678',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as R;
}

async function step(who: string, r: R, body: Record<string, unknown>): Promise<R> {
  const res = await s[who]!.call('POST', `/api/v1/requests/${r.id}/actions`, { version: r.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as R;
}

/** Through to a rating: dispatch (default target or the given one), sign for, resolve, verify, rate. */
async function handle(
  r: R,
  who: { dispatcher: string; handler: string; target?: Record<string, number> },
  times: { sign: string; resolve: string },
  rating: string,
): Promise<R> {
  r = await step(who.dispatcher, r, { action: 'dispatch', ...(who.target ? { target: who.target } : {}) });
  at(times.sign);
  r = await step(who.handler, r, { action: 'sign_for' });
  at(times.resolve);
  r = await step(who.handler, r, { action: 'resolve', note: '已处理完毕' });
  r = await step(who.dispatcher, r, { action: 'verify' });
  // The callback: the window clerk records the rating in community 1, the worker in community 2.
  return step(who.dispatcher === 'c1dir' ? 'c1window' : 'c2worker', r, { action: 'rate', rating });
}

async function figures(who: string, query: string): Promise<FiguresAnswer> {
  const res = await s[who]!.call('GET', `/api/v1/request-figures?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as FiguresAnswer;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  for (const u of [
    'c1window',
    'c1dir',
    'c1worker',
    'g1worker',
    'c2dir',
    'c2worker',
    'street1',
    'street2',
    'district',
    'dept1',
  ])
    s[u] = await login(t.app, u);
  const { rows } = await t.tdb.db.query<{ id: number; code: string }>(`SELECT id::int, code FROM request_category`);
  for (const c of rows) cats[c.code] = c.id;
  const d = await t.tdb.db.query<{ id: number }>(
    `INSERT INTO department (node_id, node_path, code, name) SELECT id, path, 'cg', '城管执法' FROM jurisdiction_node WHERE id = $1 RETURNING id::int`,
    [t.tree.district],
  );
  departmentId = d.rows[0]!.id;
  await t.tdb.db.query(`INSERT INTO department_member (department_id, user_id) VALUES ($1, $2)`, [
    departmentId,
    t.users.dept1,
  ]);

  // G: last month (previous period), responded only — same caller, matter and place as A, B, C.
  at('2026-10-20T02:00:00Z');
  const g = await intake();
  await step('c1dir', g, { action: 'dispatch' });
  at('2026-10-20T02:30:00Z');
  await step('g1worker', (await s.c1dir!.call('GET', `/api/v1/requests/${g.id}`)).json() as R, { action: 'sign_for' });

  // A: signed for in 0.5 working hours, resolved after 1, satisfied, closed.
  at('2026-11-17T02:00:00Z');
  let a = await intake();
  a = await handle(
    a,
    { dispatcher: 'c1dir', handler: 'g1worker' },
    { sign: '2026-11-17T02:30:00Z', resolve: '2026-11-17T03:00:00Z' },
    'satisfied',
  );
  await step('c1dir', a, { action: 'close' });

  // B: signed for late (14:00, due 12:00: 2.5 working hours with the lunch break), basically satisfied.
  at('2026-11-17T02:00:00Z');
  const b = await intake();
  await handle(
    b,
    { dispatcher: 'c1dir', handler: 'g1worker' },
    { sign: '2026-11-17T06:00:00Z', resolve: '2026-11-17T06:30:00Z' },
    'basically_satisfied',
  );

  // C: a walk-in, dispatched and returned by the grid worker.
  at('2026-11-17T02:00:00Z');
  const c = await intake({ channel: 'window' });
  const cd = await step('c1dir', c, { action: 'dispatch' });
  await step('g1worker', cd, { action: 'return', note: '不属于本网格' });

  // D: street 2, unsatisfied, reopened, resolved again within the new limit, satisfied.
  at('2026-11-17T02:00:00Z');
  let d2 = await intake({ nodeId: t.tree.household2, categoryId: cats.property }, 'c2worker');
  d2 = await handle(
    d2,
    { dispatcher: 'c2dir', handler: 'c2worker', target: { nodeId: t.tree.community2 } },
    { sign: '2026-11-17T02:30:00Z', resolve: '2026-11-17T03:00:00Z' },
    'unsatisfied',
  );
  at('2026-11-18T02:00:00Z');
  d2 = await step('c2dir', d2, { action: 'reopen', note: '居民不满意' });
  d2 = await step('c2worker', d2, { action: 'sign_for' });
  d2 = await step('c2worker', d2, { action: 'resolve', note: '重新处理' });
  d2 = await step('c2dir', d2, { action: 'verify' });
  await step('c2dir', d2, { action: 'rate', rating: 'satisfied' });

  // E: declined: counts nowhere.
  at('2026-11-17T02:00:00Z');
  const e = await intake({ nodeId: t.tree.household2, contactPhone: '13900001111' }, 'c2worker');
  await step('c2dir', e, { action: 'decline', note: '重复来电' });

  // F: grid patrol, a consultation, still waiting; then H: dispatched to a department and signed for.
  const f = await intake({ channel: 'patrol', categoryId: cats.consultation, contactPhone: undefined });
  void f;
  const h = await intake({ channel: 'window', categoryId: cats.municipal, contactPhone: '13900002222' });
  const hd = await step('c1dir', h, { action: 'dispatch', target: { departmentId } });
  at('2026-11-17T02:15:00Z');
  await step('dept1', hd, { action: 'sign_for' });
  at('2026-11-20T02:00:00Z');
});
afterAll(async () => t.close());

const HOUR = 3_600_000;

describe('request figures: every figure against a hand count', () => {
  it('the district for November: rates, on-time rates, return and reopen rates, averages', async () => {
    const f = await figures('district', `nodeId=${t.tree.district}&from=2026-11-01&to=2026-11-30`);
    // Cohort: A B C D F H (E declined). Responded A B D H; on time A D H (B signed at 14:00, due 12:00).
    expect(f.totals.counts).toMatchObject({
      total: 6,
      responded: 4,
      respondedOnTime: 3,
      resolved: 3,
      resolvedOnTime: 3,
      rated: 3,
      satisfied: 2,
      basicallySatisfied: 1,
      unsatisfied: 0,
      returned: 1,
      reopened: 1,
    });
    expect(f.totals.responseRate).toBeCloseTo(4 / 6);
    expect(f.totals.resolutionRate).toBeCloseTo(3 / 6);
    expect(f.totals.satisfactionRate).toBe(1); // (2 satisfied + 1 basically) / 3 rated
    expect(f.totals.onTimeResponseRate).toBeCloseTo(3 / 4);
    expect(f.totals.onTimeResolutionRate).toBe(1);
    expect(f.totals.returnRate).toBeCloseTo(1 / 6);
    expect(f.totals.reopenRate).toBeCloseTo(1 / 6);
    // Respond: A 0.5 h, B 2.5 h (10:00–12:00 and 13:30–14:00), D 0.5 h, H 0.25 h.
    expect(f.totals.counts.respondWorkMs).toBe(3.75 * HOUR);
    expect(f.totals.avgRespondHours).toBeCloseTo(3.75 / 4);
    // First resolution: A 1 h, B 3 h, D 1 h (its first, before the reopen); days of 7.5 office hours.
    expect(f.totals.counts.resolveWorkMs).toBe(5 * HOUR);
    expect(f.totals.avgResolveDays).toBeCloseTo(5 / 3 / 7.5);
    expect(f.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(f.previousPeriod).toEqual({ from: '2026-10-01', to: '2026-10-30' });
    expect(f.previous.counts).toMatchObject({ total: 1, responded: 1, respondedOnTime: 1, resolved: 0 });
  });

  it('by child: district → streets → community → grid, each summing its subtree', async () => {
    const byStreet = await figures('district', `nodeId=${t.tree.district}&from=2026-11-01&to=2026-11-30`);
    const street = (id: number) => byStreet.groups.find((g) => g.nodeId === id)!;
    expect(street(t.tree.street1).figures.counts).toMatchObject({ total: 5, responded: 3, resolved: 2, returned: 1 });
    expect(street(t.tree.street1).canDrill).toBe(true);
    expect(street(t.tree.street2).figures.counts).toMatchObject({ total: 1, responded: 1, resolved: 1, reopened: 1 });
    const community = await figures('district', `nodeId=${t.tree.street1}&from=2026-11-01&to=2026-11-30`);
    expect(community.groups.map((g) => [g.nodeId, g.figures.counts.total])).toEqual([[t.tree.community1, 5]]);
    expect(community.trail.map((n) => n.id)).toEqual([t.tree.district, t.tree.street1]);
    const grid = await figures('district', `nodeId=${t.tree.community1}&from=2026-11-01&to=2026-11-30`);
    expect(grid.groups.map((g) => [g.nodeId, g.level, g.figures.counts.total])).toEqual([[t.tree.grid1, 'grid', 5]]);
    const inGrid = await figures('district', `nodeId=${t.tree.grid1}&from=2026-11-01&to=2026-11-30`);
    expect(inGrid.totals.counts.total).toBe(5);
    expect(inGrid.groups).toEqual([]);
  });

  it('by category, channel and day, and by department from the requests themselves', async () => {
    const base = `nodeId=${t.tree.district}&from=2026-11-01&to=2026-11-30`;
    const byCategory = await figures('district', `${base}&groupBy=category`);
    expect(Object.fromEntries(byCategory.groups.map((g) => [g.label, g.figures.counts.total]))).toEqual({
      环境卫生: 3,
      物业管理: 1,
      政策咨询: 1,
      市政设施: 1,
    });
    // English screens show the English names the categories carry; channels are labelled by the screen.
    expect(byCategory.groups.find((g) => g.label === '环境卫生')!.labelEn).toBe('Environment and sanitation');
    const byChannel = await figures('district', `${base}&groupBy=channel`);
    expect(Object.fromEntries(byChannel.groups.map((g) => [g.key, g.figures.counts.total]))).toEqual({
      hotline: 3,
      window: 2,
      patrol: 1,
    });
    const byDay = await figures('district', `${base}&groupBy=day`);
    expect(byDay.groups).toHaveLength(30);
    expect(byDay.groups.find((g) => g.key === '2026-11-17')!.figures.counts.total).toBe(6);
    expect(byDay.groups.filter((g) => g.figures.counts.total > 0)).toHaveLength(1);
    const byMonth = await figures('district', `nodeId=${t.tree.district}&from=2026-10-01&to=2026-11-30&groupBy=month`);
    expect(byMonth.groups.map((g) => [g.key, g.figures.counts.total])).toEqual([
      ['2026-10', 1],
      ['2026-11', 6],
    ]);
    expect(byCategory.byDepartment).toEqual([expect.objectContaining({ departmentId, name: '城管执法' })]);
    expect(byCategory.byDepartment[0]!.figures).toMatchObject({ responseRate: 1, resolutionRate: 0 });
  });

  it('defaults: the caller’s own jurisdiction and this month to date, compared with the same days last month', async () => {
    const f = await figures('c1worker', '');
    expect(f.node.id).toBe(t.tree.community1);
    expect(f.period).toEqual({ from: '2026-11-01', to: '2026-11-20' });
    expect(f.previousPeriod).toEqual({ from: '2026-10-01', to: '2026-10-20' });
    expect(f.totals.counts.total).toBe(5);
    expect(f.previous.counts.total).toBe(1);
  });

  it('another jurisdiction is not found; a bad period says what to fix', async () => {
    expect((await s.street2!.call('GET', `/api/v1/request-figures?nodeId=${t.tree.street1}`)).statusCode).toBe(404);
    expect((await s.c2worker!.call('GET', `/api/v1/request-figures?nodeId=${t.tree.district}`)).statusCode).toBe(404);
    const bad = await s.district!.call('GET', `/api/v1/request-figures?from=2026-11-20&to=2026-11-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('开始日期不能晚于结束日期');
  });

  it('hot topics: categories and places with their trend, repeated complaints with the phone masked', async () => {
    const res = await s.district!.call(
      'GET',
      `/api/v1/request-figures/hot-topics?nodeId=${t.tree.district}&month=2026-11`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json() as HotTopicsAnswer;
    expect(h.months).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(h.categories[0]).toMatchObject({ name: '环境卫生', count: 3, previous: [0, 0, 1] });
    expect(h.categories[0]!.trend).toBeCloseTo(3 / (1 / 3) - 1);
    const grid1 = h.places.find((p) => p.nodeId === t.tree.grid1)!;
    expect(grid1).toMatchObject({ level: 'grid', count: 5, previous: [0, 0, 1] });
    expect(h.places.find((p) => p.nodeId === t.tree.community1)).toMatchObject({ level: 'community', count: 5 });
    expect(h.places.find((p) => p.nodeId === t.tree.building1)).toMatchObject({ level: 'building', count: 5 });
    // A, B, C and G: the same caller, matter and household, four times within 60 days.
    expect(h.repeatedComplaints).toHaveLength(1);
    expect(h.repeatedComplaints[0]).toMatchObject({ phoneMasked: '138****5678', categoryName: '环境卫生', count: 4 });
    expect(res.body).not.toContain('13812345678');
    expect(
      (await s.street2!.call('GET', `/api/v1/request-figures/hot-topics?nodeId=${t.tree.street1}`)).statusCode,
    ).toBe(404);
  });
});
