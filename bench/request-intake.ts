/**
 * Request intake under load. Starts the real app on a fresh embedded PostgreSQL with the demo
 * district, signs in every community's window clerk (as real traffic, the load spreads over all the
 * communities, their households and every active category, so no rollup row is a single hot row) and
 * drives POST /api/v1/requests through the full path
 * (session, CSRF, validation, routing, insert, event, rollup, audit, outbox) with N concurrent
 * clients; then, in the same run on the same database, three references: a bare Fastify endpoint doing
 * one INSERT into a scratch table (the ceiling), the same INSERT plus one audit entry, and intake's own
 * write statement alone (captured from the intake phase and replayed with fresh ids from a bare route:
 * what the rows cost, without the session, validation, routing, read and answer). The audit chain's linker
 * runs every second throughout, as in the server (ADR 0004, linked after commit).
 * Prints throughput and p50/p99 of each, the CPU per request of the server, the load generator, the
 * other threads and PostgreSQL (Linux, bench/cpu-split.ts), and the ratio of intake to the bare ceiling.
 *
 *   npx tsx bench/request-intake.ts [--clients 50] [--seconds 10] [--port 3107]
 *
 * The load runs in a worker thread (keep-alive HTTP, one request in flight per client), so that the
 * clients do not take the server's event loop.
 */
import Fastify from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { loadDemo } from '../apps/server/src/modules/demo/index.ts';
import { appendAudit, linkAuditChain, verifyAuditChain } from '../apps/server/src/platform/audit/audit-log.ts';
import { createFieldCrypto } from '../apps/server/src/platform/crypto/field-crypto.ts';
import { prepared } from '../apps/server/src/platform/db/db.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { openDatabase } from '../apps/server/src/platform/db/open-database.ts';
import { startPeriodicJob } from '../apps/server/src/platform/jobs/periodic-job.ts';
import { cpuLine, cpuTimes, threadCpuSource } from './cpu-split.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const clients = arg('clients', 50);
const seconds = arg('seconds', 10);
const port = arg('port', 3107);
const PASSWORD = 'Bench@2026pw';

interface LoadResult {
  done: number;
  errors: Record<string, number>;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU seconds of the load generator's own thread. */
  loadCpu: number;
}

// Plain JS for the worker: N loops, each one POST after another over a keep-alive agent.
const loadScript = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { url, sessions, clients, seconds, expect } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const u = new URL(url);
const lat = [];
const errors = {};
let done = 0;
const end = Date.now() + seconds * 1000;
function post(headers, body) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        lat.push(performance.now() - t0);
        if (res.statusCode === expect) done++; else errors[res.statusCode] = (errors[res.statusCode] || 0) + 1;
        resolve();
      });
    });
    req.on('error', (e) => { errors[e.code || 'error'] = (errors[e.code || 'error'] || 0) + 1; resolve(); });
    req.end(body);
  });
}
async function loop(i) {
  const { headers, bodies } = sessions[i % sessions.length];
  let n = i;
  while (Date.now() < end) await post(headers, bodies[n++ % bodies.length]);
}
const started = Date.now();
const threadCpu = () => ${threadCpuSource};
const cpu0 = threadCpu();
Promise.all(Array.from({ length: clients }, (_, i) => loop(i))).then(() => {
  const elapsed = (Date.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  const at = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] || 0;
  agent.destroy();
  parentPort.postMessage({ done, errors, seconds: elapsed, p50: at(0.5), p99: at(0.99), max: lat[lat.length - 1] || 0, loadCpu: threadCpu() - cpu0 });
});
`;

interface Session {
  headers: Record<string, string>;
  bodies: string[];
}

/** Client i posts as sessions[i % sessions.length]. */
function drive(url: string, sessions: Session[], expect: number, secs = seconds) {
  return new Promise<LoadResult & { cpu: string }>((resolve, reject) => {
    const before = cpuTimes();
    const w = new Worker(loadScript, {
      eval: true,
      workerData: { url, sessions, clients, seconds: secs, expect },
    });
    w.once('message', (m: LoadResult) => {
      const cpu = cpuLine(before, cpuTimes(), m.done, m.loadCpu);
      void w.terminate();
      resolve({ ...m, cpu });
    });
    w.once('error', reject);
  });
}

const line = (label: string, r: LoadResult & { cpu: string }) => {
  const errs = Object.keys(r.errors).length ? `  errors ${JSON.stringify(r.errors)}` : '';
  const cpu = r.cpu ? `\n${r.cpu}` : '';
  return `${label.padEnd(44)} ${(r.done / r.seconds).toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(0).padStart(5)} ms${errs}${cpu}`;
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-intake-'));
fs.chmodSync(dataDir, 0o755);
// As the server: LINLI_DB_POOL, else a few connections per core.
const config = loadConfig();
const poolMax = config.dbPool;
const opened = await openDatabase({ databaseUrl: undefined, dataDir, exclusive: true, poolMax });
const crypto = createFieldCrypto(Buffer.alloc(32, 3));
try {
  await migrate(opened.db);
  const demo = await loadDemo(opened.db, { password: PASSWORD, crypto });
  const db = opened.db;
  const { rows: settings } = await db.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'max_connections', 'shared_buffers')`,
  );
  console.log(
    `demo district: ${demo.counts.household} households, ${demo.history?.requests ?? 0} requests already; PostgreSQL ${settings.map((s) => `${s.name}=${s.setting}`).join(' ')}`,
  );
  console.log(
    `${clients} concurrent clients, ${seconds} s each, ${os.cpus().length} CPUs (shared by server, database and clients), ${poolMax} database connections\n`,
  );

  // Every community's window clerk, each taking calls about households of their own community, in
  // every active category (leaf categories, as the intake form offers them).
  const { rows: clerks } = await db.query<{ username: string; places: number[] }>(
    `SELECT u.username,
            (SELECT array_agg(id ORDER BY md5(id::text)) FROM (
               SELECT n.id::int FROM jurisdiction_node n, jurisdiction_node c
                WHERE c.id = ur.node_id AND starts_with(n.path, c.path) AND n.level = 'household'
                ORDER BY md5(n.id::text) LIMIT 100) h) AS places
       FROM app_user u JOIN user_role ur ON ur.user_id = u.id
      WHERE ur.role = 'window_clerk' ORDER BY u.username`,
  );
  const { rows: cats } = await db.query<{ id: number }>(
    `SELECT c.id::int FROM request_category c
      WHERE c.is_active AND NOT EXISTS (SELECT 1 FROM request_category k WHERE k.parent_id = c.id) ORDER BY c.id`,
  );
  const bodiesOf = (places: number[], k: number) =>
    Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({
        channel: 'hotline',
        categoryId: cats[(i * 7 + k) % cats.length]!.id,
        description: `来电反映：楼道堆放杂物影响通行，请尽快处理（压测 ${k}-${i}）`,
        nodeId: places[i % places.length]!,
        contactName: '王女士',
        contactPhone: `138${String(10_000_000 + (k * 1000 + i) * 7919).slice(-8)}`,
      }),
    );
  const withPlaces = clerks.filter((c) => c.places?.length);
  console.log(`${withPlaces.length} window clerks, ${cats.length} categories\n`);
  const app = await createApp({
    db,
    crypto,
    auth: {
      loginMaxFailures: 5,
      lockMs: 60_000,
      sessionIdleMs: 3_600_000,
      sessionAbsoluteMs: 12 * 3_600_000,
      sessionCacheMs: config.sessionCacheMs,
    },
    secureCookies: false,
    trustProxy: false,
    bodyLimitBytes: 1024 * 1024,
    logLevel: 'silent',
    version: 'bench',
  });
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const sessions: Session[] = [];
  for (const [k, clerk] of withPlaces.entries()) {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: clerk.username, password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    sessions.push({ headers: { cookie, 'x-csrf-token': csrfToken }, bodies: bodiesOf(clerk.places, k) });
  }
  const bodies = sessions.flatMap((x) => x.bodies);

  // Keep intakes' writes (the request, its event, the figures, the message, the audit entry as one
  // statement; ADR 0015) to replay below without the rest of the path — several hundred, so that the
  // replay spreads over the same places, categories and figures rows as the real load.
  const writes: { text: string; values: unknown[] }[] = [];
  const query = db.query.bind(db);
  db.query = (text: string | { text: string }, values?: unknown[]) => {
    const t = typeof text === 'string' ? text : text.text;
    if (writes.length < 500 && t.startsWith('WITH s1 AS (INSERT INTO request '))
      writes.push({ text: t, values: [...(values ?? [])] });
    return query(text as string, values);
  };

  const linker = startPeriodicJob({ name: 'audit-link', everyMs: 1_000, run: () => linkAuditChain(db) });
  const before = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM request`)).rows[0]!.n;
  await drive(`${base}/api/v1/requests`, sessions, 201, 2); // warm-up
  const intake = await drive(`${base}/api/v1/requests`, sessions, 201);
  await app.close();
  db.query = query;
  const after = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM request`)).rows[0]!.n;
  if (!writes.length) throw new Error('no intake write was seen');

  // The ceilings: the same bodies, a bare Fastify route, one INSERT (and then one INSERT + one audit entry).
  await db.query(
    `CREATE TABLE bench_scratch (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body jsonb NOT NULL)`,
  );
  const bare = Fastify({ logger: false });
  bare.post('/insert', async (req, reply) => {
    await db.query(`INSERT INTO bench_scratch (body) VALUES ($1)`, [req.body]);
    return reply.status(201).send({ ok: true });
  });
  bare.post('/insert-audit', async (req, reply) => {
    await db.tx(async (q) => {
      await q.query(`INSERT INTO bench_scratch (body) VALUES ($1)`, [req.body]);
      await appendAudit(q, { actorName: 'bench', action: 'bench.insert', entityType: 'bench', summary: {} });
    });
    return reply.status(201).send({ ok: true });
  });
  // The write alone: the same statement, fresh ids from ranges reserved beforehand, no HTTP body used.
  const { rows: firstEvents } = await db.query<{ request_id: number; id: number }>(
    `SELECT request_id, id FROM request_event WHERE request_id = ANY($1::bigint[]) AND action = 'submit'`,
    [writes.map((w) => w.values[0])],
  );
  const eventOf = new Map(firstEvents.map((e) => [e.request_id, e.id]));
  const reserve = async (table: string) =>
    (
      await db.query<{ base: number }>(
        `SELECT setval(s, nextval(s) + 10000000) - 10000000 AS base FROM pg_get_serial_sequence($1, 'id') s`,
        [table],
      )
    ).rows[0]!.base;
  let nextId = await reserve('request');
  let nextEventId = await reserve('request_event');
  let serial = 0;
  bare.post('/intake-write', async (_req, reply) => {
    const replay = writes[serial % writes.length]!;
    const [oldId, oldCode] = replay.values as [number, string];
    const oldEventId = eventOf.get(oldId);
    const id = ++nextId;
    const eventId = ++nextEventId;
    const code = `BENCH-${++serial}`;
    const values = replay.values.map((v) =>
      v === oldId
        ? id
        : v === oldEventId
          ? eventId
          : v === oldCode
            ? code
            : v === String(oldId)
              ? String(id)
              : typeof v === 'string' && v.includes(oldCode)
                ? v.replaceAll(oldCode, code).replaceAll(`:${oldId},`, `:${id},`)
                : v,
    );
    await db.query(prepared(replay.text), values);
    return reply.status(201).send({ ok: true });
  });
  await bare.listen({ port, host: '127.0.0.1' });
  const bare1 = [{ headers: {}, bodies }];
  await drive(`${base}/insert`, bare1, 201, 2);
  const ceiling = await drive(`${base}/insert`, bare1, 201);
  const ceilingAudit = await drive(`${base}/insert-audit`, bare1, 201);
  const writeAlone = await drive(`${base}/intake-write`, bare1, 201);
  await bare.close();
  await linker.stop();

  console.log(line('POST /api/v1/requests (full path)', intake));
  console.log(line('ceiling: bare Fastify + one INSERT', ceiling));
  console.log(line('bare Fastify + INSERT + appendAudit (one tx)', ceilingAudit));
  console.log(line("bare Fastify + intake's write alone", writeAlone));
  const ratio = intake.done / intake.seconds / (ceiling.done / ceiling.seconds);
  console.log(
    `\nintake / ceiling throughput: ${(ratio * 100).toFixed(0)}% (target ≥ 25%)   intake p99 ${intake.p99.toFixed(1)} ms (target < 50 ms)   ${ratio >= 0.25 && intake.p99 < 50 ? 'ok' : 'MISSED'}`,
  );
  const rate = (r: LoadResult) => r.done / r.seconds;
  console.log(
    `intake's write alone / ceiling: ${((rate(writeAlone) / rate(ceiling)) * 100).toFixed(0)}%   intake / its write alone: ${((rate(intake) / rate(writeAlone)) * 100).toFixed(0)}%`,
  );
  console.log(`requests written: ${after - before} (expected ≥ ${intake.done})`);
  const chain = await verifyAuditChain(db);
  console.log(`audit chain after the run: ${chain.checked} entries, ${chain.problems.length} problems`);
} finally {
  await opened.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
