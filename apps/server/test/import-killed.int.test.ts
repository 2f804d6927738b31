/**
 * Kill the process that commits an import in the middle (SIGKILL: no cleanup, no rollback by the
 * program) and show that nothing partial remains: the commit is one transaction, PostgreSQL drops it
 * with the connection. The upload stays 'running' and can be committed again, once, in full.
 */
import { computeIdCheckDigit } from '@linli/contracts';
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Session, type TestApp } from './test-app.ts';

const ROWS = 20_000;
let t: TestApp;
let worker: Session;
beforeAll(async () => {
  t = await createTestApp();
  worker = await login(t.app, 'c1worker');
});
afterAll(async () => {
  await t.close();
});

async function largeFile(): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '公民身份号码', '人口类型', '住址']).commit();
  for (let i = 0; i < ROWS; i++) {
    const day = new Date(Date.UTC(1950, 0, 1) + (i % 10_000) * 86_400_000).toISOString().slice(0, 10);
    const first17 = `110105${day.replaceAll('-', '')}${String(Math.floor(i / 10_000) + 300).padStart(3, '0')}`;
    ws.addRow([`居民${i}`, first17 + computeIdCheckDigit(first17), '户籍', '1幢1单元101室']).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const count = async (sql: string, params: unknown[] = []) =>
  (await t.tdb.db.query<{ n: number }>(sql, params)).rows[0]!.n;

describe('an import killed in the middle', () => {
  it('leaves nothing partial, and commits in full when run again', async () => {
    const up = await worker.call('POST', `/api/v1/registry/imports?nodeId=${t.tree.community1}`, await largeFile(), {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(up.statusCode, up.body).toBe(201);
    const id = (up.json() as { id: number }).id;
    const residentsBefore = await count('SELECT count(*)::int AS n FROM resident');
    const auditBefore = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.import.commit'`);

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'import-child.ts'), t.tdb.url, String(id)],
      { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Kill it once it has written a good part of the file (inside its transaction), well before the end.
    let writing = 0;
    const killedAt = await new Promise<number>((resolve, reject) => {
      let killing = false;
      child.stdout.on('data', (b: Buffer) => {
        if (b.toString().includes('done')) reject(new Error('the import finished before it could be killed'));
        const at = Math.max(0, ...[...b.toString().matchAll(/progress (\d+)/g)].map((m) => Number(m[1])));
        if (at < 4_000 || killing) return;
        killing = true;
        // The child's transaction has written rows (it holds a transaction id) that nobody else sees yet.
        void count(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
        ).then((n) => {
          writing = n;
          child.kill('SIGKILL');
          resolve(at);
        }, reject);
      });
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited (${code}) before the kill:\n${stderr}`));
      });
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    expect(writing).toBe(1);
    expect(killedAt).toBeGreaterThanOrEqual(4_000);
    expect(killedAt).toBeLessThan(ROWS);

    // PostgreSQL notices the dead connection and rolls its transaction back.
    await expect
      .poll(
        () =>
          count(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
          ),
        { timeout: 10_000 },
      )
      .toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM resident')).toBe(residentsBefore);
    expect(await count(`SELECT count(*)::int AS n FROM resident WHERE name LIKE '居民%'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.import.commit'`)).toBe(
      auditBefore,
    );
    const status = (await worker.call('GET', `/api/v1/registry/imports/${id}`)).json() as { status: string };
    expect(status.status).toBe('running');

    // Another process (this one) may take it up again: all rows, once.
    const again = await worker.call('POST', `/api/v1/registry/imports/${id}/run`, { dryRun: false, mode: 'good_rows' });
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as { created: number }).created).toBe(ROWS);
    expect(await count('SELECT count(*)::int AS n FROM resident')).toBe(residentsBefore + ROWS);
  }, 180_000);
});
