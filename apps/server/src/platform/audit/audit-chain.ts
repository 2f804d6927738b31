/**
 * The audit chain's linker (docs/adr/0004-audit-hash-chain.md, "2026-11-22: linked after commit").
 * `appendAudit` inserts entries without a hash and without a lock; this links them afterwards, in id
 * order, into `audit_chain`: hash = sha256(prev_hash || '|' || audit_log_canonical(entry)).
 *
 * Ids are drawn at insert, but transactions commit in any order: entry 10 may still be in flight
 * while 11 is committed. Linking 11 then would skip 10 forever. The fence prevents that:
 *
 *  1. Every entry's transaction has its xid *before* the entry's id is drawn (the BEFORE INSERT
 *     trigger `audit_log_draw_id` forces the xid, then calls nextval; migration 0027).
 *  2. A fence is taken in a fresh transaction: first `max_id` = the sequence's last value (sequences
 *     are not transactional: every id handed out so far, committed, in flight or rolled back, is
 *     ≤ max_id), then, in a later statement, `xid` = the fence transaction's own new xid. Xids are
 *     handed out in increasing order, so for any entry with id ≤ max_id:
 *     xid(entry's tx) < nextval(id) < read of max_id < xid(fence), i.e. xid(entry's tx) < fence.xid.
 *     (Why not `pg_snapshot_xmax`: it is latestCompletedXid + 1, and a running transaction may
 *     already hold a larger xid — it would not be covered.)
 *  3. The fence is safe when `pg_snapshot_xmin(pg_current_snapshot()) >= fence.xid`: no transaction
 *     with an xid below the fence is still running, so every entry with id ≤ max_id is either
 *     committed (and visible to the next statement) or rolled back (and will never appear).
 *  4. Only then are the unlinked entries with id ≤ max_id linked, in id order, after the head of the
 *     chain. Entries above max_id wait for the next fence, which is taken only after this one was
 *     consumed (a fence that is replaced before it becomes safe would starve under load).
 *
 * So no entry can be committed later with an id at or below the linked head: there is no window
 * in which an in-flight entry with a smaller id could be skipped.
 *
 * One linker at a time (a session advisory lock, any process); the fence lives in
 * `audit_chain_fence`, so any process can continue where another stopped.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../db/db.ts';

export const GENESIS_HASH = 'GENESIS';
/** One linker at a time, whichever process. */
export const AUDIT_LINK_LOCK = 7_204_111_306;

export const chainHash = (prevHash: string, canonical: string) =>
  createHash('sha256').update(`${prevHash}|${canonical}`, 'utf8').digest('hex');

export interface LinkResult {
  /** False when another linker held the lock (nothing was done here). */
  ran: boolean;
  /** Entries linked by this call. */
  linked: number;
  /** Every committed entry with an id ≤ this is linked. */
  linkedThrough: number;
}

/** The highest id handed out so far (0 before the first). Not transactional: sees in-flight draws. */
async function sequenceHead(c: pg.PoolClient): Promise<number> {
  const { rows } = await c.query<{ last_value: number; is_called: boolean }>(
    `SELECT last_value, is_called FROM audit_log_id_seq`,
  );
  const r = rows[0]!;
  return r.is_called ? r.last_value : r.last_value - 1;
}

/** The hash to link the next entry to, and that entry's lower bound (exclusive). */
async function chainHead(c: pg.PoolClient): Promise<{ id: number; hash: string }> {
  const linked = await c.query<{ id: number; hash: string }>(
    `SELECT audit_id AS id, hash FROM audit_chain ORDER BY audit_id DESC LIMIT 1`,
  );
  if (linked.rows[0]) return linked.rows[0];
  // No new-style link yet: continue from the last entry hashed on insert (before migration 0027).
  const legacy = await c.query<{ id: number; hash: string }>(
    `SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
  return legacy.rows[0] ?? { id: 0, hash: GENESIS_HASH };
}

/** Link every unlinked entry with head.id < id ≤ maxId, in id order. Inside the caller's transaction. */
async function linkUpTo(c: pg.PoolClient, maxId: number, batch: number): Promise<number> {
  let head = await chainHead(c);
  let linked = 0;
  for (;;) {
    const { rows } = await c.query<{ id: number; canon: string }>(
      `SELECT a.id, audit_log_canonical(a) AS canon FROM audit_log a
        WHERE a.id > $1 AND a.id <= $2 AND a.hash IS NULL ORDER BY a.id LIMIT $3`,
      [head.id, maxId, batch],
    );
    if (rows.length === 0) return linked;
    const ids: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const r of rows) {
      const hash = chainHash(head.hash, r.canon);
      ids.push(r.id);
      prevs.push(head.hash);
      hashes.push(hash);
      head = { id: r.id, hash };
    }
    await c.query(
      `INSERT INTO audit_chain (audit_id, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])`,
      [ids, prevs, hashes],
    );
    linked += rows.length;
  }
}

async function inTx<T>(c: pg.PoolClient, fn: () => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  try {
    const r = await fn();
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * One tick: (a) if the stored fence is safe, link everything up to it; (b) when no fence is
 * outstanding, take a new one. Answers at once with ran=false when another linker holds the lock.
 */
export async function linkAuditChain(db: Db, opts: { batch?: number } = {}): Promise<LinkResult> {
  const batch = opts.batch ?? 5000;
  const c = await db.pool.connect();
  try {
    const { rows: got } = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [AUDIT_LINK_LOCK]);
    if (!got[0]?.ok) {
      const { rows } = await c.query<{ linked_through: number }>(`SELECT linked_through FROM audit_chain_fence`);
      return { ran: false, linked: 0, linkedThrough: rows[0]?.linked_through ?? 0 };
    }
    try {
      // (a) Consume the fence if every transaction that was running when it was taken has ended.
      const a = await inTx(c, async () => {
        const { rows } = await c.query<{ max_id: number; outstanding: boolean; safe: boolean; linked_through: number }>(
          `SELECT max_id, xid IS NOT NULL AS outstanding, linked_through,
                  COALESCE(pg_snapshot_xmin(pg_current_snapshot()) >= xid, false) AS safe
             FROM audit_chain_fence`,
        );
        const f = rows[0]!;
        if (!f.safe) return { linked: 0, outstanding: f.outstanding, linkedThrough: f.linked_through };
        const linked = await linkUpTo(c, f.max_id, batch);
        await c.query(`UPDATE audit_chain_fence SET xid = NULL, linked_through = max_id`);
        return { linked, outstanding: false, linkedThrough: f.max_id };
      });
      // (b) A new fence, in a fresh transaction: read the sequence first (this transaction has no
      // xid yet), then take the xid in a later statement — the order the argument above needs.
      if (!a.outstanding) {
        await inTx(c, async () => {
          const maxId = await sequenceHead(c);
          await c.query(`UPDATE audit_chain_fence SET max_id = $1, xid = pg_current_xact_id(), taken_at = now()`, [
            maxId,
          ]);
        });
      }
      return { ran: true, linked: a.linked, linkedThrough: a.linkedThrough };
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [AUDIT_LINK_LOCK]);
    }
  } finally {
    c.release();
  }
}

/**
 * Link until every entry whose id was drawn before this call is linked (or known to be rolled
 * back), or until the timeout. Answers the sequence head it waited for and whether it got there.
 */
export async function linkAllDrawn(
  db: Db,
  opts: { timeoutMs?: number; pollMs?: number } = {},
): Promise<{ target: number; linkedThrough: number; done: boolean }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  const c = await db.pool.connect();
  let target: number;
  try {
    target = await sequenceHead(c);
  } finally {
    c.release();
  }
  for (;;) {
    const r = await linkAuditChain(db);
    if (r.linkedThrough >= target) return { target, linkedThrough: r.linkedThrough, done: true };
    if (Date.now() >= deadline) return { target, linkedThrough: r.linkedThrough, done: false };
    await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 25));
  }
}
