/**
 * The embedded server's life: a second Linli on the same data directory is refused with a clear
 * message; a server left running by a Linli killed with SIGKILL is found and replaced; data survives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InstanceLockedError } from './instance-lock.ts';
import { openDatabase } from './open-database.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.resolve(here, '../../../test/fixtures/hold-database.ts');
const dirs: string[] = [];

function tempDataDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-embedded-'));
  fs.chmodSync(d, 0o755);
  dirs.push(d);
  return d;
}

function holdDatabase(dataDir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.on('data', (b: Buffer) => b.toString().includes('READY') && resolve(child));
    child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('refuses a second Linli on the same data directory, naming the running one', async () => {
    const dataDir = tempDataDir();
    const holder = await holdDatabase(dataDir);
    try {
      const second = openDatabase({ databaseUrl: undefined, dataDir, exclusive: true });
      await expect(second).rejects.toBeInstanceOf(InstanceLockedError);
      await expect(openDatabase({ databaseUrl: undefined, dataDir, exclusive: true })).rejects.toThrow(
        new RegExp(`另一个 Linli 实例（进程 ${holder.pid}）正在使用数据目录`),
      );
      // A command (not a server) joins the running instance's database instead.
      const joined = await openDatabase({ databaseUrl: undefined, dataDir });
      expect(joined.mode).toBe('joined');
      expect((await joined.db.query(`SELECT note FROM survivor`)).rows).toEqual([{ note: 'written before the kill' }]);
      await joined.close();
    } finally {
      holder.kill('SIGTERM');
    }
  });

  it('after a SIGKILL, the next start stops the leftover server and carries on with the data', async () => {
    const dataDir = tempDataDir();
    const holder = await holdDatabase(dataDir);
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    expect(alive(postmaster)).toBe(true);

    const opened = await openDatabase({ databaseUrl: undefined, dataDir, exclusive: true, log: () => undefined });
    try {
      expect(opened.mode).toBe('embedded');
      expect(alive(postmaster)).toBe(false);
      expect((await opened.db.query(`SELECT note FROM survivor`)).rows).toEqual([{ note: 'written before the kill' }]);
    } finally {
      await opened.close();
    }
    expect(fs.existsSync(path.join(dataDir, 'linli.lock'))).toBe(false);
    expect(fs.existsSync(pidFile)).toBe(false);
  });
});
