/**
 * SQL of the figures: sums of the rollup (request_rollup, maintained on every write) for a node and a
 * period, grouped by child node, category, channel, day or month; the same figures recounted from
 * the request table (by department, and as the proof that the rollup is right); hot topics.
 */
import { pathRangePredicate } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { contributionKeys, type Contribution } from './request.ts';

export type FigureGrouping = 'none' | 'child' | 'category' | 'channel' | 'day' | 'month';

export interface FigureQuery {
  /** The node whose subtree is counted. */
  path: string;
  /** First and last submission day in China, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  groupBy: FigureGrouping;
}

export type CountsRow = Contribution & { key: string };

/**
 * Each request's counters computed from its own row, mirroring `contributionOf` in request.ts
 * (declined, merged and withdrawn requests are filtered out by `countedRequestSql`).
 */
const handled = `(r.state IN ('resolved','verified','rated','closed') AND r.rating IS DISTINCT FROM 'unsatisfied')`;
export const rawCounterSql: Record<keyof Contribution, string> = {
  total: `1`,
  responded: `(r.first_signed_at IS NOT NULL)::int`,
  responded_on_time: `(r.first_signed_at IS NOT NULL AND r.first_signed_at <= r.respond_due_at)::int`,
  resolved: `${handled}::int`,
  resolved_on_time: `(${handled} AND r.resolved_at IS NOT NULL AND r.resolved_at <= r.resolve_due_at)::int`,
  rated: `(r.rating IS NOT NULL)::int`,
  satisfied: `(r.rating IS NOT DISTINCT FROM 'satisfied')::int`,
  basically_satisfied: `(r.rating IS NOT DISTINCT FROM 'basically_satisfied')::int`,
  unsatisfied: `(r.rating IS NOT DISTINCT FROM 'unsatisfied')::int`,
  returned: `(r.return_count > 0)::int`,
  reopened: `(r.reopen_count > 0)::int`,
  respond_work_ms: `COALESCE(r.respond_work_ms, 0)`,
  resolve_work_ms: `CASE WHEN ${handled} THEN COALESCE(r.resolve_work_ms, 0) ELSE 0 END`,
};
export const countedRequestSql = `r.state NOT IN ('declined','merged','withdrawn')`;
/** The submission day in China of a request row `r`. */
export const chinaDaySql = `(r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date`;

const isWorkMs = (k: keyof Contribution) => k === 'respond_work_ms' || k === 'resolve_work_ms';

function sums(expr: (k: keyof Contribution) => string): string {
  return contributionKeys
    .map((k) => `COALESCE(sum(${expr(k)}), 0)::${isWorkMs(k) ? 'float8' : 'int'} AS ${k}`)
    .join(', ');
}

/**
 * The group key as SQL. A child of the node at depth d (path '/a/b/' has depth 1) is the (d + 3)-th
 * '/'-separated part of a deeper path; '' means the area is the node itself.
 */
function keySql(groupBy: FigureGrouping, depth: number, day: string, pathColumn: string, alias = ''): string {
  switch (groupBy) {
    case 'none':
      return `''`;
    case 'child':
      return `split_part(${pathColumn}, '/', ${depth + 3})`;
    case 'category':
      return `${alias}category_id::text`;
    case 'channel':
      return `${alias}channel`;
    case 'day':
      return `to_char(${day}, 'YYYY-MM-DD')`;
    case 'month':
      return `to_char(${day}, 'YYYY-MM')`;
  }
}

export function depthOf(path: string): number {
  return path.split('/').filter(Boolean).length - 1;
}

const DAY_MS = 86_400_000;
const shift = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/**
 * A period as the whole months inside it (first days, inclusive) and the days left over at either end:
 * whole months are read from request_rollup_month, the rest from request_rollup.
 */
export function splitPeriod(from: string, to: string) {
  const firstMonth = from.endsWith('-01') ? from : `${shift(`${from.slice(0, 7)}-01`, 32).slice(0, 7)}-01`;
  const nextDay = shift(to, 1);
  const lastMonthEnd = nextDay.endsWith('-01') ? to : shift(`${to.slice(0, 7)}-01`, -1);
  if (firstMonth > lastMonthEnd) return { months: null, days: [[from, to]] as [string, string][] };
  const days: [string, string][] = [];
  if (from < firstMonth) days.push([from, shift(firstMonth, -1)]);
  if (lastMonthEnd < to) days.push([shift(lastMonthEnd, 1), to]);
  return { months: [firstMonth, `${lastMonthEnd.slice(0, 7)}-01`] as [string, string], days };
}

/**
 * The figures from the rollup: whole months from the monthly rows, the other days from the daily rows,
 * each one indexed range over the area paths under the node (the path-range predicate) and the dates.
 */
export async function rollupFigures(q: Queryable, f: FigureQuery): Promise<CountsRow[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const { months, days } = f.groupBy === 'day' ? { months: null, days: [[f.from, f.to]] } : splitPeriod(f.from, f.to);
  const counters = contributionKeys.join(', ');
  const parts: string[] = [];
  if (months) {
    const inNode = pathRangePredicate({ paths: [f.path] }, 'area_path', params);
    parts.push(
      `SELECT area_path, category_id, channel, month AS day, ${counters} FROM request_rollup_month
        WHERE ${inNode} AND month BETWEEN ${p(months[0])}::date AND ${p(months[1])}::date`,
    );
  }
  if (days.length) {
    const inNode = pathRangePredicate({ paths: [f.path] }, 'area_path', params);
    const ranges = days.map(([a, b]) => `day BETWEEN ${p(a)}::date AND ${p(b)}::date`).join(' OR ');
    parts.push(
      `SELECT area_path, category_id, channel, day, ${counters} FROM request_rollup WHERE ${inNode} AND (${ranges})`,
    );
  }
  const key = keySql(f.groupBy, depthOf(f.path), 'day', 'area_path');
  const { rows } = await q.query<CountsRow>(
    `SELECT ${key} AS key, ${sums((k) => k)}
       FROM (${parts.join(' UNION ALL ')}) x
      GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows;
}

/** The same figures recounted from the request table (a full scan of the cohort): the rollup's proof. */
export async function rawFigures(q: Queryable, f: FigureQuery): Promise<CountsRow[]> {
  const params: unknown[] = [f.from, f.to];
  const inNode = pathRangePredicate({ paths: [f.path] }, 'r.area_path', params);
  const key = keySql(f.groupBy, depthOf(f.path), chinaDaySql, 'r.area_path', 'r.');
  const { rows } = await q.query<CountsRow>(
    `SELECT ${key} AS key, ${sums((k) => rawCounterSql[k])}
       FROM request r
      WHERE ${countedRequestSql} AND ${inNode}
        AND r.submitted_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND r.submitted_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
      GROUP BY 1 ORDER BY 1`,
    params,
  );
  return rows;
}

/**
 * By the department a request is assigned to now. Departments change on transfer and the rollup has
 * no department in its key, so these are counted from the requests themselves.
 */
export async function departmentFigures(
  q: Queryable,
  f: Omit<FigureQuery, 'groupBy'>,
): Promise<(CountsRow & { name: string })[]> {
  const params: unknown[] = [f.from, f.to];
  const inNode = pathRangePredicate({ paths: [f.path] }, 'r.node_path', params);
  const { rows } = await q.query<CountsRow & { name: string }>(
    `SELECT r.assignee_department_id::text AS key, d.name, ${sums((k) => rawCounterSql[k])}
       FROM request r JOIN department d ON d.id = r.assignee_department_id
      WHERE ${countedRequestSql} AND ${inNode}
        AND r.submitted_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND r.submitted_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
      GROUP BY r.assignee_department_id, d.name ORDER BY count(*) DESC, d.name`,
    params,
  );
  return rows;
}

export interface NodeRow {
  id: number;
  name: string;
  level: string;
  path: string;
  parent_id: number | null;
  retired: boolean;
  code: string | null;
}

const nodeColumns = `id::int, name, level, path, parent_id::int, retired_at IS NOT NULL AS retired, code`;

export async function findNode(q: Queryable, id: number): Promise<NodeRow | undefined> {
  const { rows } = await q.query<NodeRow>(`SELECT ${nodeColumns} FROM jurisdiction_node WHERE id = $1`, [id]);
  return rows[0];
}

export async function findNodeByPath(q: Queryable, path: string): Promise<NodeRow | undefined> {
  const { rows } = await q.query<NodeRow>(`SELECT ${nodeColumns} FROM jurisdiction_node WHERE path = $1`, [path]);
  return rows[0];
}

/** The first top-level node (for a caller whose jurisdiction is everything). */
export async function firstRoot(q: Queryable): Promise<NodeRow | undefined> {
  const { rows } = await q.query<NodeRow>(
    `SELECT ${nodeColumns} FROM jurisdiction_node WHERE parent_id IS NULL ORDER BY retired_at NULLS FIRST, id LIMIT 1`,
  );
  return rows[0];
}

export async function nodesByIds(q: Queryable, ids: readonly number[]): Promise<NodeRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<NodeRow>(
    `SELECT ${nodeColumns} FROM jurisdiction_node WHERE id = ANY($1::bigint[]) ORDER BY code NULLS LAST, name, id`,
    [ids],
  );
  return rows;
}

export async function childrenOf(q: Queryable, parentId: number): Promise<NodeRow[]> {
  const { rows } = await q.query<NodeRow>(
    `SELECT ${nodeColumns} FROM jurisdiction_node WHERE parent_id = $1 ORDER BY code NULLS LAST, name, id`,
    [parentId],
  );
  return rows;
}

/** Requests per area (grid), category and month over the months given (YYYY-MM, ascending), from the monthly rollup. */
export async function areaMonthCounts(q: Queryable, path: string, months: readonly string[]) {
  const params: unknown[] = [`${months[0]}-01`, `${months.at(-1)}-01`];
  const inNode = pathRangePredicate({ paths: [path] }, 'area_path', params);
  const { rows } = await q.query<{ area_path: string; category_id: number; month: string; n: number }>(
    `SELECT area_path, category_id::int, to_char(month, 'YYYY-MM') AS month, sum(total)::int AS n
       FROM request_rollup_month
      WHERE ${inNode} AND month BETWEEN $1::date AND $2::date
      GROUP BY 1, 2, 3 HAVING sum(total) > 0`,
    params,
  );
  return rows;
}

/** Counted requests per building and month, from the requests (the rollup stops at the grid). */
export async function buildingMonthCounts(q: Queryable, path: string, months: readonly string[]) {
  const params: unknown[] = [`${months[0]}-01`, `${months.at(-1)}-01`];
  const inNode = pathRangePredicate({ paths: [path] }, 'r.node_path', params);
  const { rows } = await q.query<{ building_id: number; path: string; month: string; n: number }>(
    `SELECT b.id::int AS building_id, b.path, to_char(${chinaDaySql}, 'YYYY-MM') AS month, count(*)::int AS n
       FROM request r
       JOIN jurisdiction_node b
         ON b.id = ANY (string_to_array(trim(both '/' from r.node_path), '/')::bigint[]) AND b.level = 'building'
      WHERE ${countedRequestSql} AND ${inNode}
        AND r.submitted_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
        AND r.submitted_at < (($2::date + interval '1 month')::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      GROUP BY 1, 2, 3`,
    params,
  );
  return rows;
}

/** Every category's Chinese and English name, by id. */
export async function categoryNames(q: Queryable): Promise<Map<number, { zh: string; en: string | null }>> {
  const { rows } = await q.query<{ id: number; name: string; name_en: string | null }>(
    `SELECT id::int, name, name_en FROM request_category`,
  );
  return new Map(rows.map((r) => [r.id, { zh: r.name, en: r.name_en }]));
}

export interface RepeatedRow {
  phone_hash: string;
  phone_masked: string | null;
  category_id: number;
  node_path: string;
  requests: { id: number; code: string; state: string; at: string }[];
}

/**
 * The same caller (phone hash) about the same matter (category and place) 3 or more times within 60
 * days, the last of them in [from, until). Every request counts here, merged and withdrawn ones too:
 * each is a call the resident had to make.
 */
export async function repeatedComplaints(q: Queryable, path: string, from: string, until: string) {
  const params: unknown[] = [from, until];
  const inNode = pathRangePredicate({ paths: [path] }, 'r.node_path', params);
  const { rows } = await q.query<RepeatedRow>(
    `WITH recent AS (
       SELECT r.id, r.code, r.state, r.submitted_at, r.contact_phone_hash, r.contact_phone_masked, r.category_id, r.node_path,
              count(*) OVER (PARTITION BY r.contact_phone_hash, r.category_id, r.node_path ORDER BY r.submitted_at
                             RANGE BETWEEN interval '60 days' PRECEDING AND CURRENT ROW) AS within_60
         FROM request r
        WHERE r.contact_phone_hash IS NOT NULL AND ${inNode}
          AND r.submitted_at >= (($1::date - 60)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND r.submitted_at < ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
     ),
     flagged AS (
       SELECT DISTINCT contact_phone_hash, category_id, node_path FROM recent
        WHERE within_60 >= 3 AND submitted_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
     )
     SELECT f.contact_phone_hash AS phone_hash, max(x.contact_phone_masked) AS phone_masked, f.category_id::int, f.node_path,
            json_agg(json_build_object('id', x.id, 'code', x.code, 'state', x.state, 'at', x.submitted_at) ORDER BY x.submitted_at) AS requests
       FROM flagged f
       JOIN recent x USING (contact_phone_hash, category_id, node_path)
      GROUP BY f.contact_phone_hash, f.category_id, f.node_path
      ORDER BY count(*) DESC, max(x.submitted_at) DESC
      LIMIT 50`,
    params,
  );
  return rows;
}
