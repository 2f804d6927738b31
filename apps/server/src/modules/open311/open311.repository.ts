/**
 * Read-only SQL of the Open311 channel: categories as services, requests as the spec lists them
 * (always inside one key's subtree), and places named by an address. Writes go through the
 * requests service, never here.
 */
import type { RequestState, TimeLimits } from '@linli/contracts';
import { pathRangePredicate } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { openStates, publicNoteActions } from './open311.ts';

export interface ServiceRow {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  hint: string | null;
  parent_name: string | null;
  limits: TimeLimits;
}

export async function listServices(q: Queryable): Promise<ServiceRow[]> {
  const { rows } = await q.query<ServiceRow>(
    `SELECT c.id::int, c.code, c.name, c.name_en, c.hint, p.name AS parent_name, c.limits
       FROM request_category c LEFT JOIN request_category p ON p.id = c.parent_id
      WHERE c.is_active ORDER BY c.sort_order, c.id`,
  );
  return rows;
}

export async function findService(q: Queryable, code: string): Promise<ServiceRow | undefined> {
  const { rows } = await q.query<ServiceRow>(
    `SELECT c.id::int, c.code, c.name, c.name_en, c.hint, p.name AS parent_name, c.limits
       FROM request_category c LEFT JOIN request_category p ON p.id = c.parent_id
      WHERE c.is_active AND c.code = $1`,
    [code],
  );
  return rows[0];
}

/** When the services last changed (the discovery document's changeset). */
export async function servicesChangedAt(q: Queryable): Promise<Date | null> {
  const { rows } = await q.query<{ at: Date | null }>(`SELECT max(updated_at) AS at FROM request_category`);
  return rows[0]?.at ?? null;
}

export interface Open311RequestRow {
  id: number;
  code: string;
  state: RequestState;
  description: string;
  service_code: string;
  service_name: string;
  node_id: number;
  node_path: string;
  address_detail: string | null;
  latitude: number | null;
  longitude: number | null;
  agency: string | null;
  submitted_at: Date;
  updated_at: Date;
  resolve_due_at: Date;
  status_note: string | null;
}

export interface RequestFilter {
  /** Request codes; when given, every other filter is ignored (the spec: "overrides all other arguments"). */
  codes?: string[];
  serviceCodes?: string[];
  from?: Date;
  to?: Date;
  statuses?: ('open' | 'closed')[];
  limit: number;
}

const select = `SELECT r.id::int, r.code, r.state, r.description, c.code AS service_code, c.name AS service_name,
       r.node_id::int, r.node_path, r.address_detail, r.latitude, r.longitude,
       COALESCE(d.name, an.name, dn.name) AS agency, r.submitted_at, r.resolve_due_at,
       COALESCE((SELECT max(e.at) FROM request_event e WHERE e.request_id = r.id), r.submitted_at) AS updated_at,
       (SELECT e.note FROM request_event e
         WHERE e.request_id = r.id AND e.note IS NOT NULL AND e.action = ANY($1::text[])
         ORDER BY e.id DESC LIMIT 1) AS status_note
  FROM request r
  JOIN request_category c ON c.id = r.category_id
  JOIN jurisdiction_node dn ON dn.id = r.dispatch_node_id
  LEFT JOIN department d ON d.id = r.assignee_department_id
  LEFT JOIN jurisdiction_node an ON an.id = r.assignee_node_id`;

/** Requests placed in the subtree of `scopePath`, newest first, at most `limit`. */
export async function listRequests(q: Queryable, scopePath: string, f: RequestFilter): Promise<Open311RequestRow[]> {
  const params: unknown[] = [publicNoteActions];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [pathRangePredicate({ paths: [scopePath] }, 'r.node_path', params)];
  if (f.codes) where.push(`r.code = ANY(${p(f.codes)}::text[])`);
  else {
    if (f.serviceCodes?.length) where.push(`c.code = ANY(${p(f.serviceCodes)}::text[])`);
    if (f.from) where.push(`r.submitted_at >= ${p(f.from)}`);
    if (f.to) where.push(`r.submitted_at <= ${p(f.to)}`);
    if (f.statuses?.length === 1)
      where.push(`${f.statuses[0] === 'open' ? '' : 'NOT '}(r.state = ANY(${p(openStates)}::text[]))`);
  }
  const { rows } = await q.query<Open311RequestRow>(
    `${select} WHERE ${where.join(' AND ')} ORDER BY r.submitted_at DESC, r.id DESC LIMIT ${p(f.limit)}`,
    params,
  );
  return rows;
}

export async function findRequestByCode(
  q: Queryable,
  scopePath: string,
  code: string,
): Promise<Open311RequestRow | undefined> {
  return (await listRequests(q, scopePath, { codes: [code], limit: 1 }))[0];
}

export interface NodeRow {
  id: number;
  path: string;
  level: string;
  name: string;
  retired: boolean;
}

/** A node by id or by administrative division code (a jurisdiction_id or an address_id). */
export async function findNode(q: Queryable, idOrCode: string): Promise<NodeRow | undefined> {
  const { rows } = await q.query<NodeRow>(
    `SELECT id::int, path, level, name, retired_at IS NOT NULL AS retired FROM jurisdiction_node WHERE code = $1`,
    [idOrCode],
  );
  if (rows[0] || !/^[1-9][0-9]{0,14}$/.test(idOrCode)) return rows[0];
  return findNodeById(q, Number(idOrCode));
}

export async function findNodeById(q: Queryable, id: number): Promise<NodeRow | undefined> {
  const { rows } = await q.query<NodeRow>(
    `SELECT id::int, path, level, name, retired_at IS NOT NULL AS retired FROM jurisdiction_node WHERE id = $1`,
    [id],
  );
  return rows[0];
}

/**
 * Active places in the subtree whose name occurs in the address, with how many of the names along
 * their path (inside the subtree, grids aside: residents do not name grids) occur in it too.
 */
export async function placesNamedIn(
  q: Queryable,
  scopePath: string,
  address: string,
): Promise<{ id: number; path: string; score: number }[]> {
  const params: unknown[] = [address, scopePath];
  const { rows } = await q.query<{ id: number; path: string; score: number }>(
    `SELECT n.id::int, n.path,
            (SELECT count(*)::int FROM jurisdiction_node a
              WHERE a.id = ANY (string_to_array(trim(both '/' from n.path), '/')::bigint[])
                AND starts_with(a.path, $2) AND a.level <> 'grid' AND strpos($1, a.name) > 0) AS score
       FROM jurisdiction_node n
      WHERE n.retired_at IS NULL AND n.level NOT IN ('grid', 'district') AND strpos($1, n.name) > 0
        AND ${pathRangePredicate({ paths: [scopePath] }, 'n.path', params)}
      ORDER BY score DESC, n.depth DESC, n.id LIMIT 50`,
    params,
  );
  return rows;
}
