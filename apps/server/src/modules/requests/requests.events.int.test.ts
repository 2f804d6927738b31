/**
 * The live stream of request changes over a real HTTP server: a request dispatched to grid 1 reaches
 * the stream of grid 1's worker (with their open-work count) and not the stream of grid 2's worker;
 * strangers are refused; closing the server ends the streams.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/password.ts';
import { createTestApp, login, PASSWORD, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let base: string;

interface SseEvent {
  event: string;
  data: unknown;
}

/** An open event stream: the events so far, and a way to wait for one. */
interface Stream {
  events: SseEvent[];
  comments: string[];
  ended: Promise<void>;
  waitFor(pred: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  close(): void;
}

async function openStream(session: Session | null): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/requests/events`, {
    headers: { accept: 'text/event-stream', ...(session ? { cookie: session.cookie } : {}) },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (data) events.push({ event, data: JSON.parse(data) as unknown });
          for (const w of waiters) w();
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return {
    events,
    comments,
    ended,
    waitFor: (pred, ms = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(pred);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no such event within ${ms} ms; got ${JSON.stringify(events)}`));
        }, ms);
        waiters.add(check);
        check();
      }),
    close: () => controller.abort(),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  // A worker of the other grid, to prove they hear nothing of grid 1's work.
  const hash = await hashPassword(PASSWORD);
  const { rows } = await t.tdb.db.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, password_hash, must_change_password) VALUES ('g2worker', '测试g2worker', $1, false) RETURNING id`,
    [hash],
  );
  await t.tdb.db.query(`INSERT INTO user_role (user_id, role, node_id) VALUES ($1, 'grid_worker', $2)`, [
    rows[0]!.id,
    t.tree.grid2,
  ]);
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = address;
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/requests/events', () => {
  it('refuses a caller without a session', async () => {
    const res = await fetch(`${base}/api/v1/requests/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a user who holds no role on requests', async () => {
    const hash = await hashPassword(PASSWORD);
    await t.tdb.db.query(
      `INSERT INTO app_user (username, display_name, password_hash, must_change_password) VALUES ('nobody', '无角色', $1, false)`,
      [hash],
    );
    const nobody = await login(t.app, 'nobody');
    const res = await fetch(`${base}/api/v1/requests/events`, { headers: { cookie: nobody.cookie } });
    expect(res.status).toBe(403);
  });

  it('brings a dispatched request to the grid worker of its grid, not to the worker of another grid', async () => {
    const [g1, g2, window, dir, street1, street2] = await Promise.all([
      login(t.app, 'g1worker'),
      login(t.app, 'g2worker'),
      login(t.app, 'c1window'),
      login(t.app, 'c1dir'),
      login(t.app, 'street1'),
      login(t.app, 'street2'),
    ]);
    const g1Stream = await openStream(g1);
    const g2Stream = await openStream(g2);
    const dirStream = await openStream(dir);
    const street1Stream = await openStream(street1);
    const street2Stream = await openStream(street2);
    // Everyone starts with a count of their open work.
    expect((await g1Stream.waitFor((e) => e.event === 'counts')).data).toEqual({ mine: 0, dispatch: 0 });
    await g2Stream.waitFor((e) => e.event === 'counts');
    expect((await dirStream.waitFor((e) => e.event === 'counts')).data).toEqual({ mine: 0, dispatch: 0 });

    const categories = (await (await window.call('GET', '/api/v1/request-categories')).json()) as {
      items: { id: number; handlerType: string; parentId: number | null }[];
    };
    const gridCategory = categories.items.find((c) => c.handlerType === 'grid' && c.parentId === null)!;
    const intake = await window.call('POST', '/api/v1/requests', {
      channel: 'hotline',
      categoryId: gridCategory.id,
      description: '楼道里堆满了杂物，影响通行',
      nodeId: t.tree.household1,
      contactPhone: '13800138000',
    });
    expect(intake.statusCode).toBe(201);
    const created = intake.json() as { id: number; version: number; code: string };

    // The community dispatcher hears of the new request at once, with their queue's count.
    const news = await dirStream.waitFor(
      (e) => e.event === 'change' && (e.data as { requestId: number }).requestId === created.id,
    );
    expect(news.data).toMatchObject({ isYours: true, action: 'submit', state: 'accepted' });
    await dirStream.waitFor((e) => e.event === 'counts' && (e.data as { dispatch: number }).dispatch === 1);
    // The street above hears of it too (its lists and counts change), but not as its own work.
    const above = await street1Stream.waitFor((e) => e.event === 'change');
    expect(above.data).toMatchObject({ isYours: false, requestId: created.id });

    const dispatched = await dir.call('POST', `/api/v1/requests/${created.id}/actions`, {
      action: 'dispatch',
      version: created.version,
    });
    expect(dispatched.statusCode).toBe(200);
    expect((dispatched.json() as { assigneeNodeId: number }).assigneeNodeId).toBe(t.tree.grid1);

    const heard = await g1Stream.waitFor((e) => e.event === 'change');
    expect(heard.data).toMatchObject({
      isYours: true,
      requestId: created.id,
      code: created.code,
      action: 'dispatch',
      state: 'dispatched',
    });
    await g1Stream.waitFor((e) => e.event === 'counts' && (e.data as { mine: number }).mine === 1);

    // Grid 1's worker acts again; once that reaches their own stream, the dispatch would long have
    // reached grid 2's (one broadcaster, in order) had it been sent there.
    const signed = await g1.call('POST', `/api/v1/requests/${created.id}/actions`, {
      action: 'sign_for',
      version: (dispatched.json() as { version: number }).version,
    });
    expect(signed.statusCode).toBe(200);
    await g1Stream.waitFor((e) => e.event === 'change' && (e.data as { action: string }).action === 'sign_for');
    await new Promise((r) => setTimeout(r, 300));
    expect(g2Stream.events.filter((e) => e.event === 'change')).toEqual([]);
    expect(g2Stream.events.map((e) => e.event)).toEqual(['counts']);
    expect(street2Stream.events.map((e) => e.event)).toEqual(['counts']);

    g1Stream.close();
    g2Stream.close();
    dirStream.close();
    street1Stream.close();
    street2Stream.close();
  });

  it('ends open streams when the server closes, so the process can exit', async () => {
    const g1 = await login(t.app, 'g1worker');
    const stream = await openStream(g1);
    await stream.waitFor((e) => e.event === 'counts');
    const t0 = Date.now();
    const closing = t.app.close();
    await stream.ended;
    // The stream ends at once, not at its idle deadline or when the client hangs up. (Closing itself
    // may still wait up to the client's keep-alive for other, idle connections: see ADR 0011.)
    expect(Date.now() - t0).toBeLessThan(1_000);
    await closing;
    expect(stream.events.at(-1)).toEqual({ event: 'bye', data: { reason: 'shutdown' } });
  });
});
