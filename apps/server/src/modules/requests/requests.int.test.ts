import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from '../../../test/test-app.ts';

/** A frozen clock inside office hours on a working day (Tuesday 2026-11-17 10:00 in China). */
let clock = new Date('2026-11-17T02:00:00Z');

let t: TestApp;
const s: Record<string, Session> = {};

interface Detail {
  id: number;
  code: string;
  categoryName: string;
  categoryNameEn: string | null;
  state: string;
  version: number;
  actions: string[];
  assignee: string | null;
  assigneeNodeId: number | null;
  respondDueAt: string;
  resolveDueAt: string;
  dueState: string | null;
  events: { action: string; note: string | null; attachmentIds: number[] }[];
  attachmentIds: number[];
  possibleDuplicates: { id: number }[];
}

async function categoryId(code: string): Promise<number> {
  const res = await s.c1window!.call('GET', '/api/v1/request-categories');
  return (res.json() as { items: { id: number; code: string }[] }).items.find((c) => c.code === code)!.id;
}

async function intake(who: string, over: Record<string, unknown> = {}): Promise<Detail> {
  const res = await s[who]!.call('POST', '/api/v1/requests', {
    channel: 'hotline',
    categoryId: await categoryId('env_sanitation'),
    description: '楼下垃圾桶满了三天没人清运',
    nodeId: t.tree.household1,
    contactName: '张阿姨',
    contactPhone: '13812345678',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}

async function act(who: string, r: { id: number; version: number }, body: Record<string, unknown>) {
  return s[who]!.call('POST', `/api/v1/requests/${r.id}/actions`, { version: r.version, ...body });
}

async function step(who: string, r: { id: number; version: number }, body: Record<string, unknown>): Promise<Detail> {
  const res = await act(who, r, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}

async function rollup() {
  const { rows } = await t.tdb.db.query<Record<string, number>>(
    `SELECT sum(total)::int AS total, sum(responded)::int AS responded, sum(resolved)::int AS resolved,
            sum(rated)::int AS rated, sum(satisfied)::int AS satisfied, sum(unsatisfied)::int AS unsatisfied,
            sum(reopened)::int AS reopened, sum(returned)::int AS returned FROM request_rollup`,
  );
  return rows[0]!;
}

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  for (const u of ['c1window', 'c1dir', 'c1worker', 'g1worker', 'street1', 'street2', 'c2worker', 'vol1', 'district'])
    s[u] = await login(t.app, u);
});
afterAll(async () => t.close());

describe('requests: a hotline call through its whole life', () => {
  it('is recorded, dispatched to the grid of the address, signed for, resolved, verified, rated and reopened', async () => {
    let r = await intake('c1window');
    expect(r.code).toMatch(/^SQ20261117-\d{6}$/);
    expect([r.categoryName, r.categoryNameEn]).toEqual(['环境卫生', 'Environment and sanitation']);
    expect(r.state).toBe('accepted');
    // 2 working hours to respond, 3 working days to resolve (env_sanitation, normal).
    expect(r.respondDueAt).toBe('2026-11-17T04:00:00.000Z');
    expect(r.resolveDueAt).toBe('2026-11-20T02:00:00.000Z');
    expect(r.dueState).toBe('ok');

    const asDispatcher = (await s.c1dir!.call('GET', `/api/v1/requests/${r.id}`)).json() as Detail;
    expect(asDispatcher.actions).toEqual(expect.arrayContaining(['dispatch', 'decline', 'escalate', 'merge']));
    r = await step('c1dir', asDispatcher, { action: 'dispatch' });
    expect(r.state).toBe('dispatched');
    expect(r.assigneeNodeId).toBe(t.tree.grid1);

    // The grid worker sees it in their work; the worker of another grid does not see it at all.
    const mine = (await s.g1worker!.call('GET', '/api/v1/requests?view=mine')).json() as { items: { id: number }[] };
    expect(mine.items.map((i) => i.id)).toContain(r.id);
    expect((await s.c2worker!.call('GET', `/api/v1/requests/${r.id}`)).statusCode).toBe(404);
    expect((await s.street2!.call('GET', `/api/v1/requests/${r.id}`)).statusCode).toBe(404);

    // An illegal step is refused with a clear error and changes nothing.
    const early = await act('c1dir', r, { action: 'resolve', note: '已处理' });
    expect(early.statusCode).toBe(409);
    expect((early.json() as { code: string }).code).toBe('REQUEST_INVALID_TRANSITION');
    // The dispatcher is not the handler.
    const notYours = await act('c1dir', r, { action: 'sign_for' });
    expect(notYours.statusCode).toBe(403);
    expect((notYours.json() as { code: string }).code).toBe('REQUEST_NOT_YOUR_STEP');

    clock = new Date('2026-11-17T03:00:00Z');
    r = await step('g1worker', r, { action: 'sign_for' });
    expect(r.state).toBe('signed');
    expect(r.assignee).toBe('测试g1worker');
    r = await step('g1worker', r, { action: 'progress', note: '已联系环卫，下午清运' });
    expect(r.state).toBe('in_progress');
    const noNote = await act('g1worker', r, { action: 'resolve' });
    expect(noNote.statusCode).toBe(400);
    r = await step('g1worker', r, { action: 'resolve', note: '垃圾已清运，已与物业约定每日清运' });
    expect(r.state).toBe('resolved');
    r = await step('c1dir', r, { action: 'verify' });
    expect(r.state).toBe('verified');
    // The callback: the operator records the resident's rating.
    r = await step('c1window', r, { action: 'rate', rating: 'unsatisfied', note: '第二天又满了' });
    expect(r.state).toBe('rated');
    expect(await rollup()).toMatchObject({ total: 1, responded: 1, resolved: 0, rated: 1, unsatisfied: 1 });

    r = await step('c1dir', r, { action: 'reopen', note: '居民不满意，重办' });
    expect(r.state).toBe('dispatched');
    expect(r.assignee).toBe('测试g1worker');
    expect(await rollup()).toMatchObject({ total: 1, rated: 0, unsatisfied: 0, reopened: 1 });

    r = await step('g1worker', r, { action: 'sign_for' });
    r = await step('g1worker', r, { action: 'resolve', note: '增设垃圾桶两个' });
    r = await step('c1dir', r, { action: 'verify' });
    r = await step('c1window', r, { action: 'rate', rating: 'satisfied' });
    r = await step('c1dir', r, { action: 'close' });
    expect(r.state).toBe('closed');
    expect(await rollup()).toMatchObject({ total: 1, responded: 1, resolved: 1, rated: 1, satisfied: 1, reopened: 1 });
    expect(r.events.map((e) => e.action)).toEqual([
      'submit',
      'dispatch',
      'sign_for',
      'progress',
      'resolve',
      'verify',
      'rate',
      'reopen',
      'sign_for',
      'resolve',
      'verify',
      'rate',
      'close',
    ]);

    const { rows } = await t.tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'request' AND entity_id = $1 AND outcome = 'success'`,
      [String(r.id)],
    );
    expect(rows[0]!.n).toBe(13);
    const { rows: messages } = await t.tdb.db.query<{ topic: string }>(
      `SELECT topic FROM outbox_message WHERE payload->>'requestId' = $1 ORDER BY id`,
      [String(r.id)],
    );
    expect(messages.map((m) => m.topic)).toEqual([
      'request.accepted',
      'request.resolved',
      'request.rating_wanted',
      'request.resolved',
      'request.rating_wanted',
    ]);
  });

  it('two handlers sign for the same request at once: exactly one wins', async () => {
    let r = await intake('c1window', { categoryId: await categoryId('property') });
    r = await step('c1dir', r, { action: 'dispatch', target: { nodeId: t.tree.community1 } });
    const c1worker = (await s.c1worker!.call('GET', `/api/v1/requests/${r.id}`)).json() as Detail;
    expect(c1worker.actions).toContain('sign_for');
    const results = await Promise.all([
      act('c1worker', r, { action: 'sign_for' }),
      act('c1dir', r, { action: 'sign_for' }),
    ]);
    const codes = results.map((x) => x.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const { rows } = await t.tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM request_event WHERE request_id = $1 AND action = 'sign_for'`,
      [r.id],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('returns, escalates to the street, extends with approval, and merges duplicates', async () => {
    let r = await intake('c1window', { categoryId: await categoryId('neighbour_dispute') });
    const dup = await intake('c1window', { categoryId: await categoryId('neighbour_dispute') });
    expect(dup.possibleDuplicates.map((d) => d.id)).toContain(r.id);
    const merged = await step('c1dir', dup, { action: 'merge', intoId: r.id, note: '同一事项' });
    expect(merged.state).toBe('merged');

    r = await step('c1dir', r, { action: 'dispatch', target: { nodeId: t.tree.grid1 } });
    r = await step('g1worker', r, { action: 'return', note: '不属于网格职责，需社区协调' });
    expect(r.state).toBe('accepted');
    r = await step('c1dir', r, { action: 'escalate', note: '涉及两个社区，请街道协调' });
    expect(r.state).toBe('accepted');
    // Now the street dispatches; the community no longer can.
    const community = (await s.c1dir!.call('GET', `/api/v1/requests/${r.id}`)).json() as Detail;
    expect(community.actions).not.toContain('dispatch');
    const street = (await s.street1!.call('GET', `/api/v1/requests/${r.id}`)).json() as Detail;
    expect(street.actions).toContain('dispatch');
    r = await step('street1', street, { action: 'dispatch', target: { nodeId: t.tree.community1 } });
    r = await step('c1worker', r, { action: 'sign_for' });
    const due = r.resolveDueAt;
    r = await step('c1worker', r, { action: 'request_extension', days: 2, note: '需等待物业维修' });
    expect((await act('c1worker', r, { action: 'request_extension', days: 1, note: '再延' })).statusCode).toBe(409);
    r = await step('street1', r, { action: 'approve_extension' });
    expect(new Date(r.resolveDueAt).getTime()).toBeGreaterThan(new Date(due).getTime());
    expect(await rollup()).toMatchObject({ returned: 1 });
  });

  it('a stale version is refused; a volunteer claims service work', async () => {
    const r = await intake('c1window', {
      categoryId: await categoryId('elderly_care'),
      description: '独居老人需要助餐服务',
    });
    const fresh = await step('c1window', r, { action: 'add_info', note: '老人行动不便' });
    const stale = await act('c1dir', r, { action: 'decline', note: '不属于受理范围' });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { code: string }).code).toBe('CONFLICT');
    const claimable = (await s.vol1!.call('GET', '/api/v1/requests?view=claimable')).json() as {
      items: { id: number }[];
    };
    expect(claimable.items.map((i) => i.id)).toContain(r.id);
    const claimed = await step('vol1', fresh, { action: 'claim' });
    expect(claimed.state).toBe('signed');
    expect(claimed.assignee).toBe('测试vol1');
  });

  it('photos: only images are accepted, attached once, and shown only to those who may see the request', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    const up = await s.c1window!.call('POST', '/api/v1/request-photos', png, { 'content-type': 'image/png' });
    expect(up.statusCode, up.body).toBe(201);
    const photoId = (up.json() as { id: number }).id;
    const fake = await s.c1window!.call('POST', '/api/v1/request-photos', Buffer.from('not an image'), {
      'content-type': 'image/png',
    });
    expect(fake.statusCode).toBe(400);
    const r = await intake('c1window', { attachmentIds: [photoId] });
    expect(r.attachmentIds).toEqual([photoId]);
    // The same photo cannot be attached twice, and someone else's upload cannot be used; the refused
    // intake leaves nothing behind (request, event, figures, message, audit entry are one statement).
    const written = async () =>
      (
        await t.tdb.db.query<Record<string, number>>(
          `SELECT (SELECT count(*)::int FROM request) AS requests, (SELECT count(*)::int FROM request_event) AS events,
                  (SELECT count(*)::int FROM outbox_message) AS messages, (SELECT sum(total)::int FROM request_rollup) AS counted,
                  (SELECT count(*)::int FROM audit_log WHERE action = 'requests.request.submit') AS audited`,
        )
      ).rows[0];
    const before = await written();
    const again = await s.c1window!.call('POST', '/api/v1/requests', {
      channel: 'window',
      categoryId: await categoryId('other'),
      description: '重复使用照片',
      nodeId: t.tree.household1,
      contactPhone: '13812345678',
      attachmentIds: [photoId],
    });
    expect(again.statusCode).toBe(400);
    expect(await written()).toEqual(before);
    const img = await s.g1worker!.call('GET', `/api/v1/request-photos/${photoId}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect((await s.c2worker!.call('GET', `/api/v1/request-photos/${photoId}`)).statusCode).toBe(404);
  });

  it('answers an intake with the request exactly as it reads back (built from what intake had in hand)', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    const photos = [];
    for (let i = 0; i < 2; i++)
      photos.push(
        (
          (await s.g1worker!.call('POST', '/api/v1/request-photos', png, { 'content-type': 'image/png' })).json() as {
            id: number;
          }
        ).id,
      );
    const cases: [string, Record<string, unknown>][] = [
      ['c1window', { contactPhone: '13900001111', description: '第一次来电：路灯不亮' }],
      // The same caller again: the answer lists the first call as a possible duplicate.
      ['c1window', { contactPhone: '13900001111', description: '第二次来电：路灯还是不亮', channel: 'window' }],
      ['c1window', { isAnonymous: true, contactName: undefined, contactPhone: undefined, urgency: 'urgent' }],
      [
        'g1worker',
        {
          channel: 'patrol',
          nodeId: t.tree.grid1,
          attachmentIds: [...photos].reverse(),
          latitude: 30.274151,
          longitude: 120.155149,
        },
      ],
    ];
    const answers: Detail[] = [];
    for (const [who, over] of cases) {
      const answer = await intake(who, over);
      const readBack = await s[who]!.call('GET', `/api/v1/requests/${answer.id}`);
      expect(readBack.statusCode).toBe(200);
      expect(answer).toEqual(readBack.json());
      answers.push(answer);
    }
    expect(answers[1]!.possibleDuplicates.map((d) => d.id)).toContain(answers[0]!.id);
    expect(answers[3]!.attachmentIds).toEqual([...photos].sort((a, b) => a - b));
    expect(answers[3]!.events[0]!.attachmentIds).toEqual([...photos].sort((a, b) => a - b));
    expect(answers[3]).toMatchObject({ latitude: 30.274151, longitude: 120.155149 });
    expect(answers[0]).toMatchObject({ latitude: null, longitude: null });
  });

  it('overdue requests turn amber, then red, and escalate once per deadline', async () => {
    clock = new Date('2026-11-18T02:00:00Z'); // Wednesday 10:00
    const r = await intake('c1window', { categoryId: await categoryId('safety_hazard') }); // respond within 1 working hour
    clock = new Date('2026-11-18T02:50:00Z');
    let seen = (await s.c1dir!.call('GET', `/api/v1/requests/${r.id}`)).json() as Detail;
    expect(seen.dueState).toBe('due_soon');
    const attention = (await s.street1!.call('GET', '/api/v1/requests?view=attention')).json() as {
      items: { id: number }[];
    };
    expect(attention.items.map((i) => i.id)).toContain(r.id);
    clock = new Date('2026-11-18T03:30:00Z');
    seen = (await s.c1dir!.call('GET', `/api/v1/requests/${r.id}`)).json() as Detail;
    expect(seen.dueState).toBe('overdue');

    const system = { actor: { kind: 'system' as const, name: 'test' }, ip: null, scope: () => ({ paths: ['/'] }) };
    expect(await t.app.linliRequests.sweepOverdue(system)).toBeGreaterThanOrEqual(1);
    expect(await t.app.linliRequests.sweepOverdue(system)).toBe(0);
    seen = (await s.street1!.call('GET', `/api/v1/requests/${r.id}`)).json() as Detail;
    expect(seen.events.at(-1)!.action).toBe('auto_escalate');
    expect(seen.actions).toContain('dispatch');
  });
});
