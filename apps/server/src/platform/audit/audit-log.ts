/**
 * The audit log: every mutation appends an entry in its own transaction; failed sign-ins and
 * permission denials too. Entries form a hash chain, linked just after commit by audit-chain.ts
 * (docs/adr/0004-audit-hash-chain.md).
 */
import type { Db, Queryable } from '../db/db.ts';
import type { Sql } from '../db/statement.ts';
import { chainHash, GENESIS_HASH, linkAllDrawn } from './audit-chain.ts';

export { GENESIS_HASH, linkAuditChain } from './audit-chain.ts';

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

/** Append one entry. Call inside the transaction that makes the change it records. No lock and no hash
 * here: the linker (audit-chain.ts) links committed entries into the chain a moment later. */
export async function appendAudit(q: Queryable, entry: AuditInput): Promise<void> {
  const s = auditInsert(entry);
  await q.query(s.text, s.values);
}

/** The INSERT of one entry, to send as part of a larger statement (`asOneStatement`). */
export function auditInsert(entry: AuditInput): Sql {
  // The id is drawn by the BEFORE INSERT trigger audit_log_draw_id (after forcing this transaction's
  // xid, which the linker's fence relies on); `at` is the clock time of the insert, as before.
  return {
    text: `INSERT INTO audit_log (at, actor_id, actor_name, ip, action, entity_type, entity_id, node_id, summary, outcome)
     VALUES (clock_timestamp(), $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    values: [
      entry.actorId ?? null,
      entry.actorName ?? null,
      entry.ip ?? null,
      entry.action,
      entry.entityType ?? null,
      entry.entityId == null ? null : String(entry.entityId),
      entry.nodeId ?? null,
      JSON.stringify(entry.summary ?? {}),
      entry.outcome ?? 'success',
    ],
  };
}

export interface AuditVerifyResult {
  /** Entries whose link was checked (legacy and linked ones). */
  checked: number;
  headHash: string;
  /** Entries at the end not yet linked (appended in the last moments, or beyond the linking timeout): not a problem. */
  pending: number;
  problems: { id: number; problem: string }[];
}

const BROKEN_LINK =
  '与前一条记录的链接不符：其前的记录被删除、修改或调换了顺序 (link broken: an earlier entry was deleted, altered or re-ordered)';
const HASH_MISMATCH = '内容与哈希不符：该记录被修改 (hash mismatch: this entry was altered)';
const SLIPPED_IN =
  '该记录未链入哈希链，而其后的记录已链入：它是事后插入的 (not linked although later entries are: inserted afterwards)';
const LINKED_TWICE = '该记录既有旧式哈希又有链接记录 (entry has both a legacy hash and a chain link)';
const ORPHAN_LINK =
  '链接记录所指的日志条目已不存在：该条目被删除 (chain link without its entry: the entry was deleted)';

/**
 * First link what is linkable (waiting, up to `linkTimeoutMs`, until every entry appended before the
 * call is committed or rolled back and linked), then recompute the chain in id order: legacy entries
 * by their own prev_hash/hash, newer ones through audit_chain. Reports every edited, deleted,
 * re-ordered or slipped-in entry; the unlinked tail is reported as `pending`, not as a problem.
 */
export async function verifyAuditChain(
  db: Db,
  opts: number | { batch?: number; linkTimeoutMs?: number } = {},
): Promise<AuditVerifyResult> {
  const o = typeof opts === 'number' ? { batch: opts } : opts;
  const batch = o.batch ?? 5000;
  await linkAllDrawn(db, { timeoutMs: o.linkTimeoutMs ?? 10_000 });
  let expectedPrev = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  let unlinked: number[] = [];
  const problems: AuditVerifyResult['problems'] = [];
  for (;;) {
    const { rows } = await db.query<{
      id: number;
      legacy_prev: string | null;
      legacy_hash: string | null;
      chain_prev: string | null;
      chain_hash: string | null;
      canon: string;
    }>(
      `SELECT a.id, a.prev_hash AS legacy_prev, a.hash AS legacy_hash, c.prev_hash AS chain_prev, c.hash AS chain_hash,
              audit_log_canonical(a) AS canon
       FROM audit_log a LEFT JOIN audit_chain c ON c.audit_id = a.id
       WHERE a.id > $1 ORDER BY a.id LIMIT $2`,
      [lastId, batch],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      lastId = r.id;
      if (r.legacy_hash !== null && r.chain_hash !== null) problems.push({ id: r.id, problem: LINKED_TWICE });
      const prev = r.legacy_hash !== null ? r.legacy_prev : r.chain_prev;
      const hash = r.legacy_hash ?? r.chain_hash;
      if (prev === null || hash === null) {
        unlinked.push(r.id);
        continue;
      }
      // Unlinked entries followed by a linked one cannot come from the linker (it links in id order
      // behind a fence): they were inserted afterwards.
      for (const id of unlinked) problems.push({ id, problem: SLIPPED_IN });
      unlinked = [];
      if (prev !== expectedPrev) problems.push({ id: r.id, problem: BROKEN_LINK });
      if (chainHash(prev, r.canon) !== hash) problems.push({ id: r.id, problem: HASH_MISMATCH });
      expectedPrev = hash;
      checked++;
    }
  }
  const { rows: orphans } = await db.query<{ id: number }>(
    `SELECT c.audit_id AS id FROM audit_chain c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = c.audit_id)`,
  );
  for (const o of orphans) problems.push({ id: o.id, problem: ORPHAN_LINK });
  problems.sort((a, b) => a.id - b.id);
  return { checked, headHash: expectedPrev, pending: unlinked.length, problems };
}
