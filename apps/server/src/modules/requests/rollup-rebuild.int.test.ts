/** The rollup rebuilt from the request table equals the rollup maintained on every write. */
import type { RequestDetail } from '@linli/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';
import { systemCaller } from '../../background-jobs.ts';
import { contributionKeys } from './request.ts';
import { rebuildRollup } from './requests.repository.ts';

let t: TestApp;
let now = new Date('2026-09-28T01:00:00Z'); // a make-up working day (调休) before National Day
const later = (hours: number) => (now = new Date(now.getTime() + hours * 3_600_000));
let users: Record<'window' | 'dir' | 'worker' | 'dir2' | 'window2', Session>;
const cat: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  users = {
    window: await login(t.app, 'c1window'),
    dir: await login(t.app, 'c1dir'),
    worker: await login(t.app, 'g1worker'),
    dir2: await login(t.app, 'c2dir'),
    window2: await login(t.app, 'district'),
  };
  const { rows } = await t.tdb.db.query<{ id: number; code: string }>(`SELECT id::int, code FROM request_category`);
  for (const r of rows) cat[r.code] = r.id;
});
afterAll(async () => {
  await t.close();
});

async function submit(who: Session, nodeId: number, category: string, channel = 'window', urgency = 'normal') {
  const res = await who.call('POST', '/api/v1/requests', {
    channel,
    categoryId: cat[category],
    urgency,
    description: `测试诉求：${category}`,
    nodeId,
    contactPhone: '13812345678',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<RequestDetail>();
}

async function act(who: Session, r: RequestDetail, action: string, extra: Record<string, unknown> = {}) {
  const res = await who.call('POST', `/api/v1/requests/${r.id}/actions`, { action, version: r.version, ...extra });
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json<RequestDetail>();
}

async function rollupRows() {
  const { rows } = await t.tdb.db.query<Record<string, unknown>>(
    `SELECT day::text, area_path, category_id::int, channel, ${contributionKeys.map((k) => `${k}::float8 AS ${k}`).join(', ')}
       FROM request_rollup
      WHERE ${contributionKeys.map((k) => `${k} <> 0`).join(' OR ')}
      ORDER BY area_path, day, category_id, channel`,
  );
  return rows;
}

describe('rebuildRollup', () => {
  it('gives the same figures as the incremental rollup, over every kind of lifecycle', async () => {
    const { dir, worker, window } = users;
    const done = async (r: RequestDetail, rating: string) => {
      r = await act(worker, r, 'sign_for');
      later(3);
      r = await act(worker, r, 'resolve', { note: '已清理' });
      later(1);
      r = await act(dir, r, 'verify');
      later(5);
      r = await act(window, r, 'rate', { rating });
      return r;
    };

    // Closed, satisfied, on time.
    let a = await submit(window, t.tree.household1, 'env_sanitation');
    a = await act(dir, a, 'dispatch');
    a = await done(a, 'satisfied');
    await act(dir, a, 'close');

    // Unsatisfied, reopened, handled again and rated basically satisfied.
    later(2);
    let b = await submit(window, t.tree.household1b, 'env_sanitation', 'hotline', 'urgent');
    b = await act(dir, b, 'dispatch');
    b = await done(b, 'unsatisfied');
    b = await act(dir, b, 'reopen', { note: '居民不满意' });
    b = await done(b, 'basically_satisfied');
    await act(dir, b, 'close');

    // Returned by the grid, dispatched again, signed late, resolved late (across the holiday).
    later(1);
    let c = await submit(window, t.tree.grid1, 'safety_hazard', 'patrol');
    c = await act(dir, c, 'dispatch');
    c = await act(worker, c, 'return', { note: '不属于本网格' });
    c = await act(dir, c, 'dispatch', { target: { nodeId: t.tree.grid1 } });
    later(30);
    c = await act(worker, c, 'sign_for');
    c = await act(worker, c, 'progress', { note: '已联系物业' });
    later(24 * 12);
    await act(worker, c, 'resolve', { note: '已整改' });

    // Declined, and unsatisfied then closed with a reason.
    const d = await submit(window, t.tree.household1, 'consultation');
    await act(dir, d, 'decline', { note: '不属于受理范围' });
    let e = await submit(window, t.tree.household1, 'property');
    e = await act(dir, e, 'dispatch', { target: { nodeId: t.tree.community1 } });
    e = await act(users.dir, e, 'sign_for');
    e = await act(users.dir, e, 'resolve', { note: '已协调' });
    e = await act(dir, e, 'verify');
    e = await act(window, e, 'rate', { rating: 'unsatisfied' });
    await act(dir, e, 'close', { note: '已尽力解释，政策不支持' });

    // Left open, escalated by the sweep; and one in another street on another day.
    await submit(window, t.tree.household1, 'municipal');
    later(24 * 20);
    await t.app.linliRequests.sweepOverdue(systemCaller('test'));
    const f = await submit(users.dir2, t.tree.household2, 'neighbour_dispute');
    await act(users.dir2, f, 'dispatch');

    const incremental = await rollupRows();
    expect(incremental.length).toBeGreaterThan(4);
    const totals = (rows: Record<string, unknown>[], k: string) => rows.reduce((s, r) => s + Number(r[k]), 0);
    expect(totals(incremental, 'total')).toBe(6);
    expect(totals(incremental, 'reopened')).toBe(1);
    expect(totals(incremental, 'returned')).toBe(1);

    await t.tdb.db.tx((q) => rebuildRollup(q));
    expect(await rollupRows()).toEqual(incremental);

    // Rebuilding one subtree leaves the rest alone and gives the same rows again.
    const { rows: s2 } = await t.tdb.db.query<{ path: string }>(`SELECT path FROM jurisdiction_node WHERE id = $1`, [
      t.tree.street2,
    ]);
    await t.tdb.db.query(`UPDATE request_rollup SET total = total + 100 WHERE area_path NOT LIKE $1 || '%'`, [
      s2[0]!.path,
    ]);
    await t.tdb.db.tx((q) => rebuildRollup(q, s2[0]!.path));
    expect(totals(await rollupRows(), 'total')).toBe(
      6 + 100 * incremental.filter((r) => !String(r.area_path).startsWith(s2[0]!.path)).length,
    );
    await t.tdb.db.tx((q) => rebuildRollup(q));
    expect(await rollupRows()).toEqual(incremental);
  });
});
