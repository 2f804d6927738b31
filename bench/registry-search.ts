/**
 * Registry search at district scale. Generates a demo district of N residents (default 1,000,000) into
 * a fresh embedded PostgreSQL, then times the registry's search for each kind of query a worker types,
 * as a district officer (whole district) and as a community worker (one community), and prints each
 * p50/p99 beside the ceiling of the same run: a primary-key lookup of one resident on the same table.
 *
 *   npx tsx bench/registry-search.ts [--residents 1000000] [--rounds 200]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { permissionMatrix } from '../apps/server/src/app.ts';
import { loadDemo } from '../apps/server/src/modules/demo/index.ts';
import { createRegistryService } from '../apps/server/src/modules/registry/index.ts';
import { makeCaller } from '../apps/server/src/platform/auth/caller.ts';
import { createFieldCrypto } from '../apps/server/src/platform/crypto/field-crypto.ts';
import { migrate } from '../apps/server/src/platform/db/migrate.ts';
import { openDatabase } from '../apps/server/src/platform/db/open-database.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const residents = arg('residents', 1_000_000);
const rounds = arg('rounds', 200);

function quantiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return quantiles(samples);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-'));
fs.chmodSync(dataDir, 0o755);
const opened = await openDatabase({ databaseUrl: undefined, dataDir, exclusive: true, poolMax: 4 });
try {
  await migrate(opened.db);
  const crypto = createFieldCrypto(Buffer.alloc(32, 3));
  const t0 = performance.now();
  const demo = await loadDemo(opened.db, { password: 'Bench@2026pw', residents, crypto });
  console.log(
    `generated and loaded ${demo.counts.residents.toLocaleString()} residents, ${demo.counts.household.toLocaleString()} households in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await opened.db.query('ANALYZE');

  const { rows: nodes } = await opened.db.query<{ district: string; community: string }>(
    `SELECT (SELECT path FROM jurisdiction_node WHERE level = 'district' LIMIT 1) AS district,
            (SELECT path FROM jurisdiction_node WHERE level = 'community' ORDER BY id LIMIT 1) AS community`,
  );
  const holding = (role: 'district_staff' | 'community_worker', p: string) => ({
    role,
    nodeId: Number(p.split('/').filter(Boolean).pop()),
    path: p,
    nodeName: null,
    nodeLevel: null,
  });
  const asUser = (h: ReturnType<typeof holding>) =>
    makeCaller(
      {
        kind: 'user',
        userId: 0,
        username: 'bench',
        displayName: 'bench',
        holdings: [h],
        mustChangePassword: false,
        sessionHash: '',
        csrfToken: '',
        sessionExpiresAt: new Date(),
      },
      null,
      permissionMatrix,
    );
  const district = asUser(holding('district_staff', nodes[0]!.district));
  const community = asUser(holding('community_worker', nodes[0]!.community));
  const svc = createRegistryService({ db: opened.db, crypto });

  // Real values to look for: a resident of the first community.
  const { rows: sample } = await opened.db.query<{
    id: number;
    name: string;
    id_number_enc: string;
    phone_enc: string;
    id_number_masked: string;
  }>(
    `SELECT id, name, id_number_enc, phone_enc, id_number_masked FROM resident WHERE node_path LIKE $1 || '%' AND phone_enc IS NOT NULL ORDER BY id LIMIT 1`,
    [nodes[0]!.community],
  );
  const r = sample[0]!;
  const idNumber = crypto.decrypt(r.id_number_enc);
  const phone = crypto.decrypt(r.phone_enc);
  const page = { status: 'active', page: 1, pageSize: 20 };

  const ceiling = await time(() => opened.db.query(`SELECT * FROM resident WHERE id = $1`, [r.id]));
  console.log(
    `\nceiling (primary-key lookup of one resident): p50 ${ceiling.p50.toFixed(2)} ms, p99 ${ceiling.p99.toFixed(2)} ms\n`,
  );
  console.log(
    'search (20 a page)                         scope        p50 ms   p99 ms   p99/ceiling  target p99 < 20 ms',
  );
  const cases: [string, Record<string, unknown>][] = [
    ['full ID number', { q: idNumber }],
    ['phone number', { q: phone }],
    ['name prefix (surname + given)', { q: r.name }],
    ['surname only', { q: r.name.slice(0, 1) }],
    ['pinyin initials (2 letters)', { q: 'zs' }],
    ['last 4 digits of an ID', { q: r.id_number_masked.slice(-4) }],
    ['care tag list (独居老人)', { tags: ['living_alone'] }],
    ['age 80+ list', { ageMin: 80 }],
    ['first page, no filter', {}],
  ];
  for (const [label, filter] of cases) {
    for (const [scopeName, caller] of [
      ['district', district],
      ['community', community],
    ] as const) {
      const q = await time(() => svc.search(caller, { ...page, ...filter }));
      const ok = q.p99 < 20 ? 'ok' : 'OVER';
      console.log(
        `${label.padEnd(42)} ${scopeName.padEnd(10)} ${q.p50.toFixed(2).padStart(8)} ${q.p99.toFixed(2).padStart(8)} ${(q.p99 / ceiling.p99).toFixed(1).padStart(12)}  ${ok}`,
      );
    }
  }
} finally {
  await opened.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
