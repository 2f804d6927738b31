/**
 * Posts each message as JSON to a configured URL (an SMS gateway, a WeCom robot bridge, a 12345
 * platform). The body is signed with HMAC-SHA256 over `timestamp.body` so the receiver can check it
 * came from this installation; `X-Linli-Message-Id` stays the same across retries, to dedupe on.
 * 2xx = delivered; 408, 429 and 5xx, timeouts and network errors = try again later; other 4xx = the
 * receiver refuses this message for good.
 */
import { createHmac } from 'node:crypto';
import type { DeliveryProvider } from './provider.ts';

export interface WebhookOptions {
  url: string;
  secret: string;
  timeoutMs?: number;
  /** The clock of the signature's timestamp (tests freeze it). */
  now?: () => Date;
}

/** The signature header's value for a body sent at `timestamp` (seconds since the epoch). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export function createWebhookProvider(opts: WebhookOptions): DeliveryProvider {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const now = opts.now ?? (() => new Date());
  return {
    name: 'webhook',
    async send(d) {
      const body = JSON.stringify({
        id: d.messageId,
        topic: d.topic,
        text: d.text,
        recipient: { phone: d.phone, userId: d.recipientUserId },
        payload: d.payload,
        attempt: d.attempt,
        createdAt: d.createdAt.toISOString(),
      });
      const timestamp = String(Math.floor(now().getTime() / 1000));
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'x-linli-message-id': d.messageId,
            'x-linli-timestamp': timestamp,
            'x-linli-signature': signWebhook(opts.secret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'manual',
        });
      } catch (e) {
        const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
        return {
          ok: false,
          retryable: true,
          error: timedOut ? `webhook timed out after ${timeoutMs} ms` : `webhook unreachable${cause}`,
        };
      }
      // Drain the body so the connection can be reused; its text goes into the error for the operator.
      const text = (await res.text().catch(() => '')).slice(0, 200);
      if (res.status >= 200 && res.status < 300) return { ok: true };
      const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
      return { ok: false, retryable, error: `webhook answered ${res.status}${text ? `: ${text}` : ''}` };
    },
  };
}
