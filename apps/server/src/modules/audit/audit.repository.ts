/** Reading the audit log, filtered by the caller's scope. */
import type { AuditEntry } from '@linli/contracts';
import { nodeInScopePredicate, type Scope } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/db.ts';

interface Row {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  node_id: number | null;
  summary: unknown;
  outcome: AuditEntry['outcome'];
  total: number;
}

export interface AuditFilter {
  nodeId?: number | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  outcome?: AuditEntry['outcome'] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listAudit(q: Queryable, scope: Scope, f: AuditFilter) {
  const params: unknown[] = [];
  const where = [
    scope.paths.includes('/')
      ? 'true'
      : `a.node_id IS NOT NULL AND ${nodeInScopePredicate(scope, 'a.node_id', params)}`,
  ];
  if (f.nodeId !== undefined) {
    const i = params.push(f.nodeId);
    where.push(`a.node_id IN (SELECT s.id FROM jurisdiction_node s, jurisdiction_node p
      WHERE p.id = $${i} AND s.path >= p.path AND s.path < left(p.path, -1) || '0')`);
  }
  if (f.action) where.push(`a.action LIKE $${params.push(`${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  if (f.actor) where.push(`a.actor_name = $${params.push(f.actor)}`);
  if (f.entityType) where.push(`a.entity_type = $${params.push(f.entityType)}`);
  if (f.entityId) where.push(`a.entity_id = $${params.push(f.entityId)}`);
  if (f.outcome) where.push(`a.outcome = $${params.push(f.outcome)}`);
  if (f.from) where.push(`a.at >= $${params.push(f.from)}`);
  if (f.to) where.push(`a.at < $${params.push(f.to)}`);
  params.push(f.pageSize, (f.page - 1) * f.pageSize);
  const { rows } = await q.query<Row>(
    `SELECT a.id, a.at, a.actor_id, a.actor_name, a.ip, a.action, a.entity_type, a.entity_id, a.node_id, a.summary, a.outcome,
            count(*) OVER ()::int AS total
     FROM audit_log a WHERE ${where.join(' AND ')}
     ORDER BY a.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return {
    items: rows.map((r): AuditEntry => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      ip: r.ip,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      nodeId: r.node_id,
      summary: r.summary,
      outcome: r.outcome,
    })),
    total: rows[0]?.total ?? 0,
  };
}
