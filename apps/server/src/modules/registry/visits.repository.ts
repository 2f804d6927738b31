/**
 * SQL of home visits. A visit requirement is (resident, kind) with the strictest interval among the
 * resident's care tags; it is due `everyDays` after the last visit of that kind, or after the resident
 * was tagged when never visited.
 */
import type { Visit } from '@linli/contracts';
import { pathRangePredicate, type Scope } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';

/** The requirements with their due dates, as a CTE body filtered by `where` on resident r. */
function requirementsSql(where: string, todayParam: string) {
  return `req AS (
      SELECT r.id AS resident_id, r.node_path, x.kind, min(x."everyDays") AS every_days, min(rt.since) AS since
      FROM resident r
      JOIN resident_tag rt ON rt.resident_id = r.id
      JOIN care_tag ct ON ct.code = rt.tag_code AND ct.is_active
      CROSS JOIN LATERAL jsonb_to_recordset(ct.visit_rule) AS x(kind text, "everyDays" int)
      WHERE r.status = 'active' AND ${where}
      GROUP BY r.id, r.node_path, x.kind
    ), due AS (
      SELECT req.*, last.visited_on AS last_visited_on,
             COALESCE(last.visited_on, req.since, ${todayParam}::date) + req.every_days AS due_on
      FROM req
      LEFT JOIN LATERAL (SELECT max(v.visited_on) AS visited_on FROM visit v WHERE v.resident_id = req.resident_id AND v.kind = req.kind) last ON true
    )`;
}

export interface DueRow {
  resident_id: number;
  name: string;
  birth_date: string | null;
  phone_masked: string | null;
  node_path: string;
  tags: string[];
  kind: 'home' | 'phone' | 'neighbour';
  every_days: number;
  last_visited_on: string | null;
  due_on: string;
  total: number;
}

export async function dueVisits(
  q: Queryable,
  scope: Scope,
  f: {
    nodePath?: string | undefined;
    today: string;
    until: string;
    kind?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const params: unknown[] = [f.today];
  const where = [pathRangePredicate(scope, 'r.node_path', params)];
  if (f.nodePath) where.push(pathRangePredicate({ paths: [f.nodePath] }, 'r.node_path', params));
  const kindFilter = f.kind ? `AND d.kind = $${params.push(f.kind)}` : '';
  const until = params.push(f.until);
  const limit = params.push(f.pageSize);
  const offset = params.push((f.page - 1) * f.pageSize);
  const { rows } = await q.query<DueRow>(
    `WITH ${requirementsSql(where.join(' AND '), '$1')}
     SELECT d.resident_id, r.name, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.phone_masked, r.node_path,
            ARRAY(SELECT t.tag_code FROM resident_tag t WHERE t.resident_id = r.id ORDER BY t.tag_code) AS tags,
            d.kind, d.every_days, to_char(d.last_visited_on, 'YYYY-MM-DD') AS last_visited_on, to_char(d.due_on, 'YYYY-MM-DD') AS due_on,
            count(*) OVER ()::int AS total
     FROM due d JOIN resident r ON r.id = d.resident_id
     WHERE d.due_on <= $${until}::date ${kindFilter}
     ORDER BY d.due_on, r.node_path, d.resident_id, d.kind
     LIMIT $${limit} OFFSET $${offset}`,
    params,
  );
  return rows;
}

export interface CoverageDbRow {
  node_id: number;
  name: string;
  level: string;
  residents: number;
  covered: number;
  overdue: number;
}

/** Per child of the node: residents with visit requirements, how many have none overdue. */
export async function coverage(q: Queryable, scope: Scope, parent: { id: number; path: string }, today: string) {
  const params: unknown[] = [today, parent.id];
  const where = [
    pathRangePredicate(scope, 'r.node_path', params),
    pathRangePredicate({ paths: [parent.path] }, 'r.node_path', params),
  ];
  const { rows } = await q.query<CoverageDbRow>(
    `WITH ${requirementsSql(where.join(' AND '), '$1')},
     per_resident AS (
       SELECT resident_id, node_path, bool_and(due_on >= $1::date) AS ok FROM due GROUP BY resident_id, node_path
     )
     SELECT c.id AS node_id, c.name, c.level,
            count(p.resident_id)::int AS residents,
            count(p.resident_id) FILTER (WHERE p.ok)::int AS covered,
            count(p.resident_id) FILTER (WHERE NOT p.ok)::int AS overdue
     FROM jurisdiction_node c
     LEFT JOIN per_resident p ON p.node_path >= c.path AND p.node_path < left(c.path, -1) || '0'
     WHERE c.parent_id = $2 AND c.retired_at IS NULL
     GROUP BY c.id, c.name, c.level, c.code
     ORDER BY c.code NULLS LAST, c.name`,
    params,
  );
  return rows;
}

export async function insertVisit(
  q: Queryable,
  v: {
    residentId: number;
    nodeId: number;
    kind: string;
    visitedOn: string;
    wellbeing: string;
    finding: string | null;
    needsFollowUp: boolean;
    followUpNote: string | null;
    visitedBy: number | null;
  },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO visit (resident_id, node_id, kind, visited_on, wellbeing, finding, needs_follow_up, follow_up_note, visited_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [v.residentId, v.nodeId, v.kind, v.visitedOn, v.wellbeing, v.finding, v.needsFollowUp, v.followUpNote, v.visitedBy],
  );
  return rows[0]!.id;
}

export async function visitsOf(q: Queryable, residentId: number): Promise<Visit[]> {
  const { rows } = await q.query<{
    id: number;
    resident_id: number;
    kind: Visit['kind'];
    visited_on: string;
    wellbeing: Visit['wellbeing'];
    finding: string | null;
    needs_follow_up: boolean;
    follow_up_note: string | null;
    visited_by: string | null;
    created_at: Date;
  }>(
    `SELECT v.id, v.resident_id, v.kind, to_char(v.visited_on, 'YYYY-MM-DD') AS visited_on, v.wellbeing, v.finding, v.needs_follow_up,
            v.follow_up_note, u.display_name AS visited_by, v.created_at
     FROM visit v LEFT JOIN app_user u ON u.id = v.visited_by WHERE v.resident_id = $1 ORDER BY v.visited_on DESC, v.id DESC LIMIT 200`,
    [residentId],
  );
  return rows.map((r) => ({
    id: r.id,
    residentId: r.resident_id,
    kind: r.kind,
    visitedOn: r.visited_on,
    wellbeing: r.wellbeing,
    finding: r.finding,
    needsFollowUp: r.needs_follow_up,
    followUpNote: r.follow_up_note,
    visitedBy: r.visited_by,
    createdAt: r.created_at.toISOString(),
  }));
}
