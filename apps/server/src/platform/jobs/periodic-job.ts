/**
 * A job that runs every so often inside the server process (the outbox dispatcher, the overdue sweep).
 * Runs never overlap; an error is reported and the next run comes as planned. With `lockKey`, a run
 * first takes a PostgreSQL advisory lock without waiting, so that when several processes serve one
 * database only one of them does the work at a time.
 */
import type { Db } from '../db/db.ts';

export interface PeriodicJob {
  /** Run once now (and wait for it), outside the timer; answers false when another process held the lock. */
  runNow(): Promise<boolean>;
  /** Stop the timer and wait for a run in progress to finish. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
  /** Needed with lockKey. */
  db?: Db;
  /** A pg advisory lock key: at most one process runs the job at a time. */
  lockKey?: number;
  onError?: (name: string, e: unknown) => void;
  /** Wait this long before the first run (default: everyMs). */
  firstDelayMs?: number;
}

/** Run fn holding a session advisory lock, or answer false at once when someone else holds it. */
export async function runExclusively(db: Db, lockKey: number, fn: () => Promise<unknown>): Promise<boolean> {
  const client = await db.pool.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [lockKey]);
    if (!rows[0]?.ok) return false;
    try {
      await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [lockKey]);
    }
    return true;
  } finally {
    client.release();
  }
}

export function startPeriodicJob(o: PeriodicJobOptions): PeriodicJob {
  if (o.lockKey !== undefined && !o.db) throw new Error(`job ${o.name}: lockKey needs db`);
  const onError =
    o.onError ?? ((name, e) => process.stderr.write(`[${name}] ${e instanceof Error ? e.message : String(e)}\n`));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;

  const once = (): Promise<boolean> => {
    running ??= (async () => {
      try {
        return o.lockKey !== undefined ? await runExclusively(o.db!, o.lockKey, o.run) : (await o.run(), true);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      once().then(
        () => schedule(o.everyMs),
        (e: unknown) => {
          if (!stopped) onError(o.name, e);
          schedule(o.everyMs);
        },
      );
    }, ms);
    timer.unref();
  };
  schedule(o.firstDelayMs ?? o.everyMs);

  return {
    runNow: once,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
