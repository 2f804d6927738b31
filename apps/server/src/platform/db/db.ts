/** The connection pool and transactions. Every mutation runs inside `db.tx`. */
import { createHash } from 'node:crypto';
import pg from 'pg';

// int8 (ids, counts) as numbers: ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// numeric stays a string (money is kept in integer fen anyway).

/**
 * A statement prepared once per connection and then only bound and executed: PostgreSQL skips parsing
 * and planning it again. For the statements of hot paths (the session lookup, request intake); the
 * name is derived from the text, so the same text always has the same name (ADR 0015).
 */
export interface PreparedText {
  name: string;
  text: string;
}

const preparedNames = new Map<string, PreparedText>();

export function prepared(text: string): PreparedText {
  let p = preparedNames.get(text);
  if (!p) {
    p = { name: `linli_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text };
    preparedNames.set(text, p);
  }
  return p;
}

/** Anything that can run a query: the pool or a transaction's client. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    text: string | PreparedText,
    params?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>;
}

/**
 * What the database says has changed (ADR 0017): every pooled connection listens on the channel
 * `linli_invalidate`, where triggers announce changes to facts that processes keep in memory. A cache
 * may be filled only from a read that began and ended while `live`, with `epoch` unchanged.
 */
export interface Invalidations {
  /** Called with each payload ('*' also when the last listening connection goes: forget everything). */
  subscribe(fn: (payload: string) => void): void;
  /** At least one connection is listening, so a change made elsewhere would be heard. */
  readonly live: boolean;
  /** Advances with every payload and whenever listening stops. */
  readonly epoch: number;
}

export const INVALIDATE_CHANNEL = 'linli_invalidate';

/** The bus, and the hook that makes each new connection listen before the pool hands it out. */
function invalidationBus() {
  const subscribers: ((payload: string) => void)[] = [];
  const listening = new Set<pg.ClientBase>();
  let epoch = 0;
  const announce = (payload: string) => {
    epoch++;
    for (const fn of subscribers) fn(payload);
  };
  const bus: Invalidations = {
    subscribe: (fn) => void subscribers.push(fn),
    get live() {
      return listening.size > 0;
    },
    get epoch() {
      return epoch;
    },
  };
  return {
    bus,
    onConnect: async (client: pg.ClientBase) => {
      client.on('notification', (n) => {
        if (n.channel === INVALIDATE_CHANNEL) announce(n.payload ?? '*');
      });
      // A connection that cannot listen (a pooler that forbids it) still serves queries; it just does
      // not count as listening, so nothing is kept on its account.
      const ok = await client.query(`LISTEN ${INVALIDATE_CHANNEL}`).then(
        () => true,
        () => false,
      );
      if (ok) listening.add(client);
    },
    onRemove: (client: pg.ClientBase) => {
      if (listening.delete(client) && listening.size === 0) announce('*');
    },
  };
}

export interface Db extends Queryable {
  pool: pg.Pool;
  invalidations: Invalidations;
  /** Run fn in a transaction; commit on success, roll back on any error. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const invalidations = invalidationBus();
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 20,
    application_name: 'linli',
    // pg-pool awaits the hook before it hands the connection out (its types say void).
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    onConnect: invalidations.onConnect,
  });
  pool.on('remove', invalidations.onRemove);
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => undefined);
  return {
    pool,
    invalidations: invalidations.bus,
    query: (text, params) =>
      typeof text === 'string'
        ? pool.query(text, params as unknown[])
        : pool.query({ name: text.name, text: text.text }, params as unknown[]),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
