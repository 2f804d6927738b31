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

export interface Db extends Queryable {
  pool: pg.Pool;
  /** Run fn in a transaction; commit on success, roll back on any error. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 20, application_name: 'linli' });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => undefined);
  return {
    pool,
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
