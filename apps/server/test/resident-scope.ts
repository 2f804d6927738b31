/**
 * Scope probes of the resident pages (ADR 0009), run by scope.int.test.ts: the "jurisdiction" of a
 * resident is their own verified phone. Another phone's requests and photos are invisible (404), its
 * list leaves them out, staff without the resident role get no resident session, and the public
 * dictionaries carry no personal data. A new route tagged 'resident' fails to compile until it has a probe.
 */
import {
  RESIDENT_SESSION_COOKIE,
  type RouteId,
  type Routes,
  type ResidentRequestView,
  type ResidentSession as ResidentSessionBody,
} from '@linli/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { login, type TestApp } from './test-app.ts';

export type ResidentRouteId = { [K in RouteId]: Routes[K]['tag'] extends 'resident' ? K : never }[RouteId];

export interface ResidentCall {
  cookie: string;
  csrf: string;
  phone: string;
  call(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** The code sent to a phone, as the outbox holds it for the SMS provider (tests play the provider). */
export async function lastCodeFor(t: TestApp, phone: string): Promise<string> {
  const { rows } = await t.tdb.db.query<{ payload: { code: string } }>(
    `SELECT payload FROM outbox_message WHERE topic = 'otp' AND recipient_phone_masked = $1 ORDER BY id DESC LIMIT 1`,
    [`${phone.slice(0, 3)}****${phone.slice(7)}`],
  );
  return rows[0]!.payload.code;
}

/** A phone session: ask for a code, read it from the outbox, verify it. */
export async function residentSession(t: TestApp, phone: string, ip = '127.0.0.1'): Promise<ResidentCall> {
  const sent = await t.app.inject({ method: 'POST', url: '/api/v1/public/otp', payload: { phone }, remoteAddress: ip });
  if (sent.statusCode !== 200) throw new Error(`otp ${phone}: ${sent.statusCode} ${sent.body}`);
  const code = await lastCodeFor(t, phone);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/public/otp/verify',
    payload: { phone, code },
    remoteAddress: ip,
  });
  if (res.statusCode !== 200) throw new Error(`verify ${phone}: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = (Array.isArray(setCookie) ? setCookie : [setCookie!]).find((c) => c.startsWith(RESIDENT_SESSION_COOKIE))!;
  const cookie = raw.split(';')[0]!;
  const csrf = (res.json() as ResidentSessionBody).csrfToken;
  return {
    cookie,
    csrf,
    phone,
    call: (method, url, body, headers = {}) =>
      t.app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers },
        ...(body === undefined ? {} : Buffer.isBuffer(body) ? { body } : { payload: body as object }),
      }),
  };
}

export const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

interface Fixture {
  owner: ResidentCall;
  other: ResidentCall;
  requestId: number;
  version: number;
  photoId: number;
}

type Req = { method: string; url: string; body?: unknown; headers?: Record<string, string> };

interface ResidentProbe {
  /**
   * - refused: another phone gets 404, the owner gets through;
   * - list: another phone's answer leaves the owner's requests out;
   * - session: without a resident session (a staff sign-in) 401, the owner gets through;
   * - public: the same for everyone, and without personal data.
   */
  expect: 'refused' | 'list' | 'session' | 'public';
  request(t: TestApp, f: Fixture): Promise<Req>;
}

let fixture: Fixture | undefined;
let phoneSeq = 0;

async function fixtureOf(t: TestApp): Promise<Fixture> {
  if (fixture) return fixture;
  const owner = await residentSession(t, '13912340001');
  const other = await residentSession(t, '13912340002');
  const categories = (await owner.call('GET', '/api/v1/resident/categories')).json() as { items: { id: number }[] };
  const photo = await owner.call('POST', '/api/v1/resident/photos', onePixelPng, { 'content-type': 'image/png' });
  const created = await owner.call('POST', '/api/v1/resident/requests', {
    categoryId: categories.items[0]!.id,
    description: '楼道灯坏了好几天，晚上看不见',
    nodeId: t.tree.household1,
    contactName: '王阿姨',
    attachmentIds: [(photo.json() as { id: number }).id],
  });
  if (created.statusCode !== 201) throw new Error(`submit: ${created.statusCode} ${created.body}`);
  const view = created.json() as ResidentRequestView;
  fixture = { owner, other, requestId: view.id, version: view.version, photoId: view.attachmentIds[0]! };
  return fixture;
}

async function fingerprint(t: TestApp) {
  const { rows } = await t.tdb.db.query<{ f: string }>(`SELECT md5(
    (SELECT COALESCE(string_agg(concat_ws(',', id, state, version, urge_count), ';' ORDER BY id), '') FROM request) ||
    (SELECT count(*)::text FROM request_event) ||
    (SELECT count(*)::text FROM request_attachment)) AS f`);
  return rows[0]!.f;
}

export const residentProbes: Record<ResidentRouteId, ResidentProbe> = {
  requestResidentOtp: {
    expect: 'public',
    request: async () => ({
      method: 'POST',
      url: '/api/v1/public/otp',
      body: { phone: `1391234${1000 + ++phoneSeq}` },
    }),
  },
  verifyResidentOtp: {
    expect: 'public',
    request: async (t) => {
      const phone = `1391235${1000 + ++phoneSeq}`;
      await t.app.inject({ method: 'POST', url: '/api/v1/public/otp', payload: { phone } });
      return { method: 'POST', url: '/api/v1/public/otp/verify', body: { phone, code: await lastCodeFor(t, phone) } };
    },
  },
  getResidentSession: { expect: 'session', request: async () => ({ method: 'GET', url: '/api/v1/resident/session' }) },
  endResidentSession: {
    expect: 'refused',
    // Ending a session needs that session's CSRF token: another phone's token ends nothing.
    request: async (_t, f) => ({
      method: 'POST',
      url: '/api/v1/resident/session/end',
      headers: { cookie: f.owner.cookie },
    }),
  },
  getMapSettings: {
    expect: 'public',
    request: async () => ({ method: 'GET', url: '/api/v1/resident/map' }),
  },
  listResidentCategories: {
    expect: 'public',
    request: async () => ({ method: 'GET', url: '/api/v1/resident/categories' }),
  },
  listResidentPlaces: {
    expect: 'public',
    request: async (t) => ({ method: 'GET', url: `/api/v1/resident/places?parentId=${t.tree.building1}` }),
  },
  uploadResidentPhoto: {
    expect: 'session',
    request: async () => ({
      method: 'POST',
      url: '/api/v1/resident/photos',
      body: onePixelPng,
      headers: { 'content-type': 'image/png' },
    }),
  },
  getResidentPhoto: {
    expect: 'refused',
    request: async (_t, f) => ({ method: 'GET', url: `/api/v1/resident/photos/${f.photoId}` }),
  },
  submitResidentRequest: {
    expect: 'session',
    request: async (t) => {
      const categories = (await t.app.inject({ method: 'GET', url: '/api/v1/resident/categories' })).json() as {
        items: { id: number }[];
      };
      return {
        method: 'POST',
        url: '/api/v1/resident/requests',
        body: { categoryId: categories.items[0]!.id, description: '路灯不亮了', addressText: '甲社区东门' },
      };
    },
  },
  listResidentRequests: { expect: 'list', request: async () => ({ method: 'GET', url: '/api/v1/resident/requests' }) },
  getResidentRequest: {
    expect: 'refused',
    request: async (_t, f) => ({ method: 'GET', url: `/api/v1/resident/requests/${f.requestId}` }),
  },
  actOnResidentRequest: {
    expect: 'refused',
    request: async (t, f) => {
      const view = (
        await f.owner.call('GET', `/api/v1/resident/requests/${f.requestId}`)
      ).json() as ResidentRequestView;
      return {
        method: 'POST',
        url: `/api/v1/resident/requests/${f.requestId}/actions`,
        body: { action: 'urge', version: view.version, note: '请尽快' },
      };
    },
  },
};

/** Control of endResidentSession: a session ends itself, and its cookie opens nothing afterwards. */
async function endsItself(t: TestApp) {
  const s = await residentSession(t, '13912349999');
  expect((await s.call('POST', '/api/v1/resident/session/end')).statusCode).toBe(200);
  expect((await s.call('GET', '/api/v1/resident/session')).statusCode).toBe(401);
}

/** The probes as tests (called from scope.int.test.ts with its app). */
export function describeResidentProbes(app: () => TestApp) {
  describe('resident pages: a resident sees only what their own phone filed', () => {
    for (const id of Object.keys(residentProbes) as ResidentRouteId[]) {
      const probe = residentProbes[id];
      it(`${id}: ${probe.expect}`, async () => {
        const t = app();
        const f = await fixtureOf(t);
        const req = await probe.request(t, f);
        const before = await fingerprint(t);
        if (probe.expect === 'refused' || probe.expect === 'list') {
          const res = await f.other.call(req.method, req.url, req.body, req.headers);
          if (probe.expect === 'refused') {
            expect([403, 404]).toContain(res.statusCode);
            expect(res.body).not.toContain('楼道灯');
          } else {
            expect(res.statusCode).toBe(200);
            expect((res.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(f.requestId);
          }
          expect(await fingerprint(t)).toBe(before);
          // A staff sign-in is no resident session either (signing out of nothing is harmless).
          if (id === 'endResidentSession') {
            expect((await f.owner.call('GET', '/api/v1/resident/session')).statusCode).toBe(200);
            return endsItself(t);
          }
          const staff = await login(t.app, 'c1worker');
          const s = await staff.call(req.method, req.url, req.body, { ...req.headers, cookie: staff.cookie });
          expect([401, 403, 404]).toContain(s.statusCode);
          expect(await fingerprint(t)).toBe(before);
        } else if (probe.expect === 'session') {
          const staff = await login(t.app, 'c2worker');
          const res = await staff.call(req.method, req.url, req.body, req.headers);
          expect(res.statusCode).toBe(401);
          expect(await fingerprint(t)).toBe(before);
        } else {
          const res = await t.app.inject({
            method: req.method as 'GET',
            url: req.url,
            ...(req.body === undefined ? {} : { payload: req.body as object }),
          });
          expect(res.statusCode, res.body).toBeLessThan(300);
          expect(res.body).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)|王阿姨/);
          return;
        }
        // Control: the owner gets through with the same request.
        const req2 = await probe.request(t, f);
        const ok = await f.owner.call(req2.method, req2.url, req2.body, req2.headers);
        expect(ok.statusCode, ok.body).toBeLessThan(300);
        if (probe.expect === 'list')
          expect((ok.json() as { items: { id: number }[] }).items.map((i) => i.id)).toContain(f.requestId);
      });
    }
  });
}
