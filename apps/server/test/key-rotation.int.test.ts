/** `linli keys rotate` on real PostgreSQL: every ciphertext and blind index under the new key, resumable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../src/modules/demo/index.ts';
import { verifyAuditChain } from '../src/platform/audit/audit-log.ts';
import { createFieldCrypto } from '../src/platform/crypto/field-crypto.ts';
import { encryptedColumns, rotateKeys } from '../src/platform/crypto/key-rotation.ts';
import { createTestApp, login, testCrypto, type TestApp } from './test-app.ts';

let t: TestApp;
const oldKey = Buffer.alloc(32, 7); // testCrypto's key
const newCrypto = createFieldCrypto(Buffer.alloc(32, 9), [oldKey]);
const before = new Map<number, { idNumber: string | null; phone: string | null }>();

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.tdb.db, {
    password: 'Demo@2026pw',
    streets: 1,
    communitiesPerStreet: 1,
    gridsPerCommunity: 2,
    residents: 240,
    districtCode: '330188',
    crypto: testCrypto,
  });
  const worker = await login(t.app, 'c1worker');
  const res = await worker.call('POST', '/api/v1/residents', {
    nodeId: t.tree.household1,
    name: '钱敏',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    registrationType: 'registered',
    relationToHead: 'head',
  });
  expect(res.statusCode).toBe(201);
  const { rows } = await t.tdb.db.query<{ id: number; id_number_enc: string | null; phone_enc: string | null }>(
    `SELECT id, id_number_enc, phone_enc FROM resident`,
  );
  for (const r of rows)
    before.set(r.id, {
      idNumber: r.id_number_enc ? testCrypto.decrypt(r.id_number_enc) : null,
      phone: r.phone_enc ? testCrypto.decrypt(r.phone_enc) : null,
    });
});
afterAll(async () => {
  await t.close();
});

describe('key rotation', () => {
  it('finds every encrypted column with its blind index', async () => {
    const columns = await encryptedColumns(t.tdb.db);
    expect(columns).toEqual(
      expect.arrayContaining([
        { table: 'resident', enc: 'id_number_enc', hash: 'id_number_hash' },
        { table: 'resident', enc: 'phone_enc', hash: 'phone_hash' },
      ]),
    );
  });

  it('stops after some batches and carries on where it stopped when run again', async () => {
    // Every ciphertext of the installation (the demo also writes houses and other records).
    let total = 0;
    for (const c of await encryptedColumns(t.tdb.db)) {
      const { rows } = await t.tdb.db.query<{ n: number }>(`SELECT count(${c.enc})::int AS n FROM ${c.table}`);
      total += rows[0]!.n;
    }
    expect(total).toBeGreaterThan(before.size);
    const sum = (ps: { rotated: number }[]) => ps.reduce((n, p) => n + p.rotated, 0);

    const partial = await rotateKeys(t.tdb.db, newCrypto, { batchSize: 50, maxBatches: 2 });
    const first = sum(partial);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(100);
    expect(partial.reduce((n, p) => n + p.remaining, 0)).toBe(total - first);

    const seen: number[] = [];
    const rest = await rotateKeys(t.tdb.db, newCrypto, { batchSize: 50, onBatch: (p) => seen.push(p.rotated) });
    expect(seen.length).toBeGreaterThan(2);
    expect(rest.every((p) => p.remaining === 0)).toBe(true);
    expect(sum(rest)).toBe(total - first);
    // A third run finds nothing left to do.
    expect((await rotateKeys(t.tdb.db, newCrypto)).every((p) => p.rotated === 0)).toBe(true);
  });

  it('leaves every value readable under the new key, with blind indexes of the new key', async () => {
    const { rows } = await t.tdb.db.query<{
      id: number;
      id_number_enc: string | null;
      id_number_hash: string | null;
      phone_enc: string | null;
      phone_hash: string | null;
    }>(`SELECT id, id_number_enc, id_number_hash, phone_enc, phone_hash FROM resident`);
    expect(rows).toHaveLength(before.size);
    for (const r of rows) {
      const was = before.get(r.id)!;
      if (r.id_number_enc) {
        expect(newCrypto.isStale(r.id_number_enc)).toBe(false);
        expect(newCrypto.decrypt(r.id_number_enc)).toBe(was.idNumber);
        expect(r.id_number_hash).toBe(newCrypto.blindIndex(was.idNumber!));
      }
      if (r.phone_enc) {
        expect(newCrypto.decrypt(r.phone_enc)).toBe(was.phone);
        expect(r.phone_hash).toBe(newCrypto.blindIndex(was.phone!));
      }
    }
    // The old key alone can no longer read them.
    expect(() => testCrypto.decrypt(rows[0]!.id_number_enc!)).toThrow(/缺少解密密钥/);
  });

  it('audits each batch, and the audit chain stays intact', async () => {
    const { rows } = await t.tdb.db.query<{ n: number; total: number }>(
      `SELECT count(*)::int AS n, sum((summary->>'rows')::int)::int AS total FROM audit_log WHERE action = 'keys.rotate' AND entity_type = 'resident'`,
    );
    expect(rows[0]!.n).toBeGreaterThan(4);
    const phones = [...before.values()].filter((v) => v.phone).length;
    const ids = [...before.values()].filter((v) => v.idNumber).length;
    expect(rows[0]!.total).toBe(ids + phones);
    expect((await verifyAuditChain(t.tdb.db)).problems).toEqual([]);
  });
});
