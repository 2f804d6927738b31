/** SQL of users and role assignments; lists are filtered by the caller's scope. */
import type { Role, User } from '@linli/contracts';
import { pathRangePredicate, type Scope } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  is_active: boolean;
  must_change_password: boolean;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  roles: {
    role: Role;
    nodeId: number | null;
    nodeName: string | null;
    nodeLevel: User['roles'][number]['nodeLevel'];
    path: string;
  }[];
  total?: number;
}

const rolesSql = `COALESCE((
  SELECT json_agg(json_build_object('role', r.role, 'nodeId', r.node_id, 'nodeName', n.name, 'nodeLevel', n.level,
                                    'path', COALESCE(n.path, '/')) ORDER BY r.role, r.node_id)
  FROM user_role r LEFT JOIN jurisdiction_node n ON n.id = r.node_id WHERE r.user_id = u.id), '[]'::json)`;

function toUser(r: UserRow): User & { rolePaths: string[] } {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    isActive: r.is_active,
    mustChangePassword: r.must_change_password,
    lockedUntil: r.locked_until && r.locked_until.getTime() > Date.now() ? r.locked_until.toISOString() : null,
    lastLoginAt: r.last_login_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    roles: r.roles.map(({ role, nodeId, nodeName, nodeLevel }) => ({ role, nodeId, nodeName, nodeLevel })),
    rolePaths: r.roles.map((x) => x.path),
  };
}

/** A user is visible when at least one of their roles sits inside the scope. */
function visibleWhere(scope: Scope, params: unknown[]): string {
  if (scope.paths.includes('/')) return 'true';
  return `EXISTS (SELECT 1 FROM user_role vr JOIN jurisdiction_node vn ON vn.id = vr.node_id
                  WHERE vr.user_id = u.id AND ${pathRangePredicate(scope, 'vn.path', params)})`;
}

export async function listUsers(
  q: Queryable,
  scope: Scope,
  f: { q?: string | undefined; nodePath?: string | undefined; role?: Role | undefined; page: number; pageSize: number },
) {
  const params: unknown[] = [];
  const where = [visibleWhere(scope, params)];
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(u.username ILIKE $${params.length} OR u.display_name ILIKE $${params.length})`);
  }
  if (f.role || f.nodePath) {
    const cond = ['fr.user_id = u.id'];
    if (f.role) cond.push(`fr.role = $${params.push(f.role)}`);
    if (f.nodePath) cond.push(pathRangePredicate({ paths: [f.nodePath] }, 'fn.path', params));
    where.push(
      `EXISTS (SELECT 1 FROM user_role fr LEFT JOIN jurisdiction_node fn ON fn.id = fr.node_id WHERE ${cond.join(' AND ')})`,
    );
  }
  params.push(f.pageSize, (f.page - 1) * f.pageSize);
  const { rows } = await q.query<UserRow>(
    `SELECT u.id, u.username, u.display_name, u.is_active, u.must_change_password, u.locked_until, u.last_login_at, u.created_at,
            ${rolesSql} AS roles, count(*) OVER ()::int AS total
     FROM app_user u WHERE ${where.join(' AND ')}
     ORDER BY u.username LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items: rows.map(toUser), total: rows[0]?.total ?? 0 };
}

export async function findUser(q: Queryable, scope: Scope, id: number, forUpdate = false) {
  const params: unknown[] = [id];
  const { rows } = await q.query<UserRow>(
    `SELECT u.id, u.username, u.display_name, u.is_active, u.must_change_password, u.locked_until, u.last_login_at, u.created_at,
            ${rolesSql} AS roles
     FROM app_user u WHERE u.id = $1 AND ${visibleWhere(scope, params)} ${forUpdate ? 'FOR UPDATE OF u' : ''}`,
    params,
  );
  return rows[0] ? toUser(rows[0]) : undefined;
}

export async function nodePaths(q: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.query<{ id: number; path: string }>(
    `SELECT id, path FROM jurisdiction_node WHERE id = ANY($1) AND retired_at IS NULL`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.path]));
}

export async function insertUser(
  q: Queryable,
  u: { username: string; displayName: string; passwordHash: string; mustChange: boolean },
) {
  const { rows } = await q.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, password_hash, must_change_password) VALUES ($1, $2, $3, $4) RETURNING id`,
    [u.username, u.displayName, u.passwordHash, u.mustChange],
  );
  return rows[0]!.id;
}

export async function replaceRoles(
  q: Queryable,
  userId: number,
  grants: { role: Role; nodeId: number | null }[],
  grantedBy: number | null,
) {
  await q.query(`DELETE FROM user_role WHERE user_id = $1`, [userId]);
  await q.query(
    `INSERT INTO user_role (user_id, role, node_id, granted_by)
     SELECT $1, g.role, g.node_id, $4 FROM unnest($2::text[], $3::bigint[]) AS g(role, node_id)`,
    [userId, grants.map((g) => g.role), grants.map((g) => g.nodeId), grantedBy],
  );
}

export async function updateProfile(
  q: Queryable,
  id: number,
  p: { displayName?: string | undefined; isActive?: boolean | undefined },
) {
  await q.query(
    `UPDATE app_user SET display_name = COALESCE($2, display_name), is_active = COALESCE($3, is_active), updated_at = now() WHERE id = $1`,
    [id, p.displayName ?? null, p.isActive ?? null],
  );
  if (p.isActive === false)
    await q.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
}

export async function setInitialPassword(q: Queryable, id: number, passwordHash: string) {
  await q.query(
    `UPDATE app_user SET password_hash = $2, must_change_password = true, failed_login_count = 0, locked_until = NULL, updated_at = now()
     WHERE id = $1`,
    [id, passwordHash],
  );
  await q.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
}

export async function countUsers(q: Queryable) {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user`);
  return rows[0]?.n ?? 0;
}

export async function findIdByUsername(q: Queryable, username: string) {
  const { rows } = await q.query<{ id: number }>(`SELECT id FROM app_user WHERE username = $1`, [username]);
  return rows[0]?.id;
}
