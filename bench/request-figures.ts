/**
 * The figures of requests at the scale of a Beijing year. Generates N requests (default 500,000;
 * `--requests 20000000` for the real thing) submitted over one year in a generated district of
 * 3 streets × 12 communities × 120 grids, 10 categories and 5 channels, as raw request rows and as the
 * rollup rows they add up to — directly with SQL, not through the service — in a fresh embedded
 * PostgreSQL. Then times "the three rates by street for one month" through the metrics repository
 * (the rollup) and through a raw scan of the request table computing the same figures, prints p50/p99
 * of each, their ratio, and the figures table (which must be the same from both).
 *
 *   npx tsx bench/request-figures.ts [--requests 20000000] [--rounds 50] [--raw-rounds 5]
 *
 * The data lives in a temporary directory that is deleted at the end (never in the work tree).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  chinaDaySql,
  contributionKeys,
  countedRequestSql,
  figuresOf,
  rawCounterSql,
  rawFigures,
  rollupFigures,
  type CountsRow,
} from '../apps/server/src/modules/requests/index.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { openDatabase } from '../apps/server/src/platform/db/open-database.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const requests = arg('requests', 500_000);
const rounds = arg('rounds', 50);
const rawRounds = arg('raw-rounds', 5);
const CHUNK = 1_000_000;
/** The year generated: December 2025 to November 2026, China time; the month timed is October 2026. */
const YEAR_START = '2025-12-01T00:00:00+08:00';
const MONTH = { from: '2026-10-01', to: '2026-10-31' };
const TARGET_MS = 100;

function quantiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

async function time<T>(n: number, warm: number, fn: () => Promise<T>) {
  let last: T | undefined;
  for (let i = 0; i < warm; i++) last = await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await fn();
    samples.push(performance.now() - t0);
  }
  return { ...quantiles(samples), last: last! };
}

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-figures-'));
fs.chmodSync(dataDir, 0o755);
const opened = await openDatabase({ databaseUrl: undefined, dataDir, exclusive: true, poolMax: 4 });
const db = opened.db;
try {
  await migrate(db);

  // The district: 3 streets, 4 communities each, 10 grids each (120 grids).
  const node = async (parent: { id: number; path: string; depth: number } | null, level: string, name: string) => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT nextval(pg_get_serial_sequence('jurisdiction_node','id')) AS id`,
    );
    const id = Number(rows[0]!.id);
    const p = `${parent?.path ?? '/'}${id}/`;
    await db.query(
      `INSERT INTO jurisdiction_node (id, parent_id, level, name, path, depth) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, parent?.id ?? null, level, name, p, parent ? parent.depth + 1 : 0],
    );
    return { id, path: p, depth: parent ? parent.depth + 1 : 0 };
  };
  const district = await node(null, 'district', '基准区');
  const grids: { id: number; path: string; community: { id: number; path: string } }[] = [];
  for (let s = 1; s <= 3; s++) {
    const street = await node(district, 'street', `第${s}街道`);
    for (let c = 1; c <= 4; c++) {
      const community = await node(street, 'community', `${s}-${c}社区`);
      for (let g = 1; g <= 10; g++) grids.push({ ...(await node(community, 'grid', `第${g}网格`)), community });
    }
  }
  await db.query(
    `CREATE TABLE bench_grid (n int PRIMARY KEY, id bigint, path text COLLATE "C", cid bigint, cpath text COLLATE "C")`,
  );
  for (const [n, g] of grids.entries())
    await db.query(`INSERT INTO bench_grid VALUES ($1, $2, $3, $4, $5)`, [
      n,
      g.id,
      g.path,
      g.community.id,
      g.community.path,
    ]);
  const { rows: cats } = await db.query<{ id: string }>(
    `SELECT id FROM request_category ORDER BY sort_order, id LIMIT 10`,
  );
  const categoryIds = cats.map((c) => Number(c.id));

  // Load without the secondary indexes (built once afterwards, as a bulk import would).
  const { rows: indexes } = await db.query<{ name: string; def: string; con: string | null }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def, c.conname AS con
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid LEFT JOIN pg_constraint c ON c.conindid = i.oid
      WHERE x.indrelid = 'request'::regclass AND NOT x.indisprimary`,
  );
  for (const ix of indexes)
    await db.query(ix.con ? `ALTER TABLE request DROP CONSTRAINT ${ix.con}` : `DROP INDEX ${ix.name}`);

  const t0 = performance.now();
  for (let start = 1; start <= requests; start += CHUNK) {
    const end = Math.min(requests, start + CHUNK - 1);
    await db.tx(async (q) => {
      await q.query(`SET LOCAL synchronous_commit = off`);
      // Generated rows reference nodes and categories that exist; skip the per-row foreign-key triggers.
      await q.query(`SET LOCAL session_replication_role = replica`);
      await q.query(
        `INSERT INTO request (code, channel, category_id, urgency, state, description, node_id, node_path, area_path,
           dispatch_node_id, dispatch_path, escalation_level, assignee_node_id, assignee_path, rating, reopen_count, return_count,
           submitted_at, accepted_at, dispatched_at, signed_at, first_signed_at, resolved_at, first_resolved_at, closed_at,
           respond_due_at, resolve_due_at, respond_amber_at, resolve_amber_at, respond_work_ms, resolve_work_ms)
         SELECT 'B' || lpad(i::text, 10, '0'), channel, category_id, 'normal', state, '基准测试生成的诉求', gr.id, gr.path, gr.path,
                gr.cid, gr.cpath, 'community', gr.id, gr.path, rating, reopen_count, return_count,
                sub, sub, CASE WHEN signed IS NOT NULL THEN sub END, signed, signed, resolved, resolved,
                CASE WHEN state IN ('closed','declined','withdrawn') THEN coalesce(resolved, sub) END,
                sub + interval '4 hours', sub + interval '7 days', sub + interval '3.2 hours', sub + interval '5.6 days',
                -- Working time is about 7.5 of every 24 hours; near enough for a benchmark.
                (extract(epoch FROM signed - sub) * 1000 * 0.3125)::bigint,
                (extract(epoch FROM resolved - sub) * 1000 * 0.3125)::bigint
           FROM (
             SELECT *,
                    CASE WHEN state IN ('in_progress','resolved','verified','rated','closed')
                         THEN sub + (rt1 * rt1 * 8) * interval '1 hour' END AS signed,
                    CASE WHEN state IN ('resolved','verified','rated','closed')
                         THEN sub + (rt2 * rt2 * 12) * interval '1 day' END AS resolved,
                    CASE WHEN state = 'rated' OR (state = 'closed' AND rr < 0.85)
                         THEN CASE WHEN rx < 0.78 THEN 'satisfied' WHEN rx < 0.92 THEN 'basically_satisfied' ELSE 'unsatisfied' END
                    END AS rating
               FROM (
                 SELECT i,
                        $3::timestamptz + ((i - 1 + random()) / $4::float8 * 365 * 86400) * interval '1 second' AS sub,
                        -- Busy grids and common categories: skewed, as real districts are.
                        floor(120 * power(random(), 1.6))::int AS grid_n,
                        ($5::bigint[])[1 + floor(10 * power(random(), 1.8))::int] AS category_id,
                        (SELECT CASE WHEN x < 0.45 THEN 'hotline' WHEN x < 0.70 THEN 'resident' WHEN x < 0.80 THEN 'window'
                                     WHEN x < 0.95 THEN 'patrol' ELSE 'open311' END FROM (SELECT random() + 0 * i AS x) c) AS channel,
                        (SELECT CASE WHEN x < 0.03 THEN 'declined' WHEN x < 0.05 THEN 'withdrawn' WHEN x < 0.07 THEN 'accepted'
                                     WHEN x < 0.09 THEN 'dispatched' WHEN x < 0.12 THEN 'in_progress' WHEN x < 0.13 THEN 'resolved'
                                     WHEN x < 0.80 THEN 'closed' WHEN x < 0.92 THEN 'rated' ELSE 'verified' END
                           FROM (SELECT random() + 0 * i AS x) s) AS state,
                        (random() < 0.03)::int AS reopen_count, (random() < 0.05)::int AS return_count,
                        random() AS rt1, random() AS rt2, random() AS rr, random() AS rx
                   FROM generate_series($1::bigint, $2::bigint) AS i
               ) a
           ) b
           JOIN bench_grid gr ON gr.n = b.grid_n`,
        [start, end, YEAR_START, requests, categoryIds],
      );
    });
    process.stdout.write(`\rrequests ${end.toLocaleString()} / ${requests.toLocaleString()} (${secs(t0)})`);
  }
  console.log();

  // The rollup rows those requests add up to, from the same counter definitions as the proof test.
  const t1 = performance.now();
  await db.tx(async (q) => {
    await q.query(`SET LOCAL synchronous_commit = off`);
    await q.query(`SET LOCAL work_mem = '512MB'`);
    await q.query(
      `INSERT INTO request_rollup (day, area_path, category_id, channel, ${contributionKeys.join(', ')})
       SELECT ${chinaDaySql}, r.area_path, r.category_id, r.channel,
              ${contributionKeys.map((k) => `sum(${rawCounterSql[k]})`).join(', ')}
         FROM request r WHERE ${countedRequestSql}
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
    await q.query(
      `INSERT INTO request_rollup_month (month, area_path, category_id, channel, ${contributionKeys.join(', ')})
       SELECT date_trunc('month', day)::date, area_path, category_id, channel,
              ${contributionKeys.map((k) => `sum(${k})`).join(', ')}
         FROM request_rollup GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    );
  });
  const t2 = performance.now();
  // The indexes the raw scan can use for a month of one node (the others matter for the lists, not here).
  await db.query(`SET maintenance_work_mem = '1GB'`);
  for (const ix of indexes.filter((i) => ['request_submitted_idx', 'request_node_path_idx'].includes(i.name)))
    await db.query(ix.def);
  await db.query(`DROP TABLE bench_grid`);
  await db.query(`VACUUM ANALYZE request`);
  await db.query(`VACUUM ANALYZE request_rollup`);
  await db.query(`VACUUM ANALYZE request_rollup_month`);
  const { rows: sizes } = await db.query<{
    requests: string;
    rollup_rows: string;
    request_mb: string;
    rollup_mb: string;
  }>(
    `SELECT (SELECT count(*) FROM request) AS requests,
            (SELECT count(*) FROM request_rollup) + (SELECT count(*) FROM request_rollup_month) AS rollup_rows,
            pg_total_relation_size('request') / 1048576 AS request_mb, (pg_total_relation_size('request_rollup') + pg_total_relation_size('request_rollup_month')) / 1048576 AS rollup_mb`,
  );
  const z = sizes[0]!;
  console.log(
    `rollup built in ${((t2 - t1) / 1000).toFixed(1)} s; indexes and VACUUM ANALYZE in ${secs(t2)}\n` +
      `request: ${Number(z.requests).toLocaleString()} rows, ${z.request_mb} MB; request_rollup and request_rollup_month: ${Number(z.rollup_rows).toLocaleString()} rows, ${z.rollup_mb} MB`,
  );

  const query = { path: district.path, ...MONTH, groupBy: 'child' as const };
  const rollup = await time(rounds, 5, () => rollupFigures(db, query));
  // A period that is not whole months (this month to date) reads the daily rows.
  const partial = { ...query, to: `${MONTH.from.slice(0, 8)}22` };
  const rollupDays = await time(rounds, 5, () => rollupFigures(db, partial));
  const raw = await time(rawRounds, 1, () => rawFigures(db, query));
  const ok = rollup.p99 < TARGET_MS ? 'ok' : 'OVER';
  console.log(
    `\nthe three rates by street for ${MONTH.from.slice(0, 7)} (${requests.toLocaleString()} requests in the year)`,
  );
  console.log('                                   runs   p50 ms    p99 ms');
  console.log(
    `rollup (metrics repository, month)${String(rounds).padStart(4)} ${rollup.p50.toFixed(1).padStart(8)} ${rollup.p99.toFixed(1).padStart(9)}   target p99 < ${TARGET_MS} ms: ${ok}`,
  );
  console.log(
    `rollup, days 1–22 (daily rows)     ${String(rounds).padStart(4)} ${rollupDays.p50.toFixed(1).padStart(8)} ${rollupDays.p99.toFixed(1).padStart(9)}`,
  );
  console.log(
    `raw scan of the request table      ${String(rawRounds).padStart(4)} ${raw.p50.toFixed(1).padStart(8)} ${raw.p99.toFixed(1).padStart(9)}`,
  );
  console.log(`raw ÷ rollup (p50): ${(raw.p50 / rollup.p50).toFixed(1)}×`);

  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  const byKey = (rows: CountsRow[]) => new Map(rows.map((r) => [r.key, r]));
  const fromRaw = byKey(raw.last);
  const names = new Map(
    (
      await db.query<{ id: string; name: string }>(
        `SELECT id::text, name FROM jurisdiction_node WHERE parent_id = $1`,
        [district.id],
      )
    ).rows.map((r) => [r.id, r.name]),
  );
  console.log(
    `\n${'street'.padEnd(10)} ${'requests'.padStart(9)}  响应率   解决率   满意率  按时响应  按时办结  退单率  重办率  avg h  avg d`,
  );
  let same = true;
  for (const r of rollup.last) {
    const f = figuresOf(r, 7.5 * 3_600_000);
    const rr = fromRaw.get(r.key);
    if (!rr || contributionKeys.some((k) => Math.abs(rr[k] - r[k]) > 1e-6 * Math.max(1, Math.abs(r[k])))) same = false;
    console.log(
      `${(names.get(r.key) ?? r.key).padEnd(10)} ${r.total.toLocaleString().padStart(9)}  ${pct(f.responseRate).padStart(6)}  ${pct(f.resolutionRate).padStart(6)}  ${pct(f.satisfactionRate).padStart(6)}  ${pct(f.onTimeResponseRate).padStart(7)}  ${pct(f.onTimeResolutionRate).padStart(7)}  ${pct(f.returnRate).padStart(6)}  ${pct(f.reopenRate).padStart(6)}  ${(f.avgRespondHours ?? 0).toFixed(2).padStart(5)}  ${(f.avgResolveDays ?? 0).toFixed(2).padStart(5)}`,
    );
  }
  console.log(
    same && fromRaw.size === rollup.last.length
      ? '\nrollup and raw scan agree on every counter'
      : '\nMISMATCH between rollup and raw scan',
  );
  if (!same) process.exitCode = 1;
} finally {
  await opened.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
