/**
 * The audit log: every mutation appends an entry in its own transaction; failed sign-ins and
 * permission denials too. Entries form a hash chain (docs/adr/0004-audit-hash-chain.md).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db.ts';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditInput {
  actorId?: number | null;
  actorName?: string | null;
  ip?: string | null;
  /** Dotted verb, module first: `jurisdiction.node.move`, `auth.login`. */
  action: string;
  entityType?: string | null;
  entityId?: string | number | null;
  /** The node the entity belongs to, so the log can be read by jurisdiction. */
  nodeId?: number | null;
  summary?: Record<string, unknown>;
  outcome?: AuditOutcome;
}

export const GENESIS_HASH = 'GENESIS';
// Serialises appends so that each entry links to the one before; held until the transaction ends,
// so callers append their audit entry last, just before commit.
const CHAIN_LOCK = 7_204_111_306;

/** Append one entry. Call inside the transaction that makes the change it records. */
export async function appendAudit(q: Queryable, entry: AuditInput): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  // A new statement, so a new snapshot: it sees the entry committed by whoever held the lock before.
  await q.query(
    `WITH prev AS (
       SELECT COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), $10) AS h
     ), draft AS (
       SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id, clock_timestamp() AS at,
              $1::bigint AS actor_id, $2::text AS actor_name, $3::text AS ip, $4::text AS action,
              $5::text AS entity_type, $6::text AS entity_id, $7::bigint AS node_id, $8::jsonb AS summary,
              $9::text AS outcome, prev.h AS prev_hash, ''::text AS hash
       FROM prev
     )
     INSERT INTO audit_log (id, at, actor_id, actor_name, ip, action, entity_type, entity_id, node_id, summary, outcome, prev_hash, hash)
     SELECT d.id, d.at, d.actor_id, d.actor_name, d.ip, d.action, d.entity_type, d.entity_id, d.node_id, d.summary, d.outcome,
            d.prev_hash,
            encode(sha256(convert_to(d.prev_hash || '|' || audit_log_canonical(ROW(d.*)::audit_log), 'UTF8')), 'hex')
     FROM draft d`,
    [
      entry.actorId ?? null,
      entry.actorName ?? null,
      entry.ip ?? null,
      entry.action,
      entry.entityType ?? null,
      entry.entityId == null ? null : String(entry.entityId),
      entry.nodeId ?? null,
      JSON.stringify(entry.summary ?? {}),
      entry.outcome ?? 'success',
      GENESIS_HASH,
    ],
  );
}

export interface AuditVerifyResult {
  checked: number;
  headHash: string;
  problems: { id: number; problem: string }[];
}

/** Recompute the chain; report every entry whose hash or link does not match (edited or deleted entries). */
export async function verifyAuditChain(q: Queryable, batch = 5000): Promise<AuditVerifyResult> {
  let expectedPrev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  const problems: AuditVerifyResult['problems'] = [];
  for (;;) {
    const { rows } = await q.query<{ id: number; prev_hash: string; hash: string; canon: string }>(
      `SELECT a.id, a.prev_hash, a.hash, audit_log_canonical(a) AS canon
       FROM audit_log a WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
      [lastId, batch],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prev_hash !== expectedPrev) {
        problems.push({
          id: r.id,
          problem:
            '与前一条记录的链接不符：其前的记录被删除或修改 (link broken: an earlier entry was deleted or altered)',
        });
      }
      const recomputed = createHash('sha256').update(`${r.prev_hash}|${r.canon}`, 'utf8').digest('hex');
      if (recomputed !== r.hash) {
        problems.push({ id: r.id, problem: '内容与哈希不符：该记录被修改 (hash mismatch: this entry was altered)' });
      }
      expectedPrev = r.hash;
      lastId = r.id;
      checked++;
    }
  }
  return { checked, headHash: expectedPrev, problems };
}
