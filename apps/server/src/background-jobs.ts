/**
 * The work the server does on its own, beside answering requests: delivering the outbox (every few
 * seconds, in every process: claims never collide) and the overdue sweep (every minute, in one
 * process at a time: an advisory lock), and the registry's retention rules (daily, one process). Started by main.ts after the HTTP server listens, stopped
 * before it closes.
 */
import { permissionMatrix } from './app.ts';
import type { Config } from './config.ts';
import { createRetentionService } from './modules/registry/index.ts';
import type { RequestsService } from './modules/requests/index.ts';
import { linkAuditChain } from './platform/audit/audit-chain.ts';
import { makeCaller } from './platform/auth/caller.ts';
import type { FieldCrypto } from './platform/crypto/field-crypto.ts';
import type { Db } from './platform/db/db.ts';
import { startPeriodicJob, type PeriodicJob } from './platform/jobs/periodic-job.ts';
import { createOutboxDispatcher } from './platform/outbox/outbox-dispatcher.ts';
import { createLogProvider } from './platform/outbox/providers/log-provider.ts';
import type { DeliveryProvider } from './platform/outbox/providers/provider.ts';
import { createWebhookProvider } from './platform/outbox/providers/webhook-provider.ts';

/** Only one process sweeps at a time. */
export const OVERDUE_SWEEP_LOCK = 7_204_111_310;
/** Only one process applies the registry's retention rules at a time. */
export const REGISTRY_RETENTION_LOCK = 7_204_111_311;

/** The caller the sweep acts as: the system, with every permission (its audit entries say so). */
export const systemCaller = (name: string) => makeCaller({ kind: 'system', name }, null, permissionMatrix);

export function providerFor(notify: Config['notify'], log: (line: string) => void): DeliveryProvider {
  if (notify.webhookUrl && notify.webhookSecret)
    return createWebhookProvider({
      url: notify.webhookUrl,
      secret: notify.webhookSecret,
      timeoutMs: notify.webhookTimeoutMs,
    });
  return createLogProvider(log);
}

export interface BackgroundJobs {
  stop(): Promise<void>;
}

export function startBackgroundJobs(deps: {
  db: Db;
  crypto: FieldCrypto;
  notify: Config['notify'];
  requests: RequestsService;
  say: (line: string) => void;
  outboxEveryMs?: number;
  sweepEveryMs?: number;
  retentionEveryMs?: number;
  auditLinkEveryMs?: number;
}): BackgroundJobs {
  const provider = providerFor(deps.notify, deps.say);
  const dispatcher = createOutboxDispatcher({
    db: deps.db,
    crypto: deps.crypto,
    provider,
    maxAttempts: deps.notify.maxAttempts,
  });
  const onError = (name: string, e: unknown) =>
    process.stderr.write(`[${name}] 出错，稍后重试：${e instanceof Error ? e.message : String(e)}\n`);
  const caller = systemCaller('overdue-sweep');
  const retention = createRetentionService({ db: deps.db });
  const jobs: PeriodicJob[] = [
    startPeriodicJob({
      name: 'outbox',
      everyMs: deps.outboxEveryMs ?? 2_000,
      firstDelayMs: 500,
      run: () => dispatcher.drain(),
      onError,
    }),
    // Links committed audit entries into the hash chain (ADR 0004, 2026-11-22); one linker at a
    // time across processes (its own advisory lock, taken without waiting).
    startPeriodicJob({
      name: 'audit-link',
      everyMs: deps.auditLinkEveryMs ?? 1_000,
      firstDelayMs: 1_000,
      run: () => linkAuditChain(deps.db),
      onError,
    }),
    startPeriodicJob({
      name: 'overdue-sweep',
      everyMs: deps.sweepEveryMs ?? 60_000,
      firstDelayMs: 5_000,
      db: deps.db,
      lockKey: OVERDUE_SWEEP_LOCK,
      run: () => deps.requests.sweepOverdue(caller),
      onError,
    }),
    // Daily: anonymise registry records whose retention has lapsed (docs/modules/registry.md, Retention).
    startPeriodicJob({
      name: 'registry-retention',
      everyMs: deps.retentionEveryMs ?? 24 * 3_600_000,
      firstDelayMs: 60_000,
      db: deps.db,
      lockKey: REGISTRY_RETENTION_LOCK,
      run: () => retention.run({ actorName: 'system:retention' }),
      onError,
    }),
  ];
  deps.say(
    `  通知发送方式：${provider.name === 'webhook' ? `webhook ${new URL(deps.notify.webhookUrl!).origin}` : '日志（未配置 LINLI_NOTIFY_WEBHOOK_URL）'}`,
  );
  return {
    async stop() {
      await Promise.all(jobs.map((j) => j.stop()));
    },
  };
}
