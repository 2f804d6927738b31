/** SQL for users' credentials and sessions. */
import type { Role } from '@linli/contracts';
import type { RoleHolding } from '../../platform/auth/actor.ts';
import { prepared, type Queryable } from '../../platform/db/db.ts';

export interface LoginRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  is_active: boolean;
  failed_login_count: number;
  locked_until: Date | null;
}

export interface SessionRow {
  token_hash: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  user_id: number;
  username: string;
  display_name: string;
  must_change_password: boolean;
  is_active: boolean;
  holdings: { role: Role; nodeId: number | null; path: string; nodeName: string | null; nodeLevel: string | null }[];
}

export function findUserForLogin(q: Queryable, username: string) {
  return q
    .query<LoginRow>(
      `SELECT id, username, display_name, password_hash, is_active, failed_login_count, locked_until
       FROM app_user WHERE username = $1 FOR UPDATE`,
      [username],
    )
    .then((r) => r.rows[0]);
}

export async function recordLoginFailure(
  q: Queryable,
  userId: number,
  maxFailures: number,
  lockMs: number,
): Promise<boolean> {
  const { rows } = await q.query<{ locked: boolean }>(
    `UPDATE app_user SET
       failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
       locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(secs => $3 / 1000.0) ELSE locked_until END
     WHERE id = $1
     RETURNING locked_until IS NOT NULL AND locked_until > now() AS locked`,
    [userId, maxFailures, lockMs],
  );
  return rows[0]?.locked ?? false;
}

export async function recordLoginSuccess(q: Queryable, userId: number): Promise<void> {
  await q.query(
    `UPDATE app_user SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`,
    [userId],
  );
}

export async function insertSession(
  q: Queryable,
  s: {
    tokenHash: string;
    userId: number;
    csrfToken: string;
    ip: string | null;
    userAgent: string | null;
    absoluteMs: number;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO user_session (token_hash, user_id, csrf_token, ip, user_agent, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6 / 1000.0))`,
    [s.tokenHash, s.userId, s.csrfToken, s.ip, s.userAgent?.slice(0, 300) ?? null, s.absoluteMs],
  );
}

const holdingsSql = `COALESCE((
  SELECT json_agg(json_build_object('role', r.role, 'nodeId', r.node_id, 'path', COALESCE(n.path, '/'),
                                    'nodeName', n.name, 'nodeLevel', n.level) ORDER BY r.role, r.node_id)
  FROM user_role r LEFT JOIN jurisdiction_node n ON n.id = r.node_id
  WHERE r.user_id = u.id AND (r.node_id IS NULL OR n.retired_at IS NULL)), '[]'::json)`;

export function findSession(q: Queryable, tokenHash: string) {
  return q
    .query<SessionRow>(
      // Every signed-in request reads its session: prepared, parsed and planned once per connection.
      prepared(`SELECT s.token_hash, s.csrf_token, s.last_seen_at, s.expires_at, s.revoked_at,
              u.id AS user_id, u.username, u.display_name, u.must_change_password, u.is_active,
              ${holdingsSql} AS holdings
       FROM user_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.token_hash = $1`),
      [tokenHash],
    )
    .then((r) => r.rows[0]);
}

export async function touchSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(`UPDATE user_session SET last_seen_at = now() WHERE token_hash = $1`, [tokenHash]);
}

export async function revokeSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query(`UPDATE user_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash]);
}

export async function revokeOtherSessions(q: Queryable, userId: number, keepTokenHash: string | null): Promise<void> {
  await q.query(
    `UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $2`,
    [userId, keepTokenHash],
  );
}

export function findPasswordHash(q: Queryable, userId: number) {
  return q
    .query<{ password_hash: string }>(`SELECT password_hash FROM app_user WHERE id = $1 FOR UPDATE`, [userId])
    .then((r) => r.rows[0]?.password_hash);
}

export async function updatePassword(
  q: Queryable,
  userId: number,
  passwordHash: string,
  mustChange: boolean,
): Promise<void> {
  await q.query(
    `UPDATE app_user SET password_hash = $2, must_change_password = $3, password_changed_at = now(), updated_at = now(),
            failed_login_count = 0, locked_until = NULL
     WHERE id = $1`,
    [userId, passwordHash, mustChange],
  );
}

export function toHoldings(rows: SessionRow['holdings']): RoleHolding[] {
  return rows.map((h) => ({
    role: h.role,
    nodeId: h.nodeId,
    path: h.path,
    nodeName: h.nodeName,
    nodeLevel: h.nodeLevel,
  }));
}
