/** SQL of housing, rentals and units. Every read takes the caller's scope, applied to the row's node path. */
import { pathRangePredicate, type Scope } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';

export interface HouseRow {
  id: number;
  node_id: number;
  node_path: string;
  area_m2: string | null;
  use: 'owner_occupied' | 'rented' | 'vacant' | 'commercial';
  owner_name: string | null;
  owner_phone_enc: string | null;
  owner_phone_hash: string | null;
  owner_phone_masked: string | null;
  notes: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  active_rentals: number;
  residents: number;
}

const houseColumns = `h.id, h.node_id, h.node_path, h.area_m2::text AS area_m2, h.use, h.owner_name, h.owner_phone_enc,
  h.owner_phone_hash, h.owner_phone_masked, h.notes, h.version, h.created_at, h.updated_at,
  (SELECT count(*)::int FROM rental x WHERE x.house_id = h.id AND x.status = 'active') AS active_rentals,
  (SELECT count(*)::int FROM resident r WHERE r.node_id = h.node_id AND r.status = 'active') AS residents`;

export async function findHouse(q: Queryable, scope: Scope, id: number, forUpdate = false) {
  const params: unknown[] = [id];
  const { rows } = await q.query<HouseRow>(
    `SELECT ${houseColumns} FROM house h WHERE h.id = $1 AND ${pathRangePredicate(scope, 'h.node_path', params)}
     ${forUpdate ? 'FOR UPDATE OF h' : ''}`,
    params,
  );
  return rows[0];
}

export async function listHouses(
  q: Queryable,
  scope: Scope,
  f: {
    nodePath?: string | undefined;
    use?: string | undefined;
    rentalMissing?: boolean;
    page: number;
    pageSize: number;
  },
) {
  const params: unknown[] = [];
  const where = [pathRangePredicate(scope, 'h.node_path', params)];
  if (f.nodePath) where.push(pathRangePredicate({ paths: [f.nodePath] }, 'h.node_path', params));
  if (f.use) where.push(`h.use = $${params.push(f.use)}`);
  if (f.rentalMissing)
    where.push(
      `h.use = 'rented' AND NOT EXISTS (SELECT 1 FROM rental x WHERE x.house_id = h.id AND x.status = 'active')`,
    );
  const w = where.join(' AND ');
  const [{ rows }, count] = await Promise.all([
    q.query<HouseRow>(
      `SELECT ${houseColumns} FROM house h WHERE ${w} ORDER BY h.node_path, h.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM house h WHERE ${w}`, params),
  ]);
  return { rows, total: count.rows[0]?.n ?? 0 };
}

export async function housesOnNodes(q: Queryable, nodeIds: readonly number[]) {
  const { rows } = await q.query<HouseRow>(`SELECT ${houseColumns} FROM house h WHERE h.node_id = ANY($1)`, [nodeIds]);
  return rows;
}

export interface HouseWrite {
  areaM2: number | null;
  use: string;
  ownerName: string | null;
  ownerPhoneEnc: string | null;
  ownerPhoneHash: string | null;
  ownerPhoneMasked: string | null;
  notes: string | null;
}

export async function insertHouse(q: Queryable, node: { id: number; path: string }, w: HouseWrite) {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO house (node_id, node_path, area_m2, use, owner_name, owner_phone_enc, owner_phone_hash, owner_phone_masked, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [node.id, node.path, w.areaM2, w.use, w.ownerName, w.ownerPhoneEnc, w.ownerPhoneHash, w.ownerPhoneMasked, w.notes],
  );
  return rows[0]!.id;
}

export async function updateHouse(q: Queryable, id: number, version: number, w: HouseWrite) {
  const r = await q.query(
    `UPDATE house SET area_m2 = $3, use = $4, owner_name = $5, owner_phone_enc = $6, owner_phone_hash = $7,
       owner_phone_masked = $8, notes = $9, version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2`,
    [id, version, w.areaM2, w.use, w.ownerName, w.ownerPhoneEnc, w.ownerPhoneHash, w.ownerPhoneMasked, w.notes],
  );
  return r.rowCount === 1;
}

export async function setHouseUse(q: Queryable, id: number, use: string) {
  await q.query(`UPDATE house SET use = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, use]);
}

export async function insertHouseEvent(
  q: Queryable,
  e: {
    houseId: number;
    rentalId?: number | null;
    kind: 'register' | 'update' | 'rental_start' | 'rental_end';
    occurredOn: string;
    reason?: string | null;
    changes?: Record<string, { before: unknown; after: unknown }>;
    recordedBy: number | null;
  },
) {
  await q.query(
    `INSERT INTO house_event (house_id, rental_id, kind, occurred_on, reason, changes, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      e.houseId,
      e.rentalId ?? null,
      e.kind,
      e.occurredOn,
      e.reason ?? null,
      JSON.stringify(e.changes ?? {}),
      e.recordedBy,
    ],
  );
}

export async function houseEvents(q: Queryable, houseId: number) {
  const { rows } = await q.query<{
    id: number;
    kind: 'register' | 'update' | 'rental_start' | 'rental_end';
    occurred_on: string;
    rental_id: number | null;
    reason: string | null;
    changes: Record<string, { before: unknown; after: unknown }>;
    recorded_at: Date;
    recorded_by: string | null;
  }>(
    `SELECT e.id, e.kind, to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on, e.rental_id, e.reason, e.changes,
            e.recorded_at, u.display_name AS recorded_by
     FROM house_event e LEFT JOIN app_user u ON u.id = e.recorded_by
     WHERE e.house_id = $1 ORDER BY e.id DESC LIMIT 200`,
    [houseId],
  );
  return rows;
}

export interface RentalRow {
  id: number;
  house_id: number;
  node_id: number;
  node_path: string;
  tenant_node_id: number | null;
  tenant_path: string | null;
  tenant_name: string | null;
  tenant_id_number_enc: string | null;
  tenant_id_number_masked: string | null;
  tenant_phone_enc: string | null;
  tenant_phone_masked: string | null;
  landlord_name: string;
  start_date: string;
  end_date: string | null;
  contract_no: string | null;
  status: 'active' | 'ended';
  ended_on: string | null;
  end_reason: string | null;
  notes: string | null;
  created_at: Date;
}

const rentalColumns = `x.id, x.house_id, x.node_id, x.node_path, x.tenant_node_id, tn.path AS tenant_path, x.tenant_name,
  x.tenant_id_number_enc, x.tenant_id_number_masked, x.tenant_phone_enc, x.tenant_phone_masked, x.landlord_name,
  to_char(x.start_date, 'YYYY-MM-DD') AS start_date, to_char(x.end_date, 'YYYY-MM-DD') AS end_date, x.contract_no,
  x.status, to_char(x.ended_on, 'YYYY-MM-DD') AS ended_on, x.end_reason, x.notes, x.created_at`;

export async function rentalsOfHouses(q: Queryable, houseIds: readonly number[], onlyActive = false) {
  const { rows } = await q.query<RentalRow>(
    `SELECT ${rentalColumns} FROM rental x LEFT JOIN jurisdiction_node tn ON tn.id = x.tenant_node_id
     WHERE x.house_id = ANY($1) ${onlyActive ? `AND x.status = 'active'` : ''}
     ORDER BY x.start_date DESC, x.id DESC`,
    [houseIds],
  );
  return rows;
}

export async function findRental(q: Queryable, scope: Scope, id: number, forUpdate = false) {
  const params: unknown[] = [id];
  const { rows } = await q.query<RentalRow>(
    `SELECT ${rentalColumns} FROM rental x LEFT JOIN jurisdiction_node tn ON tn.id = x.tenant_node_id
     WHERE x.id = $1 AND ${pathRangePredicate(scope, 'x.node_path', params)} ${forUpdate ? 'FOR UPDATE OF x' : ''}`,
    params,
  );
  return rows[0];
}

export async function insertRental(
  q: Queryable,
  r: {
    houseId: number;
    nodeId: number;
    nodePath: string;
    tenantNodeId: number | null;
    tenantName: string | null;
    tenantIdNumberEnc: string | null;
    tenantIdNumberHash: string | null;
    tenantIdNumberMasked: string | null;
    tenantPhoneEnc: string | null;
    tenantPhoneHash: string | null;
    tenantPhoneMasked: string | null;
    landlordName: string;
    startDate: string;
    endDate: string | null;
    contractNo: string | null;
    notes: string | null;
    createdBy: number | null;
  },
) {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO rental (house_id, node_id, node_path, tenant_node_id, tenant_name, tenant_id_number_enc, tenant_id_number_hash,
       tenant_id_number_masked, tenant_phone_enc, tenant_phone_hash, tenant_phone_masked, landlord_name, start_date, end_date,
       contract_no, notes, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [
      r.houseId,
      r.nodeId,
      r.nodePath,
      r.tenantNodeId,
      r.tenantName,
      r.tenantIdNumberEnc,
      r.tenantIdNumberHash,
      r.tenantIdNumberMasked,
      r.tenantPhoneEnc,
      r.tenantPhoneHash,
      r.tenantPhoneMasked,
      r.landlordName,
      r.startDate,
      r.endDate,
      r.contractNo,
      r.notes,
      r.createdBy,
    ],
  );
  return rows[0]!.id;
}

export async function endRental(
  q: Queryable,
  id: number,
  e: { endedOn: string; reason: string | null; endedBy: number | null },
) {
  await q.query(
    `UPDATE rental SET status = 'ended', ended_on = $2, end_reason = $3, ended_by = $4, ended_at = now() WHERE id = $1`,
    [id, e.endedOn, e.reason, e.endedBy],
  );
}

/** Rooms (household nodes) of a building or unit, with the unit's name when they hang under one. */
export async function roomsUnder(q: Queryable, path: string) {
  const params: unknown[] = [];
  const { rows } = await q.query<{ id: number; name: string; path: string; unit_name: string | null }>(
    `SELECT n.id, n.name, n.path, p.name AS unit_name FROM jurisdiction_node n
     LEFT JOIN jurisdiction_node p ON p.id = n.parent_id AND p.level = 'unit'
     WHERE n.level = 'household' AND n.retired_at IS NULL AND ${pathRangePredicate({ paths: [path] }, 'n.path', params)}`,
    params,
  );
  return rows;
}

export async function residentsOnNodes(q: Queryable, nodeIds: readonly number[]) {
  const { rows } = await q.query<{
    id: number;
    node_id: number;
    name: string;
    relation_to_head: string;
    registration_type: string;
  }>(
    `SELECT r.id, r.node_id, r.name, r.relation_to_head, r.registration_type FROM resident r
     WHERE r.node_id = ANY($1) AND r.status = 'active'
     ORDER BY array_position(ARRAY['head','spouse','parent','child','child_in_law','grandchild','grandparent','sibling','other_relative','tenant','other'], r.relation_to_head), r.birth_date, r.id`,
    [nodeIds],
  );
  return rows;
}

/** Keep the path copies right when the jurisdiction module moves a subtree (inside its transaction). */
export async function followHousingSubtreeMove(q: Queryable, fromPath: string, toPath: string): Promise<number> {
  let moved = 0;
  for (const table of ['house', 'rental', 'org_unit']) {
    const params: unknown[] = [fromPath, toPath];
    const r = await q.query(
      `UPDATE ${table} t SET node_path = $2 || substr(t.node_path, length($1) + 1) WHERE ${pathRangePredicate({ paths: [fromPath] }, 't.node_path', params)}`,
      params,
    );
    moved += r.rowCount ?? 0;
  }
  return moved;
}
