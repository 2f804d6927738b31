/**
 * Open Linli's database: the external server in DATABASE_URL, or the embedded one under the data
 * directory. A command run while Linli is serving (e.g. `linli user create`) joins the running
 * embedded server instead of starting a second one on the same files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDb, type Db } from './db.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { acquireInstanceLock, InstanceLockedError } from './instance-lock.ts';

export interface OpenedDatabase {
  db: Db;
  url: string;
  /** 'external', 'embedded' (we started it) or 'joined' (another Linli runs it). */
  mode: 'external' | 'embedded' | 'joined';
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  pgPort?: number | undefined;
  /** For `start`: refuse to run beside another Linli instead of joining it. */
  exclusive?: boolean;
  log?: (m: string) => void;
  poolMax?: number;
}

const portFile = (dataDir: string) => path.join(dataDir, 'pg.port');

export async function openDatabase(o: OpenOptions): Promise<OpenedDatabase> {
  if (o.databaseUrl) {
    const db = createDb(o.databaseUrl, { max: o.poolMax ?? 20 });
    return { db, url: o.databaseUrl, mode: 'external', close: () => db.close() };
  }
  let release: () => void;
  try {
    release = acquireInstanceLock(o.dataDir);
  } catch (e) {
    if (!(e instanceof InstanceLockedError) || o.exclusive) throw e;
    const port = Number(fs.readFileSync(portFile(o.dataDir), 'utf8').trim());
    const password = fs.readFileSync(path.join(o.dataDir, 'pg-password'), 'utf8').trim();
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/linli`;
    const db = createDb(url, { max: 4 });
    return { db, url, mode: 'joined', close: () => db.close() };
  }
  try {
    const server = await startEmbeddedPostgres({
      dataDir: o.dataDir,
      port: o.pgPort,
      ...(o.log ? { log: o.log } : {}),
    });
    fs.writeFileSync(portFile(o.dataDir), String(new URL(server.url).port), { mode: 0o600 });
    const db = createDb(server.url, { max: o.poolMax ?? 20 });
    let closed = false;
    return {
      db,
      url: server.url,
      mode: 'embedded',
      async close() {
        if (closed) return;
        closed = true;
        await db.close().catch(() => undefined);
        await server.stop();
        fs.rmSync(portFile(o.dataDir), { force: true });
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
