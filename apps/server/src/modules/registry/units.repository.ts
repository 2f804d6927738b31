/** SQL of units in the jurisdiction; religious sites only where the caller holds registry.sensitive. */
import { pathRangePredicate, type Scope } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';

export interface UnitRow {
  id: number;
  node_id: number;
  node_path: string;
  kind: 'company' | 'school' | 'agency' | 'shop' | 'organisation' | 'religious_site' | 'other';
  name: string;
  credit_code: string | null;
  credit_code_override_reason: string | null;
  credit_code_override_at: Date | null;
  religion: string | null;
  legal_representative: string | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  contact_phone_hash: string | null;
  contact_phone_masked: string | null;
  employees: number | null;
  notes: string | null;
  status: 'active' | 'closed';
  version: number;
  created_at: Date;
  updated_at: Date;
}

const columns = `u.id, u.node_id, u.node_path, u.kind, u.name, u.credit_code, u.credit_code_override_reason, u.credit_code_override_at,
  u.religion, u.legal_representative, u.contact_name, u.contact_phone_enc, u.contact_phone_hash, u.contact_phone_masked,
  u.employees, u.notes, u.status, u.version, u.created_at, u.updated_at`;

/** "The row is not a religious site, or lies where the caller may read sensitive facts." */
function sensitiveOk(sensitive: Scope, params: unknown[]) {
  return `(u.kind <> 'religious_site' OR ${pathRangePredicate(sensitive, 'u.node_path', params)})`;
}

export async function findUnit(q: Queryable, scope: Scope, sensitive: Scope, id: number, forUpdate = false) {
  const params: unknown[] = [id];
  const { rows } = await q.query<UnitRow>(
    `SELECT ${columns} FROM org_unit u WHERE u.id = $1 AND ${pathRangePredicate(scope, 'u.node_path', params)}
       AND ${sensitiveOk(sensitive, params)} ${forUpdate ? 'FOR UPDATE OF u' : ''}`,
    params,
  );
  return rows[0];
}

export interface UnitFilter {
  q?: string | undefined;
  nodePath?: string | undefined;
  kind?: string | undefined;
  status?: string | undefined;
}

function filterWhere(scope: Scope, sensitive: Scope, f: UnitFilter, params: unknown[]) {
  const where = [pathRangePredicate(scope, 'u.node_path', params), sensitiveOk(sensitive, params)];
  if (f.nodePath) where.push(pathRangePredicate({ paths: [f.nodePath] }, 'u.node_path', params));
  if (f.kind) where.push(`u.kind = $${params.push(f.kind)}`);
  if (f.status) where.push(`u.status = $${params.push(f.status)}`);
  if (f.q) {
    const code = f.q.replace(/\s+/g, '').toUpperCase();
    where.push(
      `(u.name LIKE $${params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} OR u.credit_code = $${params.push(code)})`,
    );
  }
  return where.join(' AND ');
}

export async function listUnits(
  q: Queryable,
  scope: Scope,
  sensitive: Scope,
  f: UnitFilter & { page: number; pageSize: number },
) {
  const params: unknown[] = [];
  const w = filterWhere(scope, sensitive, f, params);
  const [{ rows }, count] = await Promise.all([
    q.query<UnitRow>(
      `SELECT ${columns} FROM org_unit u WHERE ${w} ORDER BY u.node_path, u.name, u.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_unit u WHERE ${w}`, params),
  ]);
  return { rows, total: count.rows[0]?.n ?? 0 };
}

/** Units under a path in ledger order (kind, then place), for the 辖区单位台账. */
export async function unitsForLedger(q: Queryable, path: string, sensitive: Scope) {
  const params: unknown[] = [];
  const { rows } = await q.query<UnitRow>(
    `SELECT ${columns} FROM org_unit u
     WHERE ${pathRangePredicate({ paths: [path] }, 'u.node_path', params)} AND ${sensitiveOk(sensitive, params)} AND u.status = 'active'
     ORDER BY array_position(ARRAY['company','school','agency','shop','organisation','religious_site','other'], u.kind), u.node_path, u.name`,
    params,
  );
  return rows;
}

export interface UnitWrite {
  nodeId: number;
  nodePath: string;
  kind: string;
  name: string;
  creditCode: string | null;
  overrideReason: string | null;
  religion: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhoneEnc: string | null;
  contactPhoneHash: string | null;
  contactPhoneMasked: string | null;
  employees: number | null;
  notes: string | null;
  status: string;
}

export async function insertUnit(q: Queryable, w: UnitWrite, by: number | null) {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO org_unit (node_id, node_path, kind, name, credit_code, credit_code_override_reason, credit_code_override_by,
       credit_code_override_at, religion, legal_representative, contact_name, contact_phone_enc, contact_phone_hash,
       contact_phone_masked, employees, notes, status)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6::text IS NULL THEN NULL ELSE $7::bigint END,
       CASE WHEN $6::text IS NULL THEN NULL ELSE now() END, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     RETURNING id`,
    [
      w.nodeId,
      w.nodePath,
      w.kind,
      w.name,
      w.creditCode,
      w.overrideReason,
      by,
      w.religion,
      w.legalRepresentative,
      w.contactName,
      w.contactPhoneEnc,
      w.contactPhoneHash,
      w.contactPhoneMasked,
      w.employees,
      w.notes,
      w.status,
    ],
  );
  return rows[0]!.id;
}

/** Update; `overrideChanged` stamps who overrode the credit-code check and when. */
export async function updateUnit(
  q: Queryable,
  id: number,
  version: number,
  w: UnitWrite,
  override: { changed: boolean; by: number | null },
) {
  const r = await q.query(
    `UPDATE org_unit SET node_id = $3, node_path = $4, kind = $5, name = $6, credit_code = $7, credit_code_override_reason = $8,
       credit_code_override_by = CASE WHEN $8::text IS NULL THEN NULL WHEN $18 THEN $19::bigint ELSE credit_code_override_by END,
       credit_code_override_at = CASE WHEN $8::text IS NULL THEN NULL WHEN $18 THEN now() ELSE credit_code_override_at END,
       religion = $9, legal_representative = $10, contact_name = $11, contact_phone_enc = $12, contact_phone_hash = $13,
       contact_phone_masked = $14, employees = $15, notes = $16, status = $17, version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2`,
    [
      id,
      version,
      w.nodeId,
      w.nodePath,
      w.kind,
      w.name,
      w.creditCode,
      w.overrideReason,
      w.religion,
      w.legalRepresentative,
      w.contactName,
      w.contactPhoneEnc,
      w.contactPhoneHash,
      w.contactPhoneMasked,
      w.employees,
      w.notes,
      w.status,
      override.changed,
      override.by,
    ],
  );
  return r.rowCount === 1;
}
