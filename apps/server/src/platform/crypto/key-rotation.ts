/**
 * Key rotation (`linli keys rotate`, ADR 0006): every encrypted column (`<x>_enc`) is re-encrypted
 * under the current key and, where it has a blind index beside it (`<x>_hash`), the index is rebuilt
 * from the plain value under the current index key — in batches, each batch one transaction with its
 * audit entry. A row is done when its ciphertext carries the current key id, so a run that was
 * interrupted is simply run again: it carries on where it stopped.
 */
import { appendAudit } from '../audit/audit-log.ts';
import type { Db, Queryable } from '../db/db.ts';
import type { FieldCrypto } from './field-crypto.ts';

export interface EncryptedColumn {
  table: string;
  /** The ciphertext column, `<x>_enc`. */
  enc: string;
  /** The blind index beside it, `<x>_hash`, when there is one. */
  hash: string | null;
}

export interface RotationProgress extends EncryptedColumn {
  /** Rows re-encrypted in this run. */
  rotated: number;
  /** Rows still under an older key (0 when the column is done). */
  remaining: number;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every `<x>_enc` column of the schema, with its `<x>_hash` sibling when it exists. */
export async function encryptedColumns(q: Queryable): Promise<EncryptedColumn[]> {
  const { rows } = await q.query<{ table_name: string; column_name: string; has_hash: boolean }>(
    `SELECT c.table_name, c.column_name,
            EXISTS (SELECT 1 FROM information_schema.columns h
                    WHERE h.table_schema = c.table_schema AND h.table_name = c.table_name
                      AND h.column_name = left(c.column_name, -4) || '_hash') AS has_hash
     FROM information_schema.columns c JOIN information_schema.tables t
       ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
     WHERE c.table_schema = current_schema() AND c.column_name LIKE '%\\_enc'
     ORDER BY c.table_name, c.column_name`,
  );
  return rows.map((r) => ({
    table: r.table_name,
    enc: r.column_name,
    hash: r.has_hash ? `${r.column_name.slice(0, -4)}_hash` : null,
  }));
}

/** Rows of a column whose ciphertext is not under the current key. */
async function remaining(q: Queryable, c: EncryptedColumn, currentPrefix: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${ident(c.table)} WHERE ${ident(c.enc)} IS NOT NULL AND left(${ident(c.enc)}, $2) <> $1`,
    [currentPrefix, currentPrefix.length],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Re-encrypt every stale ciphertext with `crypto` (its current key; older keys must be among its
 * previous ones) and rebuild the blind indexes with its index key. `maxBatches` stops early (tests,
 * or an operator who wants to spread the work); `onBatch` reports progress.
 */
export async function rotateKeys(
  db: Db,
  crypto: FieldCrypto,
  opts: {
    batchSize?: number;
    maxBatches?: number;
    actorName?: string;
    onBatch?: (p: RotationProgress) => void;
  } = {},
): Promise<RotationProgress[]> {
  const batchSize = opts.batchSize ?? 2_000;
  const prefix = `v1.${crypto.currentKeyId}.`;
  const columns = await encryptedColumns(db);
  const progress: RotationProgress[] = [];
  let batches = 0;
  for (const c of columns) {
    let rotated = 0;
    const before = await remaining(db, c, prefix);
    for (;;) {
      if (opts.maxBatches !== undefined && batches >= opts.maxBatches) break;
      // ctid identifies the locked rows within this transaction (some tables have no id column).
      const done = await db.tx(async (q) => {
        const { rows } = await q.query<{ ctid: string; enc: string }>(
          `SELECT ctid::text AS ctid, ${ident(c.enc)} AS enc FROM ${ident(c.table)}
           WHERE ${ident(c.enc)} IS NOT NULL AND left(${ident(c.enc)}, $2) <> $1
           LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [prefix, prefix.length, batchSize],
        );
        if (rows.length === 0) return 0;
        const plain = rows.map((r) => crypto.decrypt(r.enc));
        const encs = plain.map((p) => crypto.encrypt(p));
        const hashes = plain.map((p) => crypto.blindIndex(p));
        await q.query(
          `UPDATE ${ident(c.table)} t SET ${ident(c.enc)} = v.enc${c.hash ? `, ${ident(c.hash)} = v.hash` : ''}
           FROM unnest($1::text[], $2::text[], $3::text[]) AS v(ctid, enc, hash)
           WHERE t.ctid = v.ctid::tid`,
          [rows.map((r) => r.ctid), encs, hashes],
        );
        await appendAudit(q, {
          actorName: opts.actorName ?? 'system',
          action: 'keys.rotate',
          entityType: c.table,
          summary: { column: c.enc, index: c.hash, rows: rows.length, keyId: crypto.currentKeyId },
        });
        return rows.length;
      });
      if (done === 0) break;
      batches++;
      rotated += done;
      opts.onBatch?.({ ...c, rotated, remaining: Math.max(0, before - rotated) });
    }
    progress.push({ ...c, rotated, remaining: await remaining(db, c, prefix) });
  }
  return progress;
}
