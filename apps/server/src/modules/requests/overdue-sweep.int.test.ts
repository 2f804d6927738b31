import type { RequestDetail } from '@linli/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/test-app.ts';
import { OVERDUE_SWEEP_LOCK, systemCaller } from '../../background-jobs.ts';
import { runExclusively, startPeriodicJob } from '../../platform/jobs/periodic-job.ts';

let t: TestApp;
let now = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai, a working day
const sweeper = systemCaller('overdue-sweep');

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});
afterAll(async () => {
  await t.close();
});

async function escalationOf(id: number) {
  const { rows } = await t.tdb.db.query<{ escalation_level: string; dispatch_node_id: number }>(
    `SELECT escalation_level, dispatch_node_id::int FROM request WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

describe('overdue sweep', () => {
  it('escalates an overdue request one level per deadline: community → street → district, never beyond', async () => {
    const window = await login(t.app, 'c1window');
    const { rows: cats } = await t.tdb.db.query<{ id: number }>(
      `SELECT id::int FROM request_category WHERE code = 'env_sanitation'`,
    );
    const res = await window.call('POST', '/api/v1/requests', {
      channel: 'window',
      categoryId: cats[0]!.id,
      description: '楼道堆放杂物，影响通行',
      nodeId: t.tree.household1,
      contactPhone: '13812345678',
    });
    expect(res.statusCode).toBe(201);
    const r = res.json<RequestDetail>();
    expect(await escalationOf(r.id)).toMatchObject({
      escalation_level: 'community',
      dispatch_node_id: t.tree.community1,
    });
    const respondDue = new Date(r.respondDueAt!);
    const resolveDue = new Date(r.resolveDueAt!);
    expect(respondDue < resolveDue).toBe(true);
    const svc = t.app.linliRequests;

    now = new Date(respondDue.getTime() - 60_000);
    expect(await svc.sweepOverdue(sweeper)).toBe(0);

    // Past the response deadline (nobody signed for it): the street takes it over, once.
    now = new Date(respondDue.getTime() + 60_000);
    expect(await svc.sweepOverdue(sweeper)).toBe(1);
    expect(await escalationOf(r.id)).toMatchObject({ escalation_level: 'street', dispatch_node_id: t.tree.street1 });
    now = new Date(now.getTime() + 3_600_000);
    expect(await svc.sweepOverdue(sweeper)).toBe(0);
    expect((await escalationOf(r.id)).escalation_level).toBe('street');

    // Past the resolution deadline too: the district.
    now = new Date(resolveDue.getTime() + 60_000);
    expect(await svc.sweepOverdue(sweeper)).toBe(1);
    expect(await escalationOf(r.id)).toMatchObject({ escalation_level: 'district', dispatch_node_id: t.tree.district });

    // Never beyond the district, however long it stays overdue.
    for (const days of [1, 7, 30]) {
      now = new Date(resolveDue.getTime() + days * 86_400_000);
      expect(await svc.sweepOverdue(sweeper)).toBe(0);
    }

    const db = t.tdb.db;
    const events = await db.query<{ note: string; data: { to: string }; actor_name: string }>(
      `SELECT note, data, actor_name FROM request_event WHERE request_id = $1 AND action = 'auto_escalate' ORDER BY id`,
      [r.id],
    );
    expect(events.rows.map((e) => e.data.to)).toEqual(['street', 'district']);
    expect(events.rows[0]).toMatchObject({
      actor_name: '系统',
      note: expect.stringContaining('自动上报街道') as unknown,
    });
    const audit = await db.query<{ actor_name: string; summary: { to: string } }>(
      `SELECT actor_name, summary FROM audit_log WHERE action = 'requests.request.auto_escalate' AND entity_id = $1 ORDER BY id`,
      [String(r.id)],
    );
    expect(audit.rows.map((a) => a.summary.to)).toEqual(['street', 'district']);
    expect(audit.rows[0]!.actor_name).toBe('cli:overdue-sweep');
    const messages = await db.query<{ payload: { escalatedTo: string; code: string } }>(
      `SELECT payload FROM outbox_message WHERE topic = 'request.overdue' ORDER BY id`,
    );
    expect(messages.rows.map((m) => m.payload.escalatedTo)).toEqual(['street', 'district']);
    expect(messages.rows[0]!.payload.code).toBe(r.code);

    // The detail shows the steps to the people who may see it.
    const detail = (
      await (await login(t.app, 'district')).call('GET', `/api/v1/requests/${r.id}`)
    ).json<RequestDetail>();
    expect(detail.escalationLevel).toBe('district');
    expect(detail.events.filter((e) => e.action === 'auto_escalate')).toHaveLength(2);
  });

  it('sweeps in one process at a time: a second runner skips while the first holds the lock', async () => {
    let inside = 0;
    let most = 0;
    let runs = 0;
    const work = async () => {
      inside++;
      runs++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 100));
      inside--;
    };
    const [a, b] = await Promise.all([
      runExclusively(t.tdb.db, OVERDUE_SWEEP_LOCK, work),
      runExclusively(t.tdb.db, OVERDUE_SWEEP_LOCK, work),
    ]);
    expect([a, b].sort()).toEqual([false, true]);
    expect(runs).toBe(1);
    expect(most).toBe(1);
    // Released afterwards: the next run goes ahead.
    expect(await runExclusively(t.tdb.db, OVERDUE_SWEEP_LOCK, work)).toBe(true);
  });

  it('runs periodically and stops cleanly', async () => {
    let runs = 0;
    const job = startPeriodicJob({
      name: 'test',
      everyMs: 20,
      firstDelayMs: 0,
      db: t.tdb.db,
      lockKey: OVERDUE_SWEEP_LOCK,
      run: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    await job.stop();
    const after = runs;
    expect(after).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toBe(after);
  });
});
