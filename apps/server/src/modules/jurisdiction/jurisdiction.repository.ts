/** SQL of the jurisdiction tree; every read is filtered by the caller's scope. */
import type { JurisdictionNode, NodeLevel } from '@linli/contracts';
import { pathRangePredicate, type Scope } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';

interface NodeRow {
  id: number;
  parent_id: number | null;
  level: NodeLevel;
  code: string | null;
  name: string;
  path: string;
  depth: number;
  retired_at: Date | null;
  created_at: Date;
  updated_at: Date;
  child_count: number;
}

const columns = `n.id, n.parent_id, n.level, n.code, n.name, n.path, n.depth, n.retired_at, n.created_at, n.updated_at,
  (SELECT count(*)::int FROM jurisdiction_node c WHERE c.parent_id = n.id AND c.retired_at IS NULL) AS child_count`;

export function toNode(r: NodeRow): JurisdictionNode {
  return {
    id: r.id,
    parentId: r.parent_id,
    level: r.level,
    code: r.code,
    name: r.name,
    path: r.path,
    depth: r.depth,
    isRetired: r.retired_at !== null,
    childCount: r.child_count,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

const levelOrder = `array_position(ARRAY['district','street','community','grid','building','unit','household'], n.level)`;

export async function listChildren(q: Queryable, scope: Scope, parentId: number, includeRetired: boolean) {
  const params: unknown[] = [parentId];
  const { rows } = await q.query<NodeRow>(
    `SELECT ${columns} FROM jurisdiction_node n
     WHERE n.parent_id = $1 AND ${pathRangePredicate(scope, 'n.path', params)}
       ${includeRetired ? '' : 'AND n.retired_at IS NULL'}
     ORDER BY n.retired_at NULLS FIRST, n.code NULLS LAST, n.name LIMIT 2000`,
    params,
  );
  return rows.map(toNode);
}

/** The tops of the caller's scope: their own nodes (or the roots, for a whole-installation scope). */
export async function listScopeRoots(q: Queryable, scope: Scope, includeRetired: boolean) {
  const params: unknown[] = [];
  const where = scope.paths.includes('/')
    ? 'n.parent_id IS NULL'
    : scope.paths.length === 0
      ? 'false'
      : `n.path = ANY($${params.push(scope.paths)})`;
  const { rows } = await q.query<NodeRow>(
    `SELECT ${columns} FROM jurisdiction_node n WHERE ${where} ${includeRetired ? '' : 'AND n.retired_at IS NULL'}
     ORDER BY ${levelOrder}, n.code NULLS LAST, n.name`,
    params,
  );
  return rows.map(toNode);
}

export async function searchNodes(q: Queryable, scope: Scope, text: string, includeRetired: boolean) {
  const params: unknown[] = [`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, text];
  const { rows } = await q.query<NodeRow>(
    `SELECT ${columns} FROM jurisdiction_node n
     WHERE (n.name ILIKE $1 OR n.code = $2) AND ${pathRangePredicate(scope, 'n.path', params)}
       ${includeRetired ? '' : 'AND n.retired_at IS NULL'}
     ORDER BY ${levelOrder}, n.name LIMIT 50`,
    params,
  );
  return rows.map(toNode);
}

/** One node if it lies in the scope; `forUpdate` locks the row for the rest of the transaction. */
export async function findNode(q: Queryable, scope: Scope, id: number, forUpdate = false) {
  const params: unknown[] = [id];
  const { rows } = await q.query<NodeRow>(
    `SELECT ${columns} FROM jurisdiction_node n WHERE n.id = $1 AND ${pathRangePredicate(scope, 'n.path', params)}
     ${forUpdate ? 'FOR UPDATE OF n' : ''}`,
    params,
  );
  return rows[0] ? toNode(rows[0]) : undefined;
}

export async function ancestorsOf(q: Queryable, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number).slice(0, -1);
  if (ids.length === 0) return [];
  const { rows } = await q.query<{ id: number; name: string; level: NodeLevel }>(
    `SELECT id, name, level FROM jurisdiction_node WHERE id = ANY($1) ORDER BY depth`,
    [ids],
  );
  return rows;
}

export async function descendantCounts(q: Queryable, path: string) {
  const params: unknown[] = [path];
  const { rows } = await q.query<{ level: string; n: number }>(
    `SELECT level, count(*)::int AS n FROM jurisdiction_node n
     WHERE ${pathRangePredicate({ paths: [path] }, 'n.path', params)} AND n.path <> $1 AND n.retired_at IS NULL
     GROUP BY level`,
    params,
  );
  return Object.fromEntries(rows.map((r) => [r.level, r.n]));
}

export async function userCount(q: Queryable, path: string) {
  const params: unknown[] = [];
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(DISTINCT r.user_id)::int AS n FROM user_role r JOIN jurisdiction_node n ON n.id = r.node_id
     WHERE ${pathRangePredicate({ paths: [path] }, 'n.path', params)}`,
    params,
  );
  return rows[0]?.n ?? 0;
}

export async function movesOf(q: Queryable, nodeId: number) {
  const { rows } = await q.query<{
    id: number;
    from_parent_id: number | null;
    to_parent_id: number | null;
    from_path: string;
    to_path: string;
    moved_at: Date;
    moved_by: string | null;
  }>(
    `SELECT m.id, m.from_parent_id, m.to_parent_id, m.from_path, m.to_path, m.moved_at, u.username AS moved_by
     FROM jurisdiction_move m LEFT JOIN app_user u ON u.id = m.moved_by
     WHERE m.node_id = $1 ORDER BY m.moved_at DESC LIMIT 100`,
    [nodeId],
  );
  return rows.map((m) => ({
    id: m.id,
    fromParentId: m.from_parent_id,
    toParentId: m.to_parent_id,
    fromPath: m.from_path,
    toPath: m.to_path,
    movedAt: m.moved_at.toISOString(),
    movedBy: m.moved_by,
  }));
}

export async function nextNodeId(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('jurisdiction_node', 'id')) AS id`,
  );
  return rows[0]!.id;
}

export async function insertNode(
  q: Queryable,
  n: {
    id: number;
    parentId: number | null;
    level: NodeLevel;
    code: string | null;
    name: string;
    path: string;
    depth: number;
  },
) {
  await q.query(
    `INSERT INTO jurisdiction_node (id, parent_id, level, code, name, path, depth) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [n.id, n.parentId, n.level, n.code, n.name, n.path, n.depth],
  );
}

export async function updateNameCode(q: Queryable, id: number, name: string, code: string | null) {
  await q.query(`UPDATE jurisdiction_node SET name = $2, code = $3, updated_at = now() WHERE id = $1`, [
    id,
    name,
    code,
  ]);
}

/** Re-root a whole subtree in one statement: every descendant's path and depth follow. */
export async function moveSubtree(q: Queryable, fromPath: string, toPath: string, depthDelta: number): Promise<number> {
  const params: unknown[] = [fromPath, toPath, depthDelta];
  const r = await q.query(
    `UPDATE jurisdiction_node n SET path = $2 || substr(n.path, length($1) + 1), depth = n.depth + $3, updated_at = now()
     WHERE ${pathRangePredicate({ paths: [fromPath] }, 'n.path', params)}`,
    params,
  );
  return r.rowCount ?? 0;
}

export async function setParent(q: Queryable, id: number, parentId: number) {
  await q.query(`UPDATE jurisdiction_node SET parent_id = $2 WHERE id = $1`, [id, parentId]);
}

export async function insertMove(
  q: Queryable,
  m: {
    nodeId: number;
    fromParentId: number | null;
    toParentId: number;
    fromPath: string;
    toPath: string;
    reason: string | null;
    movedBy: number | null;
  },
) {
  await q.query(
    `INSERT INTO jurisdiction_move (node_id, from_parent_id, to_parent_id, from_path, to_path, reason, moved_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [m.nodeId, m.fromParentId, m.toParentId, m.fromPath, m.toPath, m.reason, m.movedBy],
  );
}

export async function retire(q: Queryable, id: number, reason: string) {
  await q.query(
    `UPDATE jurisdiction_node SET retired_at = now(), retired_reason = $2, updated_at = now() WHERE id = $1`,
    [id, reason],
  );
}

export async function parentCode(q: Queryable, parentId: number | null): Promise<string | null> {
  if (parentId === null) return null;
  const { rows } = await q.query<{ code: string | null }>(`SELECT code FROM jurisdiction_node WHERE id = $1`, [
    parentId,
  ]);
  return rows[0]?.code ?? null;
}
