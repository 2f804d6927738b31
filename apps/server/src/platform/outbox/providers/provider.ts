/** What a delivery provider is given and what it answers. */

/** One message, rendered and ready to send; the phone is decrypted only for this call. */
export interface Delivery {
  /** Stable across retries: the receiver dedupes on it (`linli-outbox-<id>`). */
  messageId: string;
  topic: string;
  text: string;
  /** The recipient's phone in clear, or null when the message goes to a user or a node in the console. */
  phone: string | null;
  phoneMasked: string | null;
  recipientUserId: number | null;
  payload: Record<string, unknown>;
  /** 1 for the first try. */
  attempt: number;
  createdAt: Date;
}

/** Delivered; or not, and whether trying again later could help (a 5xx or a timeout) or not (a 4xx). */
export type DeliveryResult = { ok: true } | { ok: false; retryable: boolean; error: string };

export interface DeliveryProvider {
  readonly name: string;
  send(d: Delivery): Promise<DeliveryResult>;
}
