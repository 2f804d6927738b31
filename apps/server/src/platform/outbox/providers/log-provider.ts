/**
 * The default provider: writes one line per message to the server's output (or a given sink), with
 * the phone masked. For trying Linli out and for installations without an SMS gateway yet.
 */
import type { DeliveryProvider } from './provider.ts';

export function createLogProvider(
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): DeliveryProvider {
  return {
    name: 'log',
    send(d) {
      const to = d.phoneMasked ?? (d.recipientUserId !== null ? `用户#${d.recipientUserId}` : '控制台');
      write(`[通知] ${d.messageId} ${d.topic} → ${to}：${d.text}`);
      return Promise.resolve({ ok: true });
    },
  };
}
