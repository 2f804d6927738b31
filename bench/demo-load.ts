/**
 * What the demo's request history adds to the first `npm start`: loads the default demo district
 * into fresh embedded PostgreSQL databases without and with the history and prints both times.
 *
 *   npx tsx bench/demo-load.ts [--residents 15000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDemo } from '../apps/server/src/modules/demo/index.ts';
import { createFieldCrypto } from '../apps/server/src/platform/crypto/field-crypto.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { openDatabase } from '../apps/server/src/platform/db/open-database.ts';

const i = process.argv.indexOf('--residents');
const residents = i > 0 ? Number(process.argv[i + 1]) : 15_000;
const crypto = createFieldCrypto(Buffer.alloc(32, 3));

async function timeLoad(requests: number | undefined): Promise<{ ms: number; requests: number; events: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-demo-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const opened = await openDatabase({ databaseUrl: undefined, dataDir, exclusive: true, poolMax: 4 });
  try {
    await migrate(opened.db);
    const t0 = performance.now();
    const r = await loadDemo(opened.db, {
      password: 'Bench@2026pw',
      residents,
      crypto,
      ...(requests === undefined ? {} : { requests }),
    });
    return { ms: performance.now() - t0, requests: r.history?.requests ?? 0, events: r.history?.events ?? 0 };
  } finally {
    await opened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const without = await timeLoad(0);
const withHistory = await timeLoad(undefined);
console.log(
  `demo load, ${residents.toLocaleString()} residents, no request history: ${(without.ms / 1000).toFixed(1)} s`,
);
console.log(
  `demo load with ${withHistory.requests.toLocaleString()} requests and ${withHistory.events.toLocaleString()} events: ${(withHistory.ms / 1000).toFixed(1)} s`,
);
console.log(`added by the request history: ${((withHistory.ms - without.ms) / 1000).toFixed(1)} s (target < 5 s)`);
