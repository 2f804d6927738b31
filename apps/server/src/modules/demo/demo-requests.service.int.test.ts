/** The demo's departments and request history: realistic proportions, legal steps, office hours, figures that add up. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestAction, RequestState } from '@linli/contracts';
import { createTestDb, type TestDb } from '../../../test/test-db.ts';
import { testCrypto } from '../../../test/test-app.ts';
import { createWorkTime } from '../../platform/worktime/index.ts';
import { dueStateOf, rebuildRollup, workflow } from '../requests/index.ts';
import { loadDemo, type LoadDemoOptions } from './index.ts';

const now = new Date('2026-11-20T06:00:00Z'); // Friday 14:00 in Shanghai
const options: LoadDemoOptions = {
  password: 'Demo@2026pw',
  residents: 3_000,
  requests: 2_000,
  crypto: testCrypto,
  now,
  today: '2026-11-20',
};
let tdb: TestDb;
let loadMs = 0;

beforeAll(async () => {
  tdb = await createTestDb();
  const t0 = performance.now();
  await loadDemo(tdb.db, options);
  loadMs = performance.now() - t0;
});
afterAll(async () => {
  await tdb?.drop();
});

interface Row {
  id: number;
  state: RequestState;
  rating: string | null;
  reopen_count: number;
  return_count: number;
  escalation_level: string;
  signed_at: Date | null;
  respond_due_at: Date;
  respond_amber_at: Date;
  resolve_due_at: Date;
  resolve_amber_at: Date;
  submitted_at: Date;
}

describe('demo request history', () => {
  it('has departments with the department handler as member, and 市政设施 routed to 城管', async () => {
    const { rows } = await tdb.db.query<{ name: string; members: string[] }>(
      `SELECT d.name, array_agg(u.username) AS members FROM department d
         JOIN department_member m ON m.department_id = d.id JOIN app_user u ON u.id = m.user_id GROUP BY d.name`,
    );
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['城市管理和综合执法局', '住房和城乡建设局', '市场监督管理局', '民政局', '公安分局']),
    );
    for (const r of rows) expect(r.members).toEqual(['dept1']);
    const { rows: cat } = await tdb.db.query<{ handler_type: string; name: string }>(
      `SELECT c.handler_type, d.name FROM request_category c JOIN department d ON d.id = c.department_id WHERE c.code = 'municipal'`,
    );
    expect(cat[0]).toEqual({ handler_type: 'department', name: '城市管理和综合执法局' });
  });

  it('has a few thousand requests over three months in realistic proportions, amber and red ones open now', async () => {
    const { rows } = await tdb.db.query<Row>(`SELECT * FROM request`);
    const n = rows.length;
    console.log(`demo load with 3,000 residents and ${n} requests: ${(loadMs / 1000).toFixed(1)} s`);
    expect(n).toBe(2000);
    const share = (f: (r: Row) => boolean) => rows.filter(f).length / n;
    expect(share((r) => r.state === 'closed')).toBeGreaterThan(0.75);
    expect(share((r) => r.rating === 'satisfied' || r.rating === 'basically_satisfied')).toBeGreaterThan(0.6);
    expect(share((r) => r.reopen_count > 0)).toBeGreaterThan(0.01);
    expect(share((r) => r.return_count > 0)).toBeGreaterThan(0.03);
    expect(share((r) => r.escalation_level !== 'community')).toBeGreaterThan(0.02);
    expect(share((r) => r.escalation_level !== 'community')).toBeLessThan(0.3);
    expect(share((r) => r.state === 'declined')).toBeGreaterThan(0.005);
    const open = rows.filter((r) => ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress'].includes(r.state));
    expect(open.length).toBeGreaterThan(30);
    expect(open.length / n).toBeLessThan(0.2);
    const due = open.map((r) =>
      dueStateOf(
        {
          state: r.state,
          signedAt: r.signed_at,
          respondDueAt: r.respond_due_at,
          respondAmberAt: r.respond_amber_at,
          resolveDueAt: r.resolve_due_at,
          resolveAmberAt: r.resolve_amber_at,
        },
        now,
      ),
    );
    console.log(
      'open now by due state',
      JSON.stringify(
        due.reduce<Record<string, number>>((m, d) => ({ ...m, [String(d)]: (m[String(d)] ?? 0) + 1 }), {}),
      ),
      'of',
      n,
    );
    expect(due.filter((d) => d === 'overdue').length).toBeGreaterThan(3);
    expect(due.filter((d) => d === 'due_soon').length).toBeGreaterThan(3);
    expect(due.filter((d) => d === 'ok').length).toBeGreaterThan(10);
    const first = Math.min(...rows.map((r) => r.submitted_at.getTime()));
    expect(now.getTime() - first).toBeGreaterThan(80 * 86_400_000);
    expect(Math.max(...rows.map((r) => r.submitted_at.getTime()))).toBeLessThanOrEqual(now.getTime());
    const states = new Set(rows.map((r) => r.state));
    for (const s of ['accepted', 'dispatched', 'signed', 'in_progress', 'resolved', 'verified', 'closed'] as const)
      expect(states).toContain(s);
  });

  it('moves every request only by steps the workflow table allows, in order, in office hours', async () => {
    const { rows } = await tdb.db.query<{
      request_id: number;
      action: string;
      from_state: string | null;
      to_state: string | null;
      at: Date;
      state: string;
    }>(
      `SELECT e.request_id::int, e.action, e.from_state, e.to_state, e.at, r.state
         FROM request_event e JOIN request r ON r.id = e.request_id ORDER BY e.request_id, e.id`,
    );
    const clock = createWorkTime();
    let current: string | null = null;
    let lastAt = 0;
    let lastId = -1;
    const problems: string[] = [];
    const finish = (state: string) => {
      if (lastId >= 0 && current !== state) problems.push(`#${lastId} ends in ${current}, the row says ${state}`);
    };
    let rowState = '';
    for (const e of rows) {
      if (e.request_id !== lastId) {
        finish(rowState);
        lastId = e.request_id;
        current = null;
        lastAt = 0;
        rowState = e.state;
        if (e.action !== 'submit') problems.push(`#${e.request_id} starts with ${e.action}`);
      }
      if (e.at.getTime() < lastAt) problems.push(`#${e.request_id} ${e.action} goes back in time`);
      lastAt = e.at.getTime();
      if (e.from_state !== current) problems.push(`#${e.request_id} ${e.action} from ${e.from_state}, was ${current}`);
      if (e.action !== 'submit' && e.action !== 'auto_escalate') {
        const step = workflow[e.action as RequestAction];
        if (!step) problems.push(`unknown action ${e.action}`);
        else {
          if (!step.from.includes(e.from_state as RequestState))
            problems.push(`#${e.request_id} ${e.action} from ${e.from_state}`);
          const to = step.to === 'same' ? e.from_state : step.to;
          if (e.to_state !== to) problems.push(`#${e.request_id} ${e.action} to ${e.to_state}, the table says ${to}`);
        }
        if (!clock.isOfficeTime(e.at) && e.action !== 'urge')
          problems.push(`#${e.request_id} ${e.action} at ${e.at.toISOString()}, outside office hours`);
      }
      if (e.action === 'submit' && !clock.isOfficeTime(e.at)) problems.push(`#${e.request_id} submitted out of hours`);
      current = e.to_state;
    }
    finish(rowState);
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('keeps the figures the same as the request table says (the rollup is rebuilt after the bulk load)', async () => {
    const snapshot = async () =>
      (await tdb.db.query(`SELECT * FROM request_rollup ORDER BY area_path, day, category_id, channel`)).rows;
    const loaded = await snapshot();
    expect(loaded.length).toBeGreaterThan(100);
    await tdb.db.tx((q) => rebuildRollup(q));
    expect(await snapshot()).toEqual(loaded);
    const { rows } = await tdb.db.query<{ a: number; b: number }>(
      `SELECT (SELECT sum(total)::int FROM request_rollup) AS a,
              (SELECT count(*)::int FROM request WHERE state NOT IN ('declined','merged','withdrawn')) AS b`,
    );
    expect(rows[0]!.a).toBe(rows[0]!.b);
  });

  it('is deterministic and resets cleanly', async () => {
    // Codes carry a serial from a sequence, so compare what the generator decides, not the numbers.
    const shape = async () =>
      (
        await tdb.db.query<{ f: string }>(
          `SELECT md5(string_agg(state || submitted_at::text || coalesce(rating, '') || escalation_level || channel, ',' ORDER BY submitted_at, id)) AS f FROM request`,
        )
      ).rows[0]!.f;
    const first = await shape();
    const again = await loadDemo(tdb.db, { ...options, reset: true });
    expect(again.history?.requests).toBe(2000);
    expect(await shape()).toBe(first);
    const { rows } = await tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM department`);
    expect(rows[0]!.n).toBe(6);
  });
});
