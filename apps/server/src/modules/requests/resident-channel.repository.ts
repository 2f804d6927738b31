/** SQL of the resident pages: one-time codes, phone sessions, the address picker and "my requests". */
import type { Queryable } from '../../platform/db/db.ts';

export interface OtpRow {
  id: number;
  code_hash: string;
  attempts: number;
  expires_at: Date;
}

/** How many codes were sent to a phone, and from an address, since a moment (the rate limits). */
export async function otpCounts(q: Queryable, phoneHash: string, ip: string | null, since: Date, lastSince: Date) {
  const { rows } = await q.query<{ by_phone: number; by_ip: number; recent: number }>(
    `SELECT (SELECT count(*)::int FROM resident_otp WHERE phone_hash = $1 AND created_at > $3) AS by_phone,
            (SELECT count(*)::int FROM resident_otp WHERE ip = $2 AND created_at > $3) AS by_ip,
            (SELECT count(*)::int FROM resident_otp WHERE phone_hash = $1 AND created_at > $4) AS recent`,
    [phoneHash, ip, since, lastSince],
  );
  return rows[0]!;
}

/** A new code replaces the phone's earlier unused ones. */
export async function insertOtp(
  q: Queryable,
  o: { phoneHash: string; codeHash: string; ip: string | null; at: Date; expiresAt: Date },
): Promise<number> {
  await q.query(`UPDATE resident_otp SET consumed_at = $2 WHERE phone_hash = $1 AND consumed_at IS NULL`, [
    o.phoneHash,
    o.at,
  ]);
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO resident_otp (phone_hash, code_hash, ip, created_at, expires_at) VALUES ($1,$2,$3,$4,$5) RETURNING id::int`,
    [o.phoneHash, o.codeHash, o.ip, o.at, o.expiresAt],
  );
  return rows[0]!.id;
}

/** The phone's live code, locked for the attempt. */
export async function liveOtp(q: Queryable, phoneHash: string, now: Date): Promise<OtpRow | undefined> {
  const { rows } = await q.query<OtpRow>(
    `SELECT id::int, code_hash, attempts, expires_at FROM resident_otp
      WHERE phone_hash = $1 AND consumed_at IS NULL AND expires_at > $2
      ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
    [phoneHash, now],
  );
  return rows[0];
}

export async function failOtp(q: Queryable, id: number, burn: boolean, at: Date) {
  await q.query(
    `UPDATE resident_otp SET attempts = attempts + 1, consumed_at = CASE WHEN $2 THEN $3::timestamptz END WHERE id = $1`,
    [id, burn, at],
  );
}

export async function consumeOtp(q: Queryable, id: number, at: Date) {
  await q.query(`UPDATE resident_otp SET consumed_at = $2 WHERE id = $1`, [id, at]);
}

export interface PhoneSessionRow {
  token_hash: string;
  phone_hash: string;
  phone_enc: string;
  phone_masked: string;
  csrf_token: string;
  upload_key: string;
  expires_at: Date;
}

export async function insertPhoneSession(
  q: Queryable,
  s: Omit<PhoneSessionRow, 'expires_at'> & { ip: string | null; at: Date; expiresAt: Date },
) {
  await q.query(
    `INSERT INTO resident_phone_session (token_hash, phone_hash, phone_enc, phone_masked, csrf_token, upload_key, ip, created_at, expires_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [s.token_hash, s.phone_hash, s.phone_enc, s.phone_masked, s.csrf_token, s.upload_key, s.ip, s.at, s.expiresAt],
  );
}

export async function findPhoneSession(q: Queryable, tokenHash: string, now: Date) {
  const { rows } = await q.query<PhoneSessionRow>(
    `SELECT token_hash, phone_hash, phone_enc, phone_masked, csrf_token, upload_key, expires_at
       FROM resident_phone_session WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
    [tokenHash, now],
  );
  return rows[0];
}

export async function revokePhoneSession(q: Queryable, tokenHash: string, at: Date) {
  await q.query(`UPDATE resident_phone_session SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [
    tokenHash,
    at,
  ]);
}

/** Who owns a request on the resident pages: the verified phone, or the signed-in resident account. */
export interface Owner {
  phoneHash: string | null;
  userId: number | null;
}

const ownedBy = `((r.contact_phone_hash IS NOT NULL AND r.contact_phone_hash = $1) OR (r.submitter_user_id IS NOT NULL AND r.submitter_user_id = $2))`;

export async function ownRequestIds(q: Queryable, owner: Owner, limit: number): Promise<number[]> {
  const { rows } = await q.query<{ id: number }>(
    `SELECT r.id::int FROM request r WHERE ${ownedBy} ORDER BY r.submitted_at DESC, r.id DESC LIMIT $3`,
    [owner.phoneHash, owner.userId, limit],
  );
  return rows.map((r) => r.id);
}

export async function isOwnRequest(q: Queryable, owner: Owner, id: number): Promise<boolean> {
  const { rows } = await q.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM request r WHERE r.id = $3 AND ${ownedBy}) AS ok`,
    [owner.phoneHash, owner.userId, id],
  );
  return rows[0]?.ok ?? false;
}

/** Requests filed from the resident pages by a phone since a moment (a daily cap against floods). */
export async function residentSubmissionsSince(q: Queryable, phoneHash: string, since: Date): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM request WHERE contact_phone_hash = $1 AND channel = 'resident' AND submitted_at > $2`,
    [phoneHash, since],
  );
  return rows[0]?.n ?? 0;
}

/**
 * One step of the address picker: the children of a node (streets when none is given), looking
 * through grids, which residents do not know. Names only — nothing about the people there.
 */
export async function placesUnder(q: Queryable, parentId: number | undefined) {
  const { rows } = await q.query<{ id: number; name: string; level: string; has_children: boolean }>(
    `WITH RECURSIVE down AS (
       SELECT n.id, n.name, n.level FROM jurisdiction_node n
        WHERE n.retired_at IS NULL AND ${parentId === undefined ? `n.level = 'street'` : `n.parent_id = $1`}
       UNION ALL
       SELECT c.id, c.name, c.level FROM jurisdiction_node c JOIN down d ON c.parent_id = d.id
        WHERE d.level = 'grid' AND c.retired_at IS NULL
     )
     SELECT d.id::int, d.name, d.level,
            EXISTS (SELECT 1 FROM jurisdiction_node c WHERE c.parent_id = d.id AND c.retired_at IS NULL) AS has_children
       FROM down d WHERE d.level <> 'grid'
      ORDER BY length(d.name), d.name, d.id LIMIT 500`,
    parentId === undefined ? [] : [parentId],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, hasChildren: r.has_children }));
}

/** Where a request goes when the resident only typed an address: the top of the tree dispatches it. */
export async function topNodeId(q: Queryable): Promise<number | undefined> {
  const { rows } = await q.query<{ id: number }>(
    `SELECT id::int FROM jurisdiction_node WHERE parent_id IS NULL AND retired_at IS NULL ORDER BY id LIMIT 1`,
  );
  return rows[0]?.id;
}

/** A photo with the request and step it belongs to (for the resident's access check). */
export async function photoOf(q: Queryable, id: number) {
  const { rows } = await q.query<{
    id: number;
    request_id: number | null;
    event_action: string | null;
    upload_key: string | null;
    uploaded_by: number | null;
    content_type: string;
    bytes: Buffer;
  }>(
    `SELECT a.id::int, a.request_id::int, e.action AS event_action, a.upload_key, a.uploaded_by::int, a.content_type, a.bytes
       FROM request_attachment a LEFT JOIN request_event e ON e.id = a.event_id WHERE a.id = $1`,
    [id],
  );
  return rows[0];
}
