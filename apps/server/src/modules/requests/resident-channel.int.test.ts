/**
 * The resident pages end to end on a real database: one-time codes (hashing, expiry, attempts, rate
 * limits, the outbox), the phone session (its cookie and CSRF), filing with a photo, following only
 * one's own requests, a timeline without internal notes, rating unsatisfied and reopening.
 */
import type { RequestDetail, ResidentRequestView, ResidentSession } from '@linli/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/password.ts';
import { lastCodeFor, onePixelPng, residentSession } from '../../../test/resident-scope.ts';
import { createTestApp, login, PASSWORD, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
// Monday 2 March 2026, 10:00 in Shanghai: a working day.
let clock = new Date('2026-03-02T02:00:00Z');
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
let categoryId: number;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/resident/categories' });
  categoryId = (res.json() as { items: { id: number; name: string }[] }).items.find((c) => c.name === '环境卫生')!.id;
});
afterAll(async () => {
  await t.close();
});

const otp = (phone: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/otp', payload: { phone }, remoteAddress: ip });
const verify = (phone: string, code: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/otp/verify', payload: { phone, code } });

async function staffStep(username: string, id: number, body: Record<string, unknown>) {
  const s = await login(t.app, username);
  const current = (await s.call('GET', `/api/v1/requests/${id}`)).json() as RequestDetail;
  const res = await s.call('POST', `/api/v1/requests/${id}/actions`, { version: current.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as RequestDetail;
}

describe('one-time codes', () => {
  it('sends a code through the outbox and never answers it outside demo mode', async () => {
    const res = await otp('13800138000');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phoneMasked: '138****8000', expiresInSeconds: 300, resendAfterSeconds: 60 });
    const { rows } = await t.tdb.db.query<{ payload: { code: string; minutes: number }; recipient_phone_enc: string }>(
      `SELECT payload, recipient_phone_enc FROM outbox_message WHERE topic = 'otp' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]!.payload.code).toMatch(/^\d{6}$/);
    expect(rows[0]!.payload.minutes).toBe(5);
    expect(rows[0]!.recipient_phone_enc).not.toContain('13800138000');
    const stored = await t.tdb.db.query<{ code_hash: string }>(`SELECT code_hash FROM resident_otp`);
    expect(stored.rows[0]!.code_hash).not.toBe(await lastCodeFor(t, '13800138000'));
  });

  it('refuses a landline, asking for a mobile number', async () => {
    const res = await otp('0571-88881234');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('手机号码');
  });

  it('asks to wait before resending, and limits codes per phone per hour', async () => {
    expect((await otp('13800138001')).statusCode).toBe(200);
    const again = await otp('13800138001');
    expect(again.statusCode).toBe(429);
    expect(again.body).toContain('60 秒');
    for (let i = 0; i < 4; i++) {
      advance(61_000);
      expect((await otp('13800138001')).statusCode).toBe(200);
    }
    advance(61_000);
    const sixth = await otp('13800138001');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('一小时');
    advance(3_600_000);
    expect((await otp('13800138001')).statusCode).toBe(200);
  });

  it('limits codes per address across phones', async () => {
    let refused = 0;
    for (let i = 0; i < 32; i++)
      if ((await otp(`1370000${String(1000 + i)}`, '10.9.9.9')).statusCode === 429) refused++;
    expect(refused).toBe(2);
  });

  it('counts wrong codes and burns the code after five', async () => {
    const phone = '13800138002';
    await otp(phone);
    const code = await lastCodeFor(t, phone);
    const wrong = code === '000000' ? '000001' : '000000';
    const first = await verify(phone, wrong);
    expect(first.statusCode).toBe(400);
    expect(first.json()).toMatchObject({ code: 'OTP_WRONG', details: { attemptsLeft: 4 } });
    for (let i = 0; i < 3; i++) await verify(phone, wrong);
    expect((await verify(phone, wrong)).json()).toMatchObject({ code: 'OTP_TOO_MANY_ATTEMPTS' });
    expect((await verify(phone, code)).json()).toMatchObject({ code: 'OTP_EXPIRED' });
  });

  it('expires a code after five minutes, and a code works once', async () => {
    const phone = '13800138003';
    await otp(phone);
    advance(301_000);
    expect((await verify(phone, await lastCodeFor(t, phone))).json()).toMatchObject({ code: 'OTP_EXPIRED' });
    await otp(phone);
    const code = await lastCodeFor(t, phone);
    expect((await verify(phone, code)).statusCode).toBe(200);
    expect((await verify(phone, code)).json()).toMatchObject({ code: 'OTP_EXPIRED' });
  });

  it('opens a phone session in its own strict, HttpOnly cookie for the resident API only', async () => {
    const phone = '13800138004';
    await otp(phone);
    const res = await verify(phone, await lastCodeFor(t, phone));
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^linli_resident=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/v1/resident');
    expect(res.json()).toMatchObject({ kind: 'phone', phoneMasked: '138****8004' });
  });

  it('ends a phone session after an hour', async () => {
    const s = await residentSession(t, '13800138005');
    expect((await s.call('GET', '/api/v1/resident/session')).statusCode).toBe(200);
    advance(61 * 60_000);
    const res = await s.call('GET', '/api/v1/resident/requests');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'RESIDENT_SESSION_REQUIRED' });
  });
});

describe('filing and following a request with a phone session', () => {
  let view: ResidentRequestView;
  let s1: Awaited<ReturnType<typeof residentSession>>;

  it('refuses a change without the session’s CSRF token', async () => {
    const s = await residentSession(t, '13900139000');
    const res = await s.call(
      'POST',
      '/api/v1/resident/requests',
      { categoryId, description: '垃圾桶满了没人清', addressText: '东门' },
      { 'x-csrf-token': 'forged' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'CSRF_FAILED' });
  });

  it('walks the address picker through grids down to households, names only', async () => {
    const streets = (await t.app.inject({ method: 'GET', url: '/api/v1/resident/places' })).json() as {
      items: { id: number; level: string }[];
    };
    expect(streets.items.every((p) => p.level === 'street')).toBe(true);
    expect(streets.items.map((p) => p.id)).toContain(t.tree.street1);
    const inCommunity = (
      await t.app.inject({ method: 'GET', url: `/api/v1/resident/places?parentId=${t.tree.community1}` })
    ).json() as { items: { id: number; level: string; hasChildren: boolean }[] };
    expect(inCommunity.items).toEqual([{ id: t.tree.building1, name: '1幢', level: 'building', hasChildren: true }]);
  });

  it('files with a photo and a place, and gets a number', async () => {
    s1 = await residentSession(t, '13900139001');
    const s = s1;
    const photo = await s.call('POST', '/api/v1/resident/photos', onePixelPng, { 'content-type': 'image/png' });
    expect(photo.statusCode, photo.body).toBe(201);
    const photoId = (photo.json() as { id: number }).id;
    const res = await s.call('POST', '/api/v1/resident/requests', {
      categoryId,
      description: '楼下垃圾桶满了三天没人清运',
      nodeId: t.tree.household1,
      addressText: '靠近东门',
      contactName: '李大爷',
      attachmentIds: [photoId],
    });
    expect(res.statusCode, res.body).toBe(201);
    view = res.json() as ResidentRequestView;
    expect(view.code).toMatch(/^SQ\d{8}-\d+$/);
    expect(view).toMatchObject({ state: 'submitted', contactName: '李大爷', phoneMasked: '139****9001' });
    expect(view.attachmentIds).toEqual([photoId]);
    expect(view.actions).toEqual(expect.arrayContaining(['add_info', 'urge', 'withdraw']));
    expect((await s.call('GET', `/api/v1/resident/photos/${photoId}`)).headers['content-type']).toBe('image/png');
    const list = (await s.call('GET', '/api/v1/resident/requests')).json() as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).toEqual([view.id]);
  });

  it('lets staff handle it; the resident sees public steps, not internal notes', async () => {
    await staffStep('c1worker', view.id, { action: 'accept' });
    await staffStep('c1worker', view.id, { action: 'dispatch', target: { nodeId: t.tree.grid1 } });
    await staffStep('g1worker', view.id, { action: 'return', note: '内部：不归我们网格管' });
    await staffStep('c1worker', view.id, { action: 'dispatch', target: { nodeId: t.tree.grid1 } });
    await staffStep('g1worker', view.id, { action: 'sign_for' });
    await staffStep('g1worker', view.id, { action: 'resolve', note: '已联系环卫清运完毕' });
    await staffStep('c1worker', view.id, { action: 'verify' });
    const s = s1;
    const seen = (await s.call('GET', `/api/v1/resident/requests/${view.id}`)).json() as ResidentRequestView;
    expect(seen.state).toBe('verified');
    expect(seen.events.map((e) => e.action)).toEqual([
      'submit',
      'accept',
      'dispatch',
      'dispatch',
      'sign_for',
      'resolve',
      'verify',
    ]);
    expect(JSON.stringify(seen)).not.toContain('内部');
    expect(seen.events.find((e) => e.action === 'resolve')).toMatchObject({ by: 'staff', note: '已联系环卫清运完毕' });
    expect(seen.events[0]).toMatchObject({ by: 'resident' });
    expect(seen.actions).toContain('rate');
    expect(seen.actions).not.toContain('withdraw');
  });

  it('rates it unsatisfied and asks to reopen; it goes back to the handler', async () => {
    const s = s1;
    let v = (await s.call('GET', `/api/v1/resident/requests/${view.id}`)).json() as ResidentRequestView;
    const rated = await s.call('POST', `/api/v1/resident/requests/${view.id}/actions`, {
      action: 'rate',
      version: v.version,
      rating: 'unsatisfied',
      note: '还是有味道',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    v = rated.json() as ResidentRequestView;
    expect(v).toMatchObject({ state: 'rated', rating: 'unsatisfied', ratingComment: '还是有味道' });
    expect(v.actions).toContain('reopen');
    const noNote = await s.call('POST', `/api/v1/resident/requests/${view.id}/actions`, {
      action: 'reopen',
      version: v.version,
    });
    expect(noNote.statusCode).toBe(400);
    const photo = await s.call('POST', '/api/v1/resident/photos', onePixelPng, { 'content-type': 'image/png' });
    const reopened = await s.call('POST', `/api/v1/resident/requests/${view.id}/actions`, {
      action: 'reopen',
      version: v.version,
      note: '垃圾桶周围还是脏',
      attachmentIds: [(photo.json() as { id: number }).id],
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    v = reopened.json() as ResidentRequestView;
    expect(v.state).toBe('dispatched');
    expect(v.events.at(-1)).toMatchObject({ action: 'reopen', by: 'resident', note: '垃圾桶周围还是脏' });
    expect(v.events.at(-1)!.attachmentIds).toHaveLength(1);
    const staff = (
      await (await login(t.app, 'c1worker')).call('GET', `/api/v1/requests/${view.id}`)
    ).json() as RequestDetail;
    expect(staff).toMatchObject({ state: 'dispatched', reopenCount: 1, assigneeNodeId: t.tree.grid1 });
  });

  it('files anonymously: handlers see neither name nor phone, the resident still follows it', async () => {
    const s = await residentSession(t, '13900139002');
    const res = await s.call('POST', '/api/v1/resident/requests', {
      categoryId,
      description: '有人在楼道里堆放杂物',
      addressText: '甲社区 3 幢楼道',
      contactName: '不想留名',
      isAnonymous: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const mine = res.json() as ResidentRequestView;
    expect(mine).toMatchObject({ isAnonymous: true, contactName: null });
    const staff = (
      await (await login(t.app, 'admin')).call('GET', `/api/v1/requests/${mine.id}`)
    ).json() as RequestDetail;
    expect(staff).toMatchObject({ isAnonymous: true, contactName: null, contactPhoneMasked: null });
    const list = (await s.call('GET', '/api/v1/resident/requests')).json() as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).toContain(mine.id);
  });

  it('withdraws a request still waiting', async () => {
    const s = await residentSession(t, '13900139003');
    const created = (
      await s.call('POST', '/api/v1/resident/requests', {
        categoryId,
        description: '想问问办理流程',
        addressText: '家里',
      })
    ).json() as ResidentRequestView;
    const res = await s.call('POST', `/api/v1/resident/requests/${created.id}/actions`, {
      action: 'withdraw',
      version: created.version,
      note: '已经自己解决了',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as ResidentRequestView).state).toBe('withdrawn');
  });
});

describe('a signed-in resident account', () => {
  it('files and follows through the same pages; staff without the resident role cannot', async () => {
    const { rows } = await t.tdb.db.query<{ id: number }>(
      `INSERT INTO app_user (username, display_name, password_hash, must_change_password) VALUES ('res9', '居民九', $1, false) RETURNING id`,
      [await hashPassword(PASSWORD)],
    );
    await t.tdb.db.query(`INSERT INTO user_role (user_id, role, node_id) VALUES ($1, 'resident', $2)`, [
      rows[0]!.id,
      t.tree.community1,
    ]);
    const res9 = await login(t.app, 'res9');
    const session = (await res9.call('GET', '/api/v1/resident/session')).json() as ResidentSession;
    expect(session).toMatchObject({ kind: 'user', displayName: '居民九' });
    const created = await res9.call('POST', '/api/v1/resident/requests', {
      categoryId,
      description: '小区门口路灯不亮',
      nodeId: t.tree.community1,
    });
    expect(created.statusCode, created.body).toBe(201);
    const v = created.json() as ResidentRequestView;
    const urged = await res9.call('POST', `/api/v1/resident/requests/${v.id}/actions`, {
      action: 'urge',
      version: v.version,
    });
    expect(urged.statusCode, urged.body).toBe(200);
    expect((urged.json() as ResidentRequestView).events.at(-1)).toMatchObject({ action: 'urge', by: 'resident' });
    const staff = await login(t.app, 'c1worker');
    expect((await staff.call('GET', '/api/v1/resident/requests')).statusCode).toBe(401);
  });
});
