/**
 * The transactional outbox: a message is written in the same transaction as the change that causes it
 * and delivered later by the dispatcher, so a message is never sent for a change that rolled back and
 * never lost when the provider is down.
 */
import type { Queryable } from '../db/db.ts';
import type { Sql } from '../db/statement.ts';

export interface OutboxMessage {
  /** What happened, e.g. `request.accepted`; providers choose the wording from it. */
  topic: string;
  recipientUserId?: number | null;
  /** The recipient's phone, already encrypted with the field crypto, and its masked form for logs. */
  recipientPhoneEnc?: string | null;
  recipientPhoneMasked?: string | null;
  payload: Record<string, unknown>;
}

export async function enqueueMessage(q: Queryable, m: OutboxMessage): Promise<number> {
  const s = outboxInsert(m);
  const { rows } = await q.query<{ id: number }>(s.text, s.values);
  return rows[0]!.id;
}

/** The INSERT of one message (returning its id), to send as part of a larger statement (`asOneStatement`). */
export function outboxInsert(m: OutboxMessage): Sql {
  return {
    text: `INSERT INTO outbox_message (topic, recipient_user_id, recipient_phone_enc, recipient_phone_masked, payload)
     VALUES ($1, $2, $3, $4, $5) RETURNING id::int`,
    values: [
      m.topic,
      m.recipientUserId ?? null,
      m.recipientPhoneEnc ?? null,
      m.recipientPhoneMasked ?? null,
      JSON.stringify(m.payload),
    ],
  };
}
