/** SQL of the registry. Every read takes the caller's scope, applied to the resident's node path. */
import { residentCountCap, type CareTag, type ResidentListItem } from '@linli/contracts';
import { pathRangePredicate, type Scope } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { HistoryStep } from './resident-as-of.ts';
import { ageOn, MINOR_AGE, prefixRange, type SearchKind } from './resident.ts';

export interface ResidentRow {
  id: number;
  node_id: number;
  node_path: string;
  name: string;
  gender: 'male' | 'female';
  birth_date: string | null;
  id_kind: ResidentListItem['idKind'];
  id_number_enc: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  ethnicity: string | null;
  registration_type: ResidentListItem['registrationType'];
  arrival_date: string | null;
  origin: string | null;
  arrival_reason: string | null;
  expected_stay: string | null;
  relation_to_head: ResidentListItem['relationToHead'];
  political_status: string | null;
  status: ResidentListItem['status'];
  notes: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  merged_into: number | null;
  tags: string[];
}

// Dates as text, so that no time zone shifts a birthday.
export const residentColumns = `r.id, r.node_id, r.node_path, r.name, r.gender, to_char(r.birth_date, 'YYYY-MM-DD') AS birth_date, r.id_kind,
  r.id_number_enc, r.id_number_masked, r.phone_enc, r.phone_masked, r.ethnicity, r.registration_type,
  to_char(r.arrival_date, 'YYYY-MM-DD') AS arrival_date, r.origin, r.arrival_reason, r.expected_stay, r.relation_to_head,
  r.political_status, r.status, r.notes, r.version, r.created_at, r.updated_at, r.merged_into,
  ARRAY(SELECT t.tag_code FROM resident_tag t WHERE t.resident_id = r.id ORDER BY t.tag_code) AS tags`;

/** Addresses as Chinese users write them: street, community, building, (unit,) room — district and grid left out. */
export async function addressesFor(q: Queryable, paths: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean).map(Number)))];
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{ id: number; name: string; level: string }>(
    `SELECT id, name, level FROM jurisdiction_node WHERE id = ANY($1)`,
    [ids],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return new Map(paths.map((p) => [p, addressOf(p, byId)]));
}

/** A place's address as people write it (street, community, building, room) from the nodes along its path. */
export function addressOf(path: string, nodes: ReadonlyMap<number, { name: string; level: string }>): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((id) => nodes.get(Number(id)))
    .filter((n) => n && n.level !== 'district' && n.level !== 'grid')
    .map((n) => n!.name)
    .join(' ');
}

export function toListItem(r: ResidentRow, address: string, today: string): ResidentListItem {
  const age = ageOn(r.birth_date, today);
  return {
    id: r.id,
    nodeId: r.node_id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    age,
    isMinor: age !== null && age < MINOR_AGE,
    idKind: r.id_kind,
    idNumberMasked: r.id_number_masked,
    phoneMasked: r.phone_masked,
    registrationType: r.registration_type,
    relationToHead: r.relation_to_head,
    status: r.status,
    tags: r.tags,
    address,
  };
}

export async function listCareTags(q: Queryable): Promise<CareTag[]> {
  const { rows } = await q.query<{
    code: string;
    name_zh: string;
    name_en: string;
    is_sensitive: boolean;
    visit_rule: CareTag['visitRule'];
  }>(`SELECT code, name_zh, name_en, is_sensitive, visit_rule FROM care_tag WHERE is_active ORDER BY sort_order, code`);
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    isSensitive: r.is_sensitive,
    visitRule: r.visit_rule,
  }));
}

/** A node inside the scope (any level), or undefined. */
export async function findNodeInScope(q: Queryable, scope: Scope, nodeId: number) {
  const params: unknown[] = [nodeId];
  const { rows } = await q.query<{ id: number; path: string; level: string; retired: boolean }>(
    `SELECT id, path, level, retired_at IS NOT NULL AS retired FROM jurisdiction_node n WHERE id = $1 AND ${pathRangePredicate(scope, 'n.path', params)}`,
    params,
  );
  return rows[0];
}

/** A node by its path (for a caller's scope root). */
export async function findNodeByPath(q: Queryable, path: string) {
  const { rows } = await q.query<{ id: number; path: string; level: string; retired: boolean }>(
    `SELECT id, path, level, retired_at IS NOT NULL AS retired FROM jurisdiction_node WHERE path = $1`,
    [path],
  );
  return rows[0];
}

export async function findResident(q: Queryable, scope: Scope, id: number, forUpdate = false) {
  const params: unknown[] = [id];
  const { rows } = await q.query<ResidentRow>(
    `SELECT ${residentColumns} FROM resident r WHERE r.id = $1 AND ${pathRangePredicate(scope, 'r.node_path', params)} ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
    params,
  );
  return rows[0];
}

export async function householdMembers(q: Queryable, nodeId: number) {
  const { rows } = await q.query<ResidentRow>(
    `SELECT ${residentColumns} FROM resident r WHERE r.node_id = $1 AND r.status = 'active'
     ORDER BY array_position(ARRAY['head','spouse','parent','child','child_in_law','grandchild','grandparent','sibling','other_relative','tenant','other'], r.relation_to_head), r.birth_date`,
    [nodeId],
  );
  return rows;
}

export interface SearchFilter {
  q?: string | undefined;
  kind?: SearchKind | undefined;
  /** Blind index of an ID number or phone, for exact matches. */
  hash?: string | undefined;
  /** For a name search: paths of buildings/units/households whose name also matches (an address). */
  addressPaths?: string[] | undefined;
  nodePath?: string | undefined;
  tags?: string[] | undefined;
  registrationType?: string | undefined;
  gender?: string | undefined;
  /** Born on or before / after these dates (from the age range). */
  bornOnOrBefore?: string | undefined;
  bornAfter?: string | undefined;
  status: string;
  page: number;
  pageSize: number;
}

const COUNT_CAP = residentCountCap;

export async function searchResidents(q: Queryable, scope: Scope, f: SearchFilter) {
  const params: unknown[] = [];
  const where = [pathRangePredicate(scope, 'r.node_path', params), `r.status = $${params.push(f.status)}`];
  if (f.nodePath) where.push(pathRangePredicate({ paths: [f.nodePath] }, 'r.node_path', params));
  if (f.q) {
    switch (f.kind) {
      case 'id_number':
        where.push(`r.id_number_hash = $${params.push(f.hash)}`);
        break;
      case 'phone':
        where.push(`r.phone_hash = $${params.push(f.hash)}`);
        break;
      case 'tail': {
        const i = params.push(f.q.toUpperCase());
        where.push(`(right(r.id_number_masked, 4) = $${i} OR right(r.phone_masked, 4) = $${i})`);
        break;
      }
      case 'pinyin': {
        const [lo, hi] = prefixRange(f.q.toLowerCase());
        const a = params.push(lo);
        const b = params.push(hi);
        where.push(
          `((r.name_initials >= $${a} AND r.name_initials < $${b}) OR (r.name_pinyin >= $${a} AND r.name_pinyin < $${b}))`,
        );
        break;
      }
      case 'name':
      case undefined: {
        const [lo, hi] = prefixRange(f.q);
        const a = params.push(lo);
        const b = params.push(hi);
        // A name, or an address part such as "3幢" or "1单元302室": residents under the matching nodes.
        const byName = `(r.name >= $${a} AND r.name < $${b})`;
        where.push(
          f.addressPaths?.length
            ? `(${byName} OR ${pathRangePredicate({ paths: f.addressPaths }, 'r.node_path', params)})`
            : byName,
        );
        break;
      }
    }
  }
  if (f.tags?.length)
    where.push(
      `EXISTS (SELECT 1 FROM resident_tag t WHERE t.resident_id = r.id AND t.tag_code = ANY($${params.push(f.tags)}))`,
    );
  if (f.registrationType) where.push(`r.registration_type = $${params.push(f.registrationType)}`);
  if (f.gender) where.push(`r.gender = $${params.push(f.gender)}`);
  if (f.bornOnOrBefore) where.push(`r.birth_date <= $${params.push(f.bornOnOrBefore)}::date`);
  if (f.bornAfter) where.push(`r.birth_date > $${params.push(f.bornAfter)}::date`);
  const whereSql = where.join(' AND ');
  const countParams = [...params];
  const limit = params.push(f.pageSize);
  const offset = params.push((f.page - 1) * f.pageSize);
  const [{ rows }, count] = await Promise.all([
    q.query<ResidentRow>(
      `SELECT ${residentColumns} FROM resident r WHERE ${whereSql} ORDER BY r.node_path, r.id LIMIT $${limit} OFFSET $${offset}`,
      params,
    ),
    // Counting a whole district is the slow part of a list: count up to a cap and say so.
    q.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM resident r WHERE ${whereSql} LIMIT ${COUNT_CAP + 1}) x`,
      countParams,
    ),
  ]);
  const n = count.rows[0]?.n ?? 0;
  return { rows, total: Math.min(n, COUNT_CAP), totalIsCapped: n > COUNT_CAP };
}

/** Buildings, units and households in scope whose name starts with q (for "3幢", "1单元302室"). */
export async function addressNodePaths(q: Queryable, scope: Scope, text: string, limit = 200): Promise<string[]> {
  const [lo, hi] = prefixRange(text);
  const params: unknown[] = [lo, hi];
  const { rows } = await q.query<{ path: string }>(
    `SELECT n.path FROM jurisdiction_node n
     WHERE n.name >= $1 AND n.name < $2 AND n.level IN ('building', 'unit', 'household') AND n.retired_at IS NULL
       AND ${pathRangePredicate(scope, 'n.path', params)}
     LIMIT ${limit}`,
    params,
  );
  return rows.map((r) => r.path);
}

export interface ResidentWrite {
  nodeId: number;
  nodePath: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: string;
  birthDate: string | null;
  idKind: string;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  idNumberMasked: string | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  phoneMasked: string | null;
  ethnicity: string | null;
  registrationType: string;
  arrivalDate: string | null;
  origin: string | null;
  arrivalReason: string | null;
  expectedStay: string | null;
  relationToHead: string;
  politicalStatus: string | null;
  notes: string | null;
}

/** The stored columns of a resident that a write carries (plain strings, as any query returns them). */
export interface StoredResident {
  node_id: number;
  node_path: string;
  name: string;
  gender: string;
  birth_date: string | null;
  id_kind: string;
  id_number_enc: string | null;
  id_number_hash?: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_hash?: string | null;
  phone_masked: string | null;
  ethnicity: string | null;
  registration_type: string;
  arrival_date: string | null;
  origin: string | null;
  arrival_reason: string | null;
  expected_stay: string | null;
  relation_to_head: string;
  political_status: string | null;
  notes: string | null;
}

/** A stored resident as a write (pinyin left empty: only compared fields are filled from storage). */
export function storedWrite(r: StoredResident): ResidentWrite {
  return {
    nodeId: r.node_id,
    nodePath: r.node_path,
    name: r.name,
    namePinyin: '',
    nameInitials: '',
    gender: r.gender,
    birthDate: r.birth_date,
    idKind: r.id_kind,
    idNumberEnc: r.id_number_enc,
    idNumberHash: r.id_number_hash ?? null,
    idNumberMasked: r.id_number_masked,
    phoneEnc: r.phone_enc,
    phoneHash: r.phone_hash ?? null,
    phoneMasked: r.phone_masked,
    ethnicity: r.ethnicity,
    registrationType: r.registration_type,
    arrivalDate: r.arrival_date,
    origin: r.origin,
    arrivalReason: r.arrival_reason,
    expectedStay: r.expected_stay,
    relationToHead: r.relation_to_head,
    politicalStatus: r.political_status,
    notes: r.notes,
  };
}

/** Columns an insert or a full update of a resident writes, in the order of residentWriteValues. */
export const residentWriteColumns = [
  'node_id',
  'node_path',
  'name',
  'name_pinyin',
  'name_initials',
  'gender',
  'birth_date',
  'id_kind',
  'id_number_enc',
  'id_number_hash',
  'id_number_masked',
  'phone_enc',
  'phone_hash',
  'phone_masked',
  'ethnicity',
  'registration_type',
  'arrival_date',
  'origin',
  'arrival_reason',
  'expected_stay',
  'relation_to_head',
  'political_status',
  'notes',
] as const;

export function residentWriteValues(w: ResidentWrite): unknown[] {
  return [
    w.nodeId,
    w.nodePath,
    w.name,
    w.namePinyin,
    w.nameInitials,
    w.gender,
    w.birthDate,
    w.idKind,
    w.idNumberEnc,
    w.idNumberHash,
    w.idNumberMasked,
    w.phoneEnc,
    w.phoneHash,
    w.phoneMasked,
    w.ethnicity,
    w.registrationType,
    w.arrivalDate,
    w.origin,
    w.arrivalReason,
    w.expectedStay,
    w.relationToHead,
    w.politicalStatus,
    w.notes,
  ];
}

export async function insertResident(q: Queryable, w: ResidentWrite): Promise<number> {
  const values = residentWriteValues(w);
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO resident (${residentWriteColumns.join(', ')}, status_since) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')}, CURRENT_DATE) RETURNING id`,
    values,
  );
  return rows[0]!.id;
}

/** Write all fields if the version still matches; false when someone else changed the record first. */
export async function updateResident(q: Queryable, id: number, version: number, w: ResidentWrite): Promise<boolean> {
  const values = residentWriteValues(w);
  const sets = residentWriteColumns.map((c, i) => `${c} = $${i + 1}`).join(', ');
  const r = await q.query(
    `UPDATE resident SET ${sets}, version = version + 1, updated_at = now() WHERE id = $${values.length + 1} AND version = $${values.length + 2}`,
    [...values, id, version],
  );
  return r.rowCount === 1;
}

export async function setStatus(q: Queryable, id: number, status: 'moved_out' | 'deceased', on: string) {
  await q.query(
    `UPDATE resident SET status = $2, status_since = $3, version = version + 1, updated_at = now() WHERE id = $1`,
    [id, status, on],
  );
}

export async function setTags(q: Queryable, residentId: number, tags: readonly string[]) {
  await q.query(`DELETE FROM resident_tag WHERE resident_id = $1 AND NOT (tag_code = ANY($2))`, [residentId, tags]);
  await q.query(
    `INSERT INTO resident_tag (resident_id, tag_code, since) SELECT $1, unnest($2::text[]), CURRENT_DATE ON CONFLICT DO NOTHING`,
    [residentId, tags],
  );
}

export async function unknownTags(q: Queryable, tags: readonly string[]): Promise<string[]> {
  if (tags.length === 0) return [];
  const { rows } = await q.query<{ code: string }>(`SELECT code FROM care_tag WHERE code = ANY($1) AND is_active`, [
    tags,
  ]);
  const known = new Set(rows.map((r) => r.code));
  return tags.filter((t) => !known.has(t));
}

export async function findSensitive(q: Queryable, residentId: number) {
  const { rows } = await q.query<{
    health: string | null;
    disability_kind: string | null;
    disability_grade: string | null;
    religion: string | null;
  }>(`SELECT health, disability_kind, disability_grade, religion FROM resident_sensitive WHERE resident_id = $1`, [
    residentId,
  ]);
  const r = rows[0];
  return {
    health: r?.health ?? null,
    disabilityKind: r?.disability_kind ?? null,
    disabilityGrade: r?.disability_grade ?? null,
    religion: r?.religion ?? null,
  };
}

export async function upsertSensitive(
  q: Queryable,
  residentId: number,
  s: {
    health?: string | undefined;
    disabilityKind?: string | undefined;
    disabilityGrade?: string | undefined;
    religion?: string | undefined;
  },
) {
  await q.query(
    `INSERT INTO resident_sensitive (resident_id, health, disability_kind, disability_grade, religion) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (resident_id) DO UPDATE SET health = EXCLUDED.health, disability_kind = EXCLUDED.disability_kind,
       disability_grade = EXCLUDED.disability_grade, religion = EXCLUDED.religion, updated_at = now()`,
    [residentId, s.health ?? null, s.disabilityKind ?? null, s.disabilityGrade ?? null, s.religion ?? null],
  );
}

export async function insertEvent(
  q: Queryable,
  e: {
    residentId: number;
    kind: string;
    occurredOn: string;
    fromNodeId?: number | null;
    toNodeId?: number | null;
    reason?: string | null;
    changes?: Record<string, { before: unknown; after: unknown }>;
    recordedBy: number | null;
  },
) {
  await q.query(
    `INSERT INTO resident_event (resident_id, kind, occurred_on, from_node_id, to_node_id, reason, changes, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      e.residentId,
      e.kind,
      e.occurredOn,
      e.fromNodeId ?? null,
      e.toNodeId ?? null,
      e.reason ?? null,
      JSON.stringify(e.changes ?? {}),
      e.recordedBy,
    ],
  );
}

export async function eventsOf(q: Queryable, residentIds: number | readonly number[]) {
  const { rows } = await q.query<{
    id: number;
    resident_id: number;
    kind: string;
    occurred_on: string;
    from_path: string | null;
    to_path: string | null;
    reason: string | null;
    changes: Record<string, { before: unknown; after: unknown }>;
    recorded_at: Date;
    recorded_by: string | null;
  }>(
    `SELECT e.id, e.resident_id, e.kind, to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on, f.path AS from_path, t.path AS to_path, e.reason, e.changes,
            e.recorded_at, u.display_name AS recorded_by
     FROM resident_event e
     LEFT JOIN jurisdiction_node f ON f.id = e.from_node_id LEFT JOIN jurisdiction_node t ON t.id = e.to_node_id
     LEFT JOIN app_user u ON u.id = e.recorded_by
     WHERE e.resident_id = ANY($1) ORDER BY e.occurred_on DESC, e.id DESC LIMIT 200`,
    [typeof residentIds === 'number' ? [residentIds] : residentIds],
  );
  return rows;
}

/** Each resident's history as resident-as-of.ts undoes it: oldest first, ties in recording order. */
export async function historiesOf(q: Queryable, residentIds: readonly number[]): Promise<Map<number, HistoryStep[]>> {
  const { rows } = await q.query<{
    resident_id: number;
    kind: string;
    occurred_on: string;
    from_node_id: number | null;
    to_node_id: number | null;
    changes: Record<string, { before: unknown; after: unknown }>;
  }>(
    `SELECT resident_id::int, kind, to_char(occurred_on, 'YYYY-MM-DD') AS occurred_on, from_node_id::int, to_node_id::int, changes
       FROM resident_event WHERE resident_id = ANY($1) ORDER BY resident_id, occurred_on, id`,
    [residentIds],
  );
  const histories = new Map<number, HistoryStep[]>(residentIds.map((id) => [id, []]));
  for (const e of rows)
    histories.get(e.resident_id)?.push({
      kind: e.kind,
      occurredOn: e.occurred_on,
      fromNodeId: e.from_node_id,
      toNodeId: e.to_node_id,
      changes: e.changes,
    });
  return histories;
}

/** Ids of the records merged into a resident, directly or through an earlier merge. */
export async function mergedFrom(q: Queryable, residentId: number): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>(
    `WITH RECURSIVE m AS (
       SELECT id FROM resident WHERE merged_into = $1
       UNION SELECT r.id FROM resident r JOIN m ON r.merged_into = m.id
     ) SELECT id FROM m ORDER BY id`,
    [residentId],
  );
  return rows.map((r) => r.id);
}

/** Groups of active residents in scope with the same household, name and birth date (likely duplicates). */
export async function duplicateGroups(
  q: Queryable,
  scope: Scope,
  f: { nodePath?: string | undefined; page: number; pageSize: number },
) {
  const params: unknown[] = [];
  const where = [pathRangePredicate(scope, 'r.node_path', params), `r.status = 'active'`];
  if (f.nodePath) where.push(pathRangePredicate({ paths: [f.nodePath] }, 'r.node_path', params));
  const limit = params.push(f.pageSize);
  const offset = params.push((f.page - 1) * f.pageSize);
  const { rows } = await q.query<ResidentRow & { group_no: number; total: number }>(
    `WITH g AS (
       SELECT r.node_id, r.name, r.birth_date, min(r.node_path) AS node_path, count(*) OVER ()::int AS total
       FROM resident r WHERE ${where.join(' AND ')}
       GROUP BY r.node_id, r.name, r.birth_date HAVING count(*) > 1
       ORDER BY min(r.node_path), r.name, r.birth_date LIMIT $${limit} OFFSET $${offset}
     )
     SELECT ${residentColumns}, dense_rank() OVER (ORDER BY g.node_path, g.name, g.birth_date)::int AS group_no, g.total
     FROM g JOIN resident r ON r.node_id = g.node_id AND r.name = g.name AND r.birth_date IS NOT DISTINCT FROM g.birth_date
     WHERE r.status = 'active'
     ORDER BY group_no, r.id`,
    params,
  );
  return rows;
}

/** Blind indexes of residents, to compare two records without decrypting them. */
export async function hashesOf(q: Queryable, ids: readonly number[]) {
  const { rows } = await q.query<{ id: number; id_number_hash: string | null; phone_hash: string | null }>(
    `SELECT id, id_number_hash, phone_hash FROM resident WHERE id = ANY($1)`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Merge `otherId` into `survivorId`: the other ends as 'merged' pointing at the survivor (first, so
 * that the ID number's uniqueness allows the survivor to take it); the survivor keeps its values and
 * takes the other's where it has none; tags and sensitive facts are united; visits follow the person.
 */
export async function mergeInto(q: Queryable, survivorId: number, otherId: number, on: string) {
  await q.query(
    `UPDATE resident SET status = 'merged', merged_into = $2, status_since = $3, version = version + 1, updated_at = now() WHERE id = $1`,
    [otherId, survivorId, on],
  );
  const takeId = `s.id_number_hash IS NULL AND o.id_number_hash IS NOT NULL`;
  const takePhone = `s.phone_hash IS NULL AND o.phone_hash IS NOT NULL`;
  const floating = (c: string) => `${c} = CASE WHEN s.registration_type = 'floating' THEN COALESCE(s.${c}, o.${c}) END`;
  await q.query(
    `UPDATE resident s SET
       birth_date = COALESCE(s.birth_date, o.birth_date),
       id_kind = CASE WHEN ${takeId} THEN o.id_kind ELSE s.id_kind END,
       id_number_enc = CASE WHEN ${takeId} THEN o.id_number_enc ELSE s.id_number_enc END,
       id_number_hash = CASE WHEN ${takeId} THEN o.id_number_hash ELSE s.id_number_hash END,
       id_number_masked = CASE WHEN ${takeId} THEN o.id_number_masked ELSE s.id_number_masked END,
       phone_enc = CASE WHEN ${takePhone} THEN o.phone_enc ELSE s.phone_enc END,
       phone_hash = CASE WHEN ${takePhone} THEN o.phone_hash ELSE s.phone_hash END,
       phone_masked = CASE WHEN ${takePhone} THEN o.phone_masked ELSE s.phone_masked END,
       ethnicity = COALESCE(s.ethnicity, o.ethnicity),
       ${floating('arrival_date')}, ${floating('origin')}, ${floating('arrival_reason')}, ${floating('expected_stay')},
       political_status = COALESCE(s.political_status, o.political_status),
       notes = COALESCE(s.notes, o.notes),
       version = s.version + 1, updated_at = now()
     FROM resident o WHERE s.id = $1 AND o.id = $2`,
    [survivorId, otherId],
  );
  await q.query(
    `INSERT INTO resident_tag (resident_id, tag_code, since, note)
     SELECT $1, tag_code, since, note FROM resident_tag WHERE resident_id = $2 ON CONFLICT DO NOTHING`,
    [survivorId, otherId],
  );
  await q.query(
    `INSERT INTO resident_sensitive (resident_id, health, disability_kind, disability_grade, religion)
     SELECT $1, health, disability_kind, disability_grade, religion FROM resident_sensitive WHERE resident_id = $2
     ON CONFLICT (resident_id) DO UPDATE SET
       health = COALESCE(resident_sensitive.health, EXCLUDED.health),
       disability_kind = COALESCE(resident_sensitive.disability_kind, EXCLUDED.disability_kind),
       disability_grade = COALESCE(resident_sensitive.disability_grade, EXCLUDED.disability_grade),
       religion = COALESCE(resident_sensitive.religion, EXCLUDED.religion), updated_at = now()`,
    [survivorId, otherId],
  );
  const visits = await q.query(`UPDATE visit SET resident_id = $1 WHERE resident_id = $2`, [survivorId, otherId]);
  return { visitsMoved: visits.rowCount ?? 0 };
}

/** Keep residents' copies of node paths right when the jurisdiction module moves a subtree. */
export async function followSubtreeMove(q: Queryable, fromPath: string, toPath: string): Promise<number> {
  const params: unknown[] = [fromPath, toPath];
  const r = await q.query(
    `UPDATE resident r SET node_path = $2 || substr(r.node_path, length($1) + 1) WHERE ${pathRangePredicate({ paths: [fromPath] }, 'r.node_path', params)}`,
    params,
  );
  return r.rowCount ?? 0;
}
