/**
 * Builds the console, starts `linli start --demo` on a fresh data directory and a free port, and
 * hands its URL and data directory to the stories. Stops it (SIGTERM) afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
  }
}

const root = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    throw new Error('需要 Chromium：apt-get install -y chromium fonts-wqy-microhei（或设置 CHROMIUM_PATH）');
  }
  // NODE_ENV is `test` here: the console must still be built as in production (React's production build).
  const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error('web build failed');

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const log = fs.createWriteStream(path.join(root, 'artifacts', 'e2e-server.log'));
  const child: ChildProcess = spawn(process.execPath, ['bin/linli.mjs', 'start', '--demo', '--no-build'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      LINLI_DATA_DIR: dataDir,
      LINLI_LOG_LEVEL: 'warn',
      // A tile server the stories answer themselves (page.route): this network reaches no real one.
      LINLI_MAP_TILES: 'https://tiles.linli.test/{z}/{x}/{y}.png',
      LINLI_MAP_ATTRIBUTION: '测试底图',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Linli did not start in 180 s:\n${out}`)), 180_000);
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('Linli is ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`Linli exited (${code}):\n${out}`)));
  });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('dataDir', dataDir);

  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
