/** SQL of requests, their events, photos, categories, departments and the figures' rollup. */
import type { Rating, RequestChannel, RequestState, TimeLimits, Urgency } from '@linli/contracts';
import { pathRangePredicate, type Scope } from '../../platform/auth/actor.ts';
import { prepared, type Queryable } from '../../platform/db/db.ts';
import type { Sql } from '../../platform/db/statement.ts';
import { contributionKeys, type Contribution } from './request.ts';

export interface CategoryRow {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
  name_en: string | null;
  hint: string | null;
  handler_type: 'grid' | 'community' | 'department' | 'volunteer';
  department_id: number | null;
  limits: TimeLimits;
  is_active: boolean;
  sort_order: number;
}

const categoryColumns = `id::int, parent_id::int, code, name, name_en, hint, handler_type, department_id::int, limits, is_active, sort_order`;

export async function listCategories(q: Queryable): Promise<CategoryRow[]> {
  const { rows } = await q.query<CategoryRow>(
    `SELECT ${categoryColumns} FROM request_category ORDER BY sort_order, id`,
  );
  return rows;
}

export async function findCategory(q: Queryable, id: number): Promise<CategoryRow | undefined> {
  const { rows } = await q.query<CategoryRow>(`SELECT ${categoryColumns} FROM request_category WHERE id = $1`, [id]);
  return rows[0];
}

export async function insertCategory(q: Queryable, c: Omit<CategoryRow, 'id' | 'is_active'>): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO request_category (parent_id, code, name, name_en, hint, handler_type, department_id, limits, sort_order)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id::int`,
    [
      c.parent_id,
      c.code,
      c.name,
      c.name_en,
      c.hint,
      c.handler_type,
      c.department_id,
      JSON.stringify(c.limits),
      c.sort_order,
    ],
  );
  return rows[0]!.id;
}

export async function updateCategory(q: Queryable, c: CategoryRow): Promise<void> {
  await q.query(
    `UPDATE request_category SET name = $2, name_en = $3, hint = $4, handler_type = $5, department_id = $6, limits = $7,
       is_active = $8, sort_order = $9, version = version + 1, updated_at = now() WHERE id = $1`,
    [
      c.id,
      c.name,
      c.name_en,
      c.hint,
      c.handler_type,
      c.department_id,
      JSON.stringify(c.limits),
      c.is_active,
      c.sort_order,
    ],
  );
}

export interface DepartmentRow {
  id: number;
  node_id: number;
  node_path: string;
  code: string;
  name: string;
}

export async function listDepartments(q: Queryable): Promise<DepartmentRow[]> {
  const { rows } = await q.query<DepartmentRow>(
    `SELECT id::int, node_id::int, node_path, code, name FROM department WHERE is_active ORDER BY node_path, name`,
  );
  return rows;
}

export async function departmentIdsOf(q: Queryable, userId: number): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>(
    `SELECT department_id::int AS id FROM department_member WHERE user_id = $1`,
    [userId],
  );
  return rows.map((r) => r.id);
}

/** A node with the levels and ids along its path (for the area, the dispatch level and addresses). */
export interface PlaceRow {
  id: number;
  path: string;
  level: string;
  retired: boolean;
  ancestors: { id: number; level: string; name: string; path: string }[];
}

const placeSelect = `SELECT n.id::int, n.path, n.level, n.retired_at IS NOT NULL AS retired,
    (SELECT json_agg(json_build_object('id', a.id, 'level', a.level, 'name', a.name, 'path', a.path) ORDER BY a.depth)
       FROM jurisdiction_node a
      WHERE a.id = ANY (string_to_array(trim(both '/' from n.path), '/')::bigint[])) AS ancestors
  FROM jurisdiction_node n`;

export async function findPlace(q: Queryable, nodeId: number): Promise<PlaceRow | undefined> {
  const { rows } = await q.query<PlaceRow>(`${placeSelect} WHERE n.id = $1`, [nodeId]);
  return rows[0];
}

/**
 * What intake reads before it writes, in one round trip: the category, the place, the ids the new
 * request and its first event will have, and (when `withDuplicates`) the possible duplicates of a
 * request of this category, place and phone made at `at`.
 */
export interface IntakeFacts {
  category: CategoryRow | null;
  place: PlaceRow | null;
  requestId: number;
  eventId: number;
  serial: number;
  duplicates: DuplicateRow[] | null;
}

export async function intakeFacts(
  q: Queryable,
  f: { categoryId: number; nodeId: number; at: Date; phoneHash: string | null; withDuplicates: boolean },
): Promise<IntakeFacts> {
  const duplicates = duplicatesSelect({
    id: '0',
    at: '$3',
    categoryId: '$1',
    nodePath: '(SELECT path FROM jurisdiction_node WHERE id = $2)',
    phoneHash: '$4::text',
  });
  const { rows } = await q.query<IntakeFacts>(
    prepared(`SELECT (SELECT row_to_json(c) FROM (SELECT ${categoryColumns} FROM request_category WHERE id = $1) c) AS category,
            (SELECT row_to_json(p) FROM (${placeSelect} WHERE n.id = $2) p) AS place,
            nextval(pg_get_serial_sequence('request', 'id')) AS "requestId",
            nextval(pg_get_serial_sequence('request_event', 'id')) AS "eventId",
            nextval('request_code_seq') AS serial,
            CASE WHEN $5 THEN COALESCE((SELECT json_agg(x) FROM (${duplicates}) x), '[]') END AS duplicates`),
    [f.categoryId, f.nodeId, f.at, f.phoneHash, f.withDuplicates],
  );
  return rows[0]!;
}

export interface RequestRow {
  id: number;
  code: string;
  channel: RequestChannel;
  category_id: number;
  category_name: string;
  category_name_en: string | null;
  handler_type: CategoryRow['handler_type'];
  urgency: Urgency;
  state: RequestState;
  description: string;
  node_id: number;
  node_path: string;
  area_path: string;
  address_detail: string | null;
  latitude: number | null;
  longitude: number | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  is_anonymous: boolean;
  submitter_user_id: number | null;
  submitter_token_id: number | null;
  dispatch_node_id: number;
  dispatch_path: string;
  escalation_level: 'community' | 'street' | 'district';
  assignee_node_id: number | null;
  assignee_path: string | null;
  assignee_department_id: number | null;
  assignee_user_id: number | null;
  assignee_label: string | null;
  pending_extension: { days: number; reason: string; by: string | null } | null;
  rating: Rating | null;
  rating_comment: string | null;
  merged_into_id: number | null;
  reopen_count: number;
  return_count: number;
  urge_count: number;
  extension_days: number;
  submitted_at: Date;
  accepted_at: Date | null;
  dispatched_at: Date | null;
  signed_at: Date | null;
  first_signed_at: Date | null;
  resolved_at: Date | null;
  first_resolved_at: Date | null;
  closed_at: Date | null;
  respond_due_at: Date;
  resolve_due_at: Date;
  respond_amber_at: Date;
  resolve_amber_at: Date;
  respond_work_ms: number | null;
  resolve_work_ms: number | null;
  overdue_escalated_at: Date | null;
  version: number;
  total?: number;
}

const requestColumns = `r.id::int, r.code, r.channel, r.category_id::int, c.name AS category_name, c.name_en AS category_name_en,
  c.handler_type, r.urgency, r.state,
  r.description, r.node_id::int, r.node_path, r.area_path, r.address_detail, r.latitude, r.longitude, r.contact_name, r.contact_phone_enc,
  r.contact_phone_masked, r.is_anonymous, r.submitter_user_id::int, r.submitter_token_id::int, r.dispatch_node_id::int,
  r.dispatch_path, r.escalation_level, r.assignee_node_id::int, r.assignee_path, r.assignee_department_id::int,
  r.assignee_user_id::int,
  COALESCE(au.display_name, d.name, an.name) AS assignee_label,
  r.pending_extension, r.rating, r.rating_comment, r.merged_into_id::int, r.reopen_count, r.return_count, r.urge_count,
  r.extension_days, r.submitted_at, r.accepted_at, r.dispatched_at, r.signed_at, r.first_signed_at, r.resolved_at,
  r.first_resolved_at, r.closed_at, r.respond_due_at, r.resolve_due_at, r.respond_amber_at, r.resolve_amber_at,
  r.respond_work_ms::float8 AS respond_work_ms, r.resolve_work_ms::float8 AS resolve_work_ms, r.overdue_escalated_at, r.version`;

const requestJoins = `FROM request r
  JOIN request_category c ON c.id = r.category_id
  LEFT JOIN app_user au ON au.id = r.assignee_user_id
  LEFT JOIN department d ON d.id = r.assignee_department_id
  LEFT JOIN jurisdiction_node an ON an.id = r.assignee_node_id`;

export async function findRequest(q: Queryable, id: number, forUpdate = false): Promise<RequestRow | undefined> {
  const { rows } = await q.query<RequestRow>(
    `SELECT ${requestColumns} ${requestJoins} WHERE r.id = $1 ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
    [id],
  );
  return rows[0];
}

/** Everything a caller may see of requests, as one SQL predicate over `r`. */
export interface Visibility {
  read: Scope;
  dispatch: Scope;
  claim: Scope;
  userId: number | null;
  tokenId: number | null;
  handlerNodeIds: number[];
  departmentIds: number[];
}

export function visibilityPredicate(v: Visibility, params: unknown[]): string {
  const parts: string[] = [];
  if (v.read.paths.length) parts.push(pathRangePredicate(v.read, 'r.node_path', params));
  if (v.dispatch.paths.length) parts.push(pathRangePredicate(v.dispatch, 'r.dispatch_path', params));
  if (v.userId !== null) {
    params.push(v.userId);
    const me = `$${params.length}`;
    parts.push(`r.assignee_user_id = ${me}`, `r.submitter_user_id = ${me}`);
  }
  if (v.tokenId !== null) {
    params.push(v.tokenId);
    parts.push(`r.submitter_token_id = $${params.length}`);
  }
  if (v.handlerNodeIds.length) {
    params.push(v.handlerNodeIds);
    parts.push(`r.assignee_node_id = ANY($${params.length}::bigint[])`);
  }
  if (v.departmentIds.length) {
    params.push(v.departmentIds);
    parts.push(`r.assignee_department_id = ANY($${params.length}::bigint[])`);
  }
  if (v.claim.paths.length) {
    parts.push(
      `(r.state = 'accepted' AND c.handler_type = 'volunteer' AND ${pathRangePredicate(v.claim, 'r.node_path', params)})`,
    );
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

export interface ListFilter {
  view: 'all' | 'mine' | 'dispatch' | 'attention' | 'claimable';
  state?: RequestState | undefined;
  open?: boolean | undefined;
  categoryId?: number | undefined;
  channel?: string | undefined;
  nodePath?: string | undefined;
  q?: string | undefined;
  phoneHash?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  now: Date;
  page: number;
  pageSize: number;
}

const openList = `('submitted','accepted','dispatched','signed','in_progress')`;

export async function listRequests(q: Queryable, v: Visibility, f: ListFilter): Promise<RequestRow[]> {
  const params: unknown[] = [];
  const where = [visibilityPredicate(v, params)];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (f.view) {
    case 'mine': {
      const mine = [`r.assignee_user_id = ${p(v.userId ?? 0)}`];
      if (v.handlerNodeIds.length)
        mine.push(`(r.assignee_user_id IS NULL AND r.assignee_node_id = ANY(${p(v.handlerNodeIds)}::bigint[]))`);
      if (v.departmentIds.length)
        mine.push(`(r.assignee_user_id IS NULL AND r.assignee_department_id = ANY(${p(v.departmentIds)}::bigint[]))`);
      where.push(`(${mine.join(' OR ')})`, `r.state IN ('dispatched','signed','in_progress')`);
      break;
    }
    case 'dispatch':
      where.push(
        v.dispatch.paths.length ? pathRangePredicate(v.dispatch, 'r.dispatch_path', params) : 'false',
        `(r.state IN ('submitted','accepted','resolved','rated') OR (r.pending_extension IS NOT NULL AND r.state IN ('signed','in_progress')))`,
      );
      break;
    case 'attention': {
      const now = p(f.now);
      where.push(
        `r.state IN ${openList}`,
        `((r.signed_at IS NULL AND r.respond_amber_at <= ${now}) OR r.resolve_amber_at <= ${now})`,
      );
      break;
    }
    case 'claimable':
      where.push(
        `r.state = 'accepted'`,
        `c.handler_type = 'volunteer'`,
        v.claim.paths.length ? pathRangePredicate(v.claim, 'r.node_path', params) : 'false',
      );
      break;
    case 'all':
      break;
  }
  if (f.state) where.push(`r.state = ${p(f.state)}`);
  if (f.open === true) where.push(`r.state IN ${openList}`);
  if (f.open === false) where.push(`r.state NOT IN ${openList}`);
  if (f.categoryId) where.push(`(r.category_id = ${p(f.categoryId)} OR c.parent_id = $${params.length})`);
  if (f.channel) where.push(`r.channel = ${p(f.channel)}`);
  if (f.nodePath) where.push(pathRangePredicate({ paths: [f.nodePath] }, 'r.node_path', params));
  // An anonymous request is never found by its phone: knowing a number must not reveal who filed it.
  if (f.phoneHash) where.push(`r.contact_phone_hash = ${p(f.phoneHash)}`, 'NOT r.is_anonymous');
  if (f.from) where.push(`r.submitted_at >= (${p(f.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
  if (f.to) where.push(`r.submitted_at < ((${p(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (f.q) {
    const like = p(`%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`(r.code = ${p(f.q)} OR r.description LIKE ${like})`);
  }
  const order =
    f.view === 'attention' || f.view === 'mine'
      ? `ORDER BY CASE WHEN r.signed_at IS NULL THEN r.respond_due_at ELSE r.resolve_due_at END, r.id`
      : `ORDER BY r.submitted_at DESC, r.id DESC`;
  const { rows } = await q.query<RequestRow>(
    `SELECT ${requestColumns}, count(*) OVER ()::int AS total ${requestJoins}
      WHERE ${where.join(' AND ')} ${order} LIMIT ${p(f.pageSize)} OFFSET ${p((f.page - 1) * f.pageSize)}`,
    params,
  );
  return rows;
}

export type RequestInsert = Omit<
  RequestRow,
  | 'id'
  | 'code'
  | 'category_name'
  | 'category_name_en'
  | 'handler_type'
  | 'assignee_label'
  | 'total'
  | 'version'
  | 'merged_into_id'
  | 'reopen_count'
  | 'return_count'
  | 'urge_count'
  | 'extension_days'
  | 'overdue_escalated_at'
  | 'pending_extension'
  | 'rating'
  | 'rating_comment'
> & {
  contact_phone_hash: string | null;
  recorded_by: number | null;
};

/** The INSERT of a new request whose id was drawn beforehand (`intakeFacts`). */
export function requestInsert(id: number, code: string, r: RequestInsert): Sql {
  const cols = Object.keys(r) as (keyof RequestInsert)[];
  return {
    text: `INSERT INTO request (id, code, ${cols.join(', ')}) VALUES ($1, $2, ${cols.map((_, i) => `$${i + 3}`).join(', ')})`,
    values: [id, code, ...cols.map((k) => r[k])],
  };
}

/**
 * The row a new request has once inserted, as `findRequest` reads it: the columns written, the
 * category's name and handler type, and the table's defaults for the rest. A test reads the row back
 * and compares, so the two cannot drift apart.
 */
export function newRequestRow(id: number, code: string, r: RequestInsert, category: CategoryRow): RequestRow {
  const { contact_phone_hash: _hash, recorded_by: _recordedBy, ...kept } = r;
  return {
    ...kept,
    id,
    code,
    category_name: category.name,
    category_name_en: category.name_en,
    handler_type: category.handler_type,
    assignee_label: null,
    pending_extension: null,
    rating: null,
    rating_comment: null,
    merged_into_id: null,
    reopen_count: 0,
    return_count: 0,
    urge_count: 0,
    extension_days: 0,
    overdue_escalated_at: null,
    version: 1,
  };
}

/** The columns a step may change. */
export const mutableColumns = [
  'state',
  'dispatch_node_id',
  'dispatch_path',
  'escalation_level',
  'assignee_node_id',
  'assignee_path',
  'assignee_department_id',
  'assignee_user_id',
  'pending_extension',
  'rating',
  'rating_comment',
  'merged_into_id',
  'reopen_count',
  'return_count',
  'urge_count',
  'extension_days',
  'accepted_at',
  'dispatched_at',
  'signed_at',
  'first_signed_at',
  'resolved_at',
  'first_resolved_at',
  'closed_at',
  'resolve_due_at',
  'resolve_amber_at',
  'respond_work_ms',
  'resolve_work_ms',
  'overdue_escalated_at',
] as const satisfies readonly (keyof RequestRow)[];

export async function updateRequest(q: Queryable, before: RequestRow, after: RequestRow): Promise<void> {
  const params: unknown[] = [before.id];
  const sets: string[] = [];
  for (const k of mutableColumns) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    const v = after[k];
    params.push(k === 'pending_extension' && v !== null ? JSON.stringify(v) : v);
    sets.push(`${k} = $${params.length}`);
  }
  await q.query(
    `UPDATE request SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
    params,
  );
}

export interface EventInsert {
  /** Drawn beforehand (`intakeFacts`), or by the table. */
  id?: number;
  requestId: number;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorId: number | null;
  actorName: string | null;
  note: string | null;
  data: Record<string, unknown>;
  at: Date;
}

export async function insertEvent(q: Queryable, e: EventInsert): Promise<number> {
  const s = eventInsert(e);
  const { rows } = await q.query<{ id: number }>(s.text, s.values);
  return rows[0]!.id;
}

/** The INSERT of one event (returning its id). */
export function eventInsert(e: EventInsert): Sql {
  return {
    text: `INSERT INTO request_event (id, request_id, action, from_state, to_state, actor_id, actor_name, note, data, at)
     VALUES (COALESCE($1::bigint, nextval(pg_get_serial_sequence('request_event', 'id'))), $2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id::int`,
    values: [
      e.id ?? null,
      e.requestId,
      e.action,
      e.fromState,
      e.toState,
      e.actorId,
      e.actorName,
      e.note,
      JSON.stringify(e.data),
      e.at,
    ],
  };
}

export async function eventsOf(q: Queryable, requestId: number) {
  const { rows } = await q.query<{
    id: number;
    action: string;
    from_state: string | null;
    to_state: string | null;
    actor: string | null;
    note: string | null;
    data: Record<string, unknown>;
    at: Date;
    attachment_ids: number[];
  }>(
    `SELECT e.id::int, e.action, e.from_state, e.to_state, COALESCE(u.display_name, e.actor_name) AS actor, e.note, e.data, e.at,
            COALESCE((SELECT array_agg(a.id::int ORDER BY a.id) FROM request_attachment a WHERE a.event_id = e.id), '{}') AS attachment_ids
       FROM request_event e LEFT JOIN app_user u ON u.id = e.actor_id
      WHERE e.request_id = $1 ORDER BY e.id`,
    [requestId],
  );
  return rows;
}

/** The row of the figures a request counts in: its submission day in China, area, category and channel. */
export interface RollupKey {
  day: string;
  areaPath: string;
  categoryId: number;
  channel: string;
}

/** The two upserts that add a difference to the figures: the day's row and the month's. */
export function rollupUpserts(key: RollupKey, delta: Contribution): Sql[] {
  const cols = contributionKeys;
  const values: unknown[] = [key.day, key.areaPath, key.categoryId, key.channel, ...cols.map((k) => delta[k])];
  return [
    {
      text: `INSERT INTO request_rollup (day, area_path, category_id, channel, ${cols.join(', ')})
     VALUES ($1, $2, $3, $4, ${cols.map((_, i) => `$${i + 5}`).join(', ')})
     ON CONFLICT (area_path, day, category_id, channel) DO UPDATE SET
       ${cols.map((k) => `${k} = request_rollup.${k} + EXCLUDED.${k}`).join(', ')}`,
      values,
    },
    // The same difference to the month's row, so that whole months sum a few rows (ADR 0012).
    {
      text: `INSERT INTO request_rollup_month (month, area_path, category_id, channel, ${cols.join(', ')})
     VALUES (date_trunc('month', $1::date)::date, $2, $3, $4, ${cols.map((_, i) => `$${i + 5}`).join(', ')})
     ON CONFLICT (month, area_path, category_id, channel) DO UPDATE SET
       ${cols.map((k) => `${k} = request_rollup_month.${k} + EXCLUDED.${k}`).join(', ')}`,
      values,
    },
  ];
}

/**
 * Recompute the figures from the requests themselves (all of them, or those whose area lies under
 * `underPath`): what bulk loads (the demo's history) use instead of applying one request at a time.
 * The SQL is `contributionOf` in request.ts, column by column; a test keeps the two the same.
 */
export async function rebuildRollup(q: Queryable, underPath?: string): Promise<number> {
  const params: unknown[] = [];
  const where = underPath ? pathRangePredicate({ paths: [underPath] }, 'area_path', params) : 'true';
  await q.query(`DELETE FROM request_rollup WHERE ${where}`, params);
  const handled = `(state IN ('resolved','verified','rated','closed') AND rating IS DISTINCT FROM 'unsatisfied')`;
  const exprs: Record<keyof Contribution, string> = {
    total: 'count(*)',
    responded: 'count(*) FILTER (WHERE first_signed_at IS NOT NULL)',
    responded_on_time: 'count(*) FILTER (WHERE first_signed_at IS NOT NULL AND first_signed_at <= respond_due_at)',
    resolved: `count(*) FILTER (WHERE ${handled})`,
    resolved_on_time: `count(*) FILTER (WHERE ${handled} AND resolved_at IS NOT NULL AND resolved_at <= resolve_due_at)`,
    rated: 'count(*) FILTER (WHERE rating IS NOT NULL)',
    satisfied: `count(*) FILTER (WHERE rating = 'satisfied')`,
    basically_satisfied: `count(*) FILTER (WHERE rating = 'basically_satisfied')`,
    unsatisfied: `count(*) FILTER (WHERE rating = 'unsatisfied')`,
    returned: 'count(*) FILTER (WHERE return_count > 0)',
    reopened: 'count(*) FILTER (WHERE reopen_count > 0)',
    respond_work_ms: 'COALESCE(sum(respond_work_ms), 0)',
    // As contributionOf: only while the request counts as resolved (the average is over resolved ones).
    resolve_work_ms: `COALESCE(sum(resolve_work_ms) FILTER (WHERE ${handled}), 0)`,
  };
  const r = await q.query(
    `INSERT INTO request_rollup (day, area_path, category_id, channel, ${contributionKeys.join(', ')})
     SELECT (submitted_at AT TIME ZONE 'Asia/Shanghai')::date, area_path, category_id, channel,
            ${contributionKeys.map((k) => exprs[k]).join(', ')}
       FROM request
      WHERE state NOT IN ('declined','merged','withdrawn') AND ${where}
      GROUP BY 1, 2, 3, 4`,
    params,
  );
  await q.query(`DELETE FROM request_rollup_month WHERE ${where}`, params);
  await q.query(
    `INSERT INTO request_rollup_month (month, area_path, category_id, channel, ${contributionKeys.join(', ')})
     SELECT date_trunc('month', day)::date, area_path, category_id, channel,
            ${contributionKeys.map((k) => `sum(${k})`).join(', ')}
       FROM request_rollup WHERE ${where}
      GROUP BY 1, 2, 3, 4`,
    params,
  );
  return r.rowCount ?? 0;
}

export async function insertAttachment(
  q: Queryable,
  a: { uploadedBy: number | null; uploadKey: string | null; contentType: string; sha256: string; bytes: Buffer },
): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO request_attachment (uploaded_by, upload_key, content_type, size, sha256, bytes)
     VALUES ($1,$2,$3,$4,$5,$6) RETURNING id::int`,
    [a.uploadedBy, a.uploadKey, a.contentType, a.bytes.length, a.sha256, a.bytes],
  );
  return rows[0]!.id;
}

/** Attach the caller's unattached uploads to a request (and a step); answers how many were attached. */
export async function attachUploads(
  q: Queryable,
  ids: readonly number[],
  owner: { userId: number | null; uploadKey: string | null },
  requestId: number,
  eventId: number,
): Promise<number> {
  if (ids.length === 0) return 0;
  const s = attachUploadsSql(ids, owner, requestId, eventId);
  const r = await q.query(s.text, s.values);
  return r.rowCount ?? 0;
}

/** The UPDATE that gives the caller's unused uploads to a request's event (returning a row per photo taken). */
export function attachUploadsSql(
  ids: readonly number[],
  owner: { userId: number | null; uploadKey: string | null },
  requestId: number,
  eventId: number,
): Sql {
  return {
    text: `UPDATE request_attachment SET request_id = $2, event_id = $3
      WHERE id = ANY($1::bigint[]) AND request_id IS NULL
        AND ((uploaded_by IS NOT NULL AND uploaded_by = $4) OR (upload_key IS NOT NULL AND upload_key = $5))
      RETURNING id`,
    values: [ids, requestId, eventId, owner.userId, owner.uploadKey],
  };
}

export async function attachmentIdsOf(q: Queryable, requestId: number): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>(
    `SELECT id::int FROM request_attachment WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );
  return rows.map((r) => r.id);
}

export async function findAttachment(q: Queryable, id: number) {
  const { rows } = await q.query<{
    id: number;
    request_id: number | null;
    uploaded_by: number | null;
    upload_key: string | null;
    content_type: string;
    bytes: Buffer;
  }>(
    `SELECT id::int, request_id::int, uploaded_by::int, upload_key, content_type, bytes FROM request_attachment WHERE id = $1`,
    [id],
  );
  return rows[0];
}

export interface DuplicateRow {
  id: number;
  code: string;
  description: string;
}

/**
 * Open requests of the same caller (by phone), or of the same place and category, in the 30 days before
 * `at`, newest first: a SELECT over SQL expressions for the request's id, time, category, place and phone hash.
 */
function duplicatesSelect(e: { id: string; at: string; categoryId: string; nodePath: string; phoneHash: string }) {
  return `SELECT d.id::int, d.code, d.description FROM request d
      WHERE d.id <> ${e.id} AND d.submitted_at > ${e.at}::timestamptz - interval '30 days'
        AND d.state NOT IN ('closed','declined','merged','withdrawn')
        AND ((${e.phoneHash} IS NOT NULL AND d.contact_phone_hash = ${e.phoneHash} AND NOT d.is_anonymous)
             OR (d.category_id = ${e.categoryId} AND d.node_path = ${e.nodePath}))
      ORDER BY d.submitted_at DESC LIMIT 5`;
}

/** The possible duplicates of a stored request (one round trip). */
export async function possibleDuplicates(q: Queryable, r: RequestRow): Promise<DuplicateRow[]> {
  const { rows } = await q.query<DuplicateRow>(
    prepared(
      duplicatesSelect({
        id: '$1',
        at: '$2',
        categoryId: '$3',
        nodePath: '$4',
        phoneHash: '(SELECT contact_phone_hash FROM request WHERE id = $1)',
      }),
    ),
    [r.id, r.submitted_at, r.category_id, r.node_path],
  );
  return rows;
}

/** One department, or undefined. */
export async function findDepartment(q: Queryable, id: number): Promise<DepartmentRow | undefined> {
  const { rows } = await q.query<DepartmentRow>(
    `SELECT id::int, node_id::int, node_path, code, name FROM department WHERE id = $1 AND is_active`,
    [id],
  );
  return rows[0];
}

/** Open requests past a deadline (the latest one passed) not yet escalated for it: the overdue sweep's work. */
export async function overdueToEscalate(q: Queryable, now: Date, limit: number): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>(
    `SELECT id::int FROM request
      WHERE state IN ${openList} AND escalation_level <> 'district'
        AND ((signed_at IS NULL AND respond_due_at <= $1) OR resolve_due_at <= $1)
        AND (overdue_escalated_at IS NULL
             OR overdue_escalated_at < CASE WHEN resolve_due_at <= $1 THEN resolve_due_at ELSE respond_due_at END)
      ORDER BY resolve_due_at LIMIT $2`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}

/** Keep the paths of requests, departments and figures right when a subtree moves. */
export async function followSubtreeMove(q: Queryable, fromPath: string, toPath: string): Promise<number> {
  let n = 0;
  for (const [table, column] of [
    ['request', 'node_path'],
    ['request', 'area_path'],
    ['request', 'dispatch_path'],
    ['request', 'assignee_path'],
    ['department', 'node_path'],
    ['request_rollup', 'area_path'],
    ['request_rollup_month', 'area_path'],
  ] as const) {
    const params: unknown[] = [fromPath, toPath];
    const r = await q.query(
      `UPDATE ${table} t SET ${column} = $2 || substr(t.${column}, length($1) + 1) WHERE ${pathRangePredicate({ paths: [fromPath] }, `t.${column}`, params)}`,
      params,
    );
    n += r.rowCount ?? 0;
  }
  return n;
}
