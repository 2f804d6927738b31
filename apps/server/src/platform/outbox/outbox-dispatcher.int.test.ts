import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/test-db.ts';
import { testCrypto } from '../../../test/test-app.ts';
import { enqueueMessage } from './outbox.ts';
import { createOutboxDispatcher, outboxCounts, retryFailed } from './outbox-dispatcher.ts';
import { createLogProvider } from './providers/log-provider.ts';
import { createWebhookProvider, signWebhook } from './providers/webhook-provider.ts';

/** A real HTTP receiver whose behaviour the test switches: up, down (connection dropped), an HTTP status, slow. */
interface Receiver {
  url: string;
  mode: 'up' | 'down' | 'hang' | number;
  delayMs: number;
  /** Bodies of the messages it accepted (answered 2xx), with their headers. */
  accepted: { id: string; body: Record<string, unknown>; raw: string; headers: http.IncomingHttpHeaders }[];
  hits: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const r = { mode: 'up', delayMs: 0, accepted: [], hits: 0 } as unknown as Receiver;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      r.hits++;
      if (r.mode === 'down') return req.socket.destroy();
      if (r.mode === 'hang') return;
      setTimeout(() => {
        if (typeof r.mode === 'number') {
          res.writeHead(r.mode).end('refused by test');
          return;
        }
        const body = JSON.parse(raw) as Record<string, unknown>;
        r.accepted.push({ id: String(body.id), body, raw, headers: req.headers });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, r.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
  r.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}

const SECRET = 'test-webhook-secret-0123456789';
let tdb: TestDb;
let receiver: Receiver;
let t: Date;
const clock = () => t;
const advance = (ms: number) => (t = new Date(t.getTime() + ms));

const webhookDispatcher = (o: { batchSize?: number; maxAttempts?: number; timeoutMs?: number } = {}) =>
  createOutboxDispatcher({
    db: tdb.db,
    crypto: testCrypto,
    provider: createWebhookProvider({ url: receiver.url, secret: SECRET, timeoutMs: o.timeoutMs ?? 2_000 }),
    now: clock,
    ...(o.batchSize ? { batchSize: o.batchSize } : {}),
    ...(o.maxAttempts ? { maxAttempts: o.maxAttempts } : {}),
  });

async function enqueue(topic = 'request.accepted', code = 'SQ20261121-000123') {
  return enqueueMessage(tdb.db, {
    topic,
    recipientPhoneEnc: testCrypto.encrypt('13812345678'),
    recipientPhoneMasked: '138****5678',
    payload: { requestId: 1, code, category: '环境卫生' },
  });
}

async function statusOf(id: number) {
  const { rows } = await tdb.db.query<{ status: string; attempts: number; last_error: string | null; next: Date }>(
    `SELECT status, attempts, last_error, next_attempt_at AS next FROM outbox_message WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

beforeAll(async () => {
  tdb = await createTestDb();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await tdb.drop();
});
beforeEach(async () => {
  await tdb.db.query(`DELETE FROM outbox_message`);
  receiver.mode = 'up';
  receiver.delayMs = 0;
  receiver.accepted.length = 0;
  receiver.hits = 0;
  // The messages' next_attempt_at defaults to the database's now(); the test clock starts just after it.
  t = new Date(Date.now() + 1_000);
});

describe('outbox dispatcher with a webhook', () => {
  it('keeps a message while the receiver is down, retries it later and delivers it once', async () => {
    const id = await enqueue();
    const d = webhookDispatcher();

    receiver.mode = 'down';
    expect(await d.runBatch()).toMatchObject({ claimed: 1, retrying: 1 });
    let s = await statusOf(id);
    expect(s).toMatchObject({ status: 'pending', attempts: 1 });
    expect(s.last_error).toMatch(/unreachable/);
    expect(s.next.getTime() - t.getTime()).toBe(30_000);

    receiver.mode = 'up';
    advance(10_000); // not due yet: nothing is sent early
    expect(await d.runBatch()).toMatchObject({ claimed: 0 });
    advance(21_000);
    expect(await d.runBatch()).toMatchObject({ claimed: 1, sent: 1 });
    advance(3_600_000);
    expect(await d.runBatch()).toMatchObject({ claimed: 0 });

    expect(receiver.accepted).toHaveLength(1);
    const got = receiver.accepted[0]!;
    expect(got.id).toBe(`linli-outbox-${id}`);
    expect(got.headers['x-linli-message-id']).toBe(`linli-outbox-${id}`);
    expect(got.headers['x-linli-signature']).toBe(
      signWebhook(SECRET, String(got.headers['x-linli-timestamp']), got.raw),
    );
    expect(got.body).toMatchObject({
      topic: 'request.accepted',
      recipient: { phone: '13812345678' },
      attempt: 2,
      text: expect.stringContaining('【邻里】您的诉求 SQ20261121-000123 已受理') as unknown,
    });
    s = await statusOf(id);
    expect(s).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('retries on 5xx, 429 and timeouts, but gives up at once on other 4xx', async () => {
    const d = webhookDispatcher({ timeoutMs: 200 });
    const a = await enqueue();
    receiver.mode = 503;
    await d.runBatch();
    expect(await statusOf(a)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await statusOf(a)).last_error).toMatch(/503/);

    advance(31_000);
    receiver.mode = 429;
    await d.runBatch();
    expect(await statusOf(a)).toMatchObject({ status: 'pending', attempts: 2 });

    advance(121_000);
    receiver.mode = 'hang';
    await d.runBatch();
    expect(await statusOf(a)).toMatchObject({ status: 'pending', attempts: 3 });
    expect((await statusOf(a)).last_error).toMatch(/timed out/);

    advance(601_000);
    receiver.mode = 400;
    await d.runBatch();
    const s = await statusOf(a);
    expect(s).toMatchObject({ status: 'failed', attempts: 4 });
    expect(s.last_error).toMatch(/400: refused by test/);
    expect(receiver.accepted).toHaveLength(0);
  });

  it('marks a message failed after the last attempt, and an operator can put it back', async () => {
    const d = webhookDispatcher({ maxAttempts: 3 });
    const a = await enqueue();
    receiver.mode = 500;
    for (let i = 0; i < 3; i++) {
      await d.runBatch();
      advance(24 * 3_600_000);
    }
    expect(await statusOf(a)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await outboxCounts(tdb.db)).toMatchObject({ pending: 0, failed: 1 });

    expect(await retryFailed(tdb.db)).toBe(1);
    receiver.mode = 'up';
    t = new Date(Date.now() + 1_000);
    expect(await d.runBatch()).toMatchObject({ sent: 1 });
    expect(await outboxCounts(tdb.db)).toMatchObject({ pending: 0, failed: 0, sent: 1 });
    expect(receiver.accepted.map((m) => m.id)).toEqual([`linli-outbox-${a}`]);
  });

  it('two dispatchers running side by side never send one message twice', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 60; i++)
      ids.push(await enqueue('request.resolved', `SQ20261121-${String(i).padStart(6, '0')}`));
    receiver.delayMs = 15;
    const one = webhookDispatcher({ batchSize: 7 });
    const two = webhookDispatcher({ batchSize: 7 });
    const [r1, r2] = await Promise.all([one.drain(), two.drain()]);
    expect(r1.sent + r2.sent).toBe(60);
    expect(r1.sent).toBeGreaterThan(0);
    expect(r2.sent).toBeGreaterThan(0);
    const received = receiver.accepted.map((m) => m.id).sort();
    expect(received).toEqual(ids.map((id) => `linli-outbox-${id}`).sort());
    expect(new Set(received).size).toBe(60);
    expect(receiver.hits).toBe(60);
  });

  it('renders every topic in Chinese and the log provider shows only the masked phone', async () => {
    const lines: string[] = [];
    const d = createOutboxDispatcher({
      db: tdb.db,
      crypto: testCrypto,
      provider: createLogProvider((l) => lines.push(l)),
      now: clock,
    });
    for (const topic of ['request.received', 'request.declined', 'request.rating_wanted']) await enqueue(topic);
    await enqueueMessage(tdb.db, {
      topic: 'request.overdue',
      payload: { code: 'SQ20261121-000009', escalatedTo: 'street' },
    });
    await enqueueMessage(tdb.db, {
      topic: 'otp',
      recipientPhoneEnc: testCrypto.encrypt('13900001111'),
      recipientPhoneMasked: '139****1111',
      payload: { code: '246810', minutes: 5 },
    });
    expect(await d.drain()).toEqual({ sent: 5, retrying: 0, failed: 0 });
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).not.toMatch(/13812345678|13900001111/);
    expect(lines[0]).toMatch(/request\.received → 138\*\*\*\*5678：【邻里】您的诉求 SQ20261121-000123 已收到/);
    expect(lines[3]).toMatch(/自动上报街道督办/);
    expect(lines[4]).toMatch(/139\*\*\*\*1111：【邻里】您的验证码是 246810，5 分钟内有效/);
    // The code is not kept once delivered.
    const { rows } = await tdb.db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_message WHERE topic = 'otp'`,
    );
    expect(rows[0]!.payload).toEqual({ minutes: 5 });
  });
});
