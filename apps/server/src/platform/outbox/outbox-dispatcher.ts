/**
 * The outbox dispatcher: claims due messages in batches with `FOR UPDATE SKIP LOCKED` (so that any
 * number of dispatchers, in one process or several, never take the same message), renders the text,
 * decrypts the phone only now, sends through the provider and records the outcome in the same
 * transaction. A provider that is down only delays delivery: the message is tried again with
 * exponential backoff and marked 'failed' after the last attempt (or at once when the receiver
 * refuses it for good), for an operator to look at and retry (`npx linli outbox`).
 *
 * Delivery is at least once: a crash between the provider's answer and the commit sends the message
 * again on the next run, with the same message id for the receiver to dedupe on (docs/adr/0013).
 */
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Db, Queryable } from '../db/db.ts';
import { renderMessage } from './message-text.ts';
import type { Delivery, DeliveryProvider, DeliveryResult } from './providers/provider.ts';

/** Waits after the 1st, 2nd … failed attempt; the last entry repeats. */
export const defaultBackoffMs: readonly number[] = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  3 * 3_600_000,
  6 * 3_600_000,
  12 * 3_600_000,
];

export interface DispatcherOptions {
  db: Db;
  crypto: FieldCrypto;
  provider: DeliveryProvider;
  now?: () => Date;
  batchSize?: number;
  /** Attempts before a message is marked 'failed' (default 8: about a day of trying). */
  maxAttempts?: number;
  backoffMs?: readonly number[];
}

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
}

interface ClaimedRow {
  id: number;
  topic: string;
  recipient_user_id: number | null;
  recipient_phone_enc: string | null;
  recipient_phone_masked: string | null;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
}

// A one-time code is worth nothing once delivered (or given up on); it is not kept in the table.
const scrubbed = `CASE WHEN topic = 'otp' THEN payload - 'code' ELSE payload END`;

/** The message id a receiver dedupes on. */
export const messageIdOf = (id: number) => `linli-outbox-${id}`;

export function backoffAfter(attempt: number, schedule: readonly number[] = defaultBackoffMs): number {
  return schedule[Math.min(attempt, schedule.length) - 1] ?? schedule[schedule.length - 1] ?? 60_000;
}

export function createOutboxDispatcher(o: DispatcherOptions) {
  const now = o.now ?? (() => new Date());
  const batchSize = o.batchSize ?? 20;
  const maxAttempts = o.maxAttempts ?? 8;
  const schedule = o.backoffMs ?? defaultBackoffMs;

  async function deliver(m: ClaimedRow): Promise<DeliveryResult> {
    let phone: string | null = null;
    if (m.recipient_phone_enc !== null) {
      try {
        phone = o.crypto.decrypt(m.recipient_phone_enc);
      } catch {
        return { ok: false, retryable: false, error: 'cannot decrypt the phone number (key missing?)' };
      }
    }
    const d: Delivery = {
      messageId: messageIdOf(m.id),
      topic: m.topic,
      text: renderMessage(m.topic, m.payload),
      phone,
      phoneMasked: m.recipient_phone_masked,
      recipientUserId: m.recipient_user_id,
      payload: m.payload,
      attempt: m.attempts + 1,
      createdAt: m.created_at,
    };
    try {
      return await o.provider.send(d);
    } catch (e) {
      return { ok: false, retryable: true, error: e instanceof Error ? e.message : String(e) };
    }
  }

  async function record(q: Queryable, m: ClaimedRow, r: DeliveryResult, at: Date): Promise<keyof DispatchResult> {
    const attempts = m.attempts + 1;
    if (r.ok) {
      await q.query(
        `UPDATE outbox_message SET status = 'sent', attempts = $2, sent_at = $3, last_error = NULL, payload = ${scrubbed} WHERE id = $1`,
        [m.id, attempts, at],
      );
      return 'sent';
    }
    const error = r.error.slice(0, 500);
    if (!r.retryable || attempts >= maxAttempts) {
      await q.query(
        `UPDATE outbox_message SET status = 'failed', attempts = $2, last_error = $3, payload = ${scrubbed} WHERE id = $1`,
        [m.id, attempts, error],
      );
      return 'failed';
    }
    await q.query(`UPDATE outbox_message SET attempts = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1`, [
      m.id,
      attempts,
      error,
      new Date(at.getTime() + backoffAfter(attempts, schedule)),
    ]);
    return 'retrying';
  }

  /** One batch: claim, send, record; answers what happened to each claimed message. */
  async function runBatch(): Promise<DispatchResult & { claimed: number }> {
    const at = now();
    return o.db.tx(async (q) => {
      const { rows } = await q.query<ClaimedRow>(
        `SELECT id::int, topic, recipient_user_id::int, recipient_phone_enc, recipient_phone_masked, payload, attempts, created_at
           FROM outbox_message
          WHERE status = 'pending' AND next_attempt_at <= $1
          ORDER BY next_attempt_at, id
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [at, batchSize],
      );
      const out = { sent: 0, retrying: 0, failed: 0, claimed: rows.length };
      // Sent side by side (a batch is small); the locks are held until the outcomes are recorded.
      const results = await Promise.all(rows.map((m) => deliver(m)));
      for (const [i, m] of rows.entries()) out[await record(q, m, results[i]!, now())]++;
      return out;
    });
  }

  return {
    runBatch,
    /** Batches until nothing is due (at most `maxBatches`), for the periodic job. */
    async drain(maxBatches = 50): Promise<DispatchResult> {
      const total = { sent: 0, retrying: 0, failed: 0 };
      for (let i = 0; i < maxBatches; i++) {
        const r = await runBatch();
        total.sent += r.sent;
        total.retrying += r.retrying;
        total.failed += r.failed;
        if (r.claimed < batchSize) break;
      }
      return total;
    },
  };
}

export type OutboxDispatcher = ReturnType<typeof createOutboxDispatcher>;

/** Messages by status, and the oldest pending one's age, for `npx linli outbox`. */
export async function outboxCounts(q: Queryable) {
  const { rows } = await q.query<{ status: string; n: number; oldest: Date | null; due: number }>(
    `SELECT status, count(*)::int AS n, min(created_at) AS oldest,
            count(*) FILTER (WHERE next_attempt_at <= now())::int AS due
       FROM outbox_message GROUP BY status`,
  );
  const by = (s: string) => rows.find((r) => r.status === s);
  return {
    pending: by('pending')?.n ?? 0,
    pendingDue: by('pending')?.due ?? 0,
    oldestPending: by('pending')?.oldest ?? null,
    sent: by('sent')?.n ?? 0,
    failed: by('failed')?.n ?? 0,
  };
}

/** The latest failed messages with their errors (no phone numbers beyond the masked form). */
export async function failedMessages(q: Queryable, limit = 20) {
  const { rows } = await q.query<{
    id: number;
    topic: string;
    recipient_phone_masked: string | null;
    attempts: number;
    last_error: string | null;
    created_at: Date;
  }>(
    `SELECT id::int, topic, recipient_phone_masked, attempts, last_error, created_at
       FROM outbox_message WHERE status = 'failed' ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

/** Put failed messages (all, or the given ids) back in the queue for one more round of attempts. */
export async function retryFailed(q: Queryable, ids?: readonly number[]): Promise<number> {
  const r = await q.query(
    `UPDATE outbox_message SET status = 'pending', attempts = 0, next_attempt_at = now()
      WHERE status = 'failed' AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))`,
    [ids ?? null],
  );
  return r.rowCount ?? 0;
}
