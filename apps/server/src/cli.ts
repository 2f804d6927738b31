/**
 * `npx linli <command>`: start, migrate, demo, user create|reset-password, token create, audit verify,
 * keys rotate, registry retention.
 * Every command reads the same configuration as the server (see .env.example).
 */
import { roles, type Role } from '@linli/contracts';
import { Command, InvalidArgumentError } from 'commander';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { permissionMatrix, webDistDir } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startLinli, version } from './main.ts';
import { describeDemoLogins, loadDemo } from './modules/demo/index.ts';
import { createTokensService } from './modules/tokens/index.ts';
import { createUsersService } from './modules/users/index.ts';
import { createRetentionService } from './modules/registry/index.ts';
import { verifyAuditChain } from './platform/audit/audit-log.ts';
import { failedMessages, outboxCounts, retryFailed } from './platform/outbox/outbox-dispatcher.ts';
import { makeCaller } from './platform/auth/caller.ts';
import type { Db } from './platform/db/db.ts';
import { loadFieldCrypto } from './platform/crypto/keys.ts';
import { rotateKeys } from './platform/crypto/key-rotation.ts';
import { migrate } from './platform/db/migrate.ts';
import { openDatabase } from './platform/db/open-database.ts';
import { DomainError, errorBody } from './platform/http/errors.ts';
import { InstanceLockedError } from './platform/db/instance-lock.ts';

const say = (m: string) => process.stdout.write(`${m}\n`);

function config(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    ...process.env,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  });
}

async function withDb<T>(c: Config, fn: (db: Db) => Promise<T>): Promise<T> {
  const opened = await openDatabase({ databaseUrl: c.databaseUrl, dataDir: c.dataDir, pgPort: c.pgPort, poolMax: 4 });
  try {
    await migrate(opened.db);
    return await fn(opened.db);
  } finally {
    await opened.close();
  }
}

const cliCaller = () => makeCaller({ kind: 'system', name: process.env.USER ?? 'operator' }, null, permissionMatrix);

/** Build the console when its sources are newer than the last build (a fresh clone has none). */
function ensureWebBuilt(): void {
  const webRoot = path.resolve(webDistDir, '..');
  const index = path.join(webDistDir, 'index.html');
  if (!fs.existsSync(path.join(webRoot, 'src'))) return;
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  const sourcesChanged = Math.max(
    newest(path.join(webRoot, 'src')),
    fs.statSync(path.join(webRoot, 'index.html')).mtimeMs,
    fs.statSync(path.join(webRoot, 'resident.html')).mtimeMs,
  );
  if (built >= sourcesChanged) return;
  say('构建网页控制台（首次启动或源码有更新，约需半分钟）…');
  const r = spawnSync(
    process.execPath,
    [path.join(webRoot, '../../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    // A production build whatever NODE_ENV the caller has (a test runner sets `test`, which would give
    // React's development build: twice the size and slower).
    { cwd: webRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (r.status !== 0) throw new Error('网页控制台构建失败，见上方输出。');
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('应为正整数');
  return n;
};

const program = new Command()
  .name('linli')
  .description('邻里 Linli — 社区治理与服务平台 community governance and service platform')
  .version(version)
  .showHelpAfterError();

program
  .command('start')
  .description('启动服务（默认内置 PostgreSQL，数据在 ./data；设置 DATABASE_URL 使用外部数据库）')
  .option('--demo', '首次启动时生成演示数据（npm start 默认开启）')
  .option('--port <port>', '监听端口（默认 3000，或环境变量 PORT）')
  .option('--no-build', '不自动构建网页控制台')
  .action(async (opts: { demo?: boolean; port?: string; build: boolean }) => {
    const c = config({ PORT: opts.port, LINLI_DEMO: opts.demo ? 'true' : undefined });
    if (opts.build) ensureWebBuilt();
    const running = await startLinli(c);
    let signalled = false;
    const stop = (signal: string) => {
      if (signalled) return;
      signalled = true;
      say(`\n收到 ${signal}，正在停止…`);
      running.stop().then(
        () => {
          say('已停止。');
          process.exit(0);
        },
        (e: unknown) => {
          process.stderr.write(`停止时出错：${String(e)}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });

program
  .command('migrate')
  .description('执行数据库迁移（启动时也会自动执行）')
  .action(async () => {
    const c = config();
    const opened = await openDatabase({ databaseUrl: c.databaseUrl, dataDir: c.dataDir, pgPort: c.pgPort, poolMax: 2 });
    try {
      const r = await migrate(opened.db);
      say(r.applied.length ? `已执行：${r.applied.join(', ')}` : `数据库已是最新（${r.alreadyApplied} 个迁移）。`);
    } finally {
      await opened.close();
    }
  });

program
  .command('demo')
  .description('载入演示数据（已存在则跳过；--reset 重新生成）')
  .option('--reset', '删除并重新生成演示辖区和演示账号（审计日志保留）')
  .option('--residents <n>', '按居民人数缩放演示辖区（如 1000000 用于性能测试）', positiveInt)
  .option('--seed <n>', '随机种子', positiveInt)
  .action(async (opts: { reset?: boolean; residents?: number; seed?: number }) => {
    const c = config();
    await withDb(c, async (db) => {
      const started = Date.now();
      const r = await loadDemo(db, {
        password: c.demoPassword,
        crypto: loadFieldCrypto(c, say),
        reset: opts.reset ?? false,
        ...(opts.residents ? { residents: opts.residents } : {}),
        ...(opts.seed ? { seed: opts.seed } : {}),
      });
      say(
        r.created
          ? `演示数据已生成（${((Date.now() - started) / 1000).toFixed(1)} 秒）：${JSON.stringify(r.counts)}`
          : '演示数据已存在，未改动（用 --reset 重新生成）。',
      );
      for (const line of describeDemoLogins(r.logins, c.demoPassword, 40)) say(line);
    });
  });

const user = program.command('user').description('用户管理');
user
  .command('create <username>')
  .description('新建用户，打印一次性初始密码（首次登录须修改）')
  .requiredOption('--name <displayName>', '姓名')
  .requiredOption('--role <role>', `角色：${roles.join(' | ')}`)
  .option('--node <idOrCode>', '所在节点的 id 或编码（sys_admin 可省略，表示全部辖区）')
  .action(async (username: string, opts: { name: string; role: string; node?: string }) => {
    if (!(roles as readonly string[]).includes(opts.role))
      throw new InvalidArgumentError(`未知角色 ${opts.role}；可选：${roles.join(', ')}`);
    const c = config();
    await withDb(c, async (db) => {
      let nodeId: number | null = null;
      if (opts.node) {
        const { rows } = await db.query<{ id: number }>(
          `SELECT id FROM jurisdiction_node WHERE (id::text = $1 OR code = $1) AND retired_at IS NULL`,
          [opts.node],
        );
        if (!rows[0]) throw new Error(`找不到节点 ${opts.node}`);
        nodeId = rows[0].id;
      }
      const r = await createUsersService({ db }).create(cliCaller(), {
        username,
        displayName: opts.name,
        roles: [{ role: opts.role as Role, nodeId }],
      });
      say(`已创建用户 ${r.user.username}（${r.user.displayName}）`);
      say(`初始密码（只显示这一次，首次登录须修改）：${r.initialPassword}`);
    });
  });
user
  .command('reset-password <username>')
  .description('重置密码并解除锁定，打印一次性初始密码')
  .action(async (username: string) => {
    const c = config();
    await withDb(c, async (db) => {
      const svc = createUsersService({ db });
      const id = await svc.findIdByUsername(username);
      if (id === undefined) throw new Error(`用户 ${username} 不存在`);
      const r = await svc.resetPassword(cliCaller(), id);
      say(`已重置 ${r.user.username} 的密码。新的初始密码（只显示这一次）：${r.initialPassword}`);
    });
  });

program
  .command('token')
  .description('API 令牌（Open311 等机器客户端）')
  .command('create')
  .description('签发令牌，密钥只打印这一次')
  .requiredOption('--name <name>', '客户端名称，如 12345 热线平台')
  .requiredOption('--node <idOrCode>', '令牌可访问的辖区节点 id 或编码')
  .action(async (opts: { name: string; node: string }) => {
    const c = config();
    await withDb(c, async (db) => {
      const { rows } = await db.query<{ id: number }>(
        `SELECT id FROM jurisdiction_node WHERE (id::text = $1 OR code = $1) AND retired_at IS NULL`,
        [opts.node],
      );
      if (!rows[0]) throw new Error(`找不到节点 ${opts.node}`);
      const r = await createTokensService({ db }).create(cliCaller(), { name: opts.name, nodeId: rows[0].id });
      say(`已签发令牌 #${r.token.id}（${r.token.name}，${r.token.nodeName}）`);
      say(`密钥（只显示这一次）：${r.secret}`);
    });
  });

program
  .command('audit')
  .description('审计日志')
  .command('verify')
  .description('先把已提交的审计记录链入哈希链（最多等 10 秒），再校验：发现被修改、删除或调换顺序的记录')
  .action(async () => {
    const c = config();
    await withDb(c, async (db) => {
      const r = await verifyAuditChain(db);
      const pending = r.pending > 0 ? `；另有 ${r.pending} 条最新记录尚未链入（事务仍在进行，稍后再校验）` : '';
      if (r.problems.length === 0) {
        say(`审计日志完整：共 ${r.checked} 条，链头哈希 ${r.headHash}${pending}`);
        return;
      }
      say(`审计日志校验失败：${r.problems.length} 处问题（共检查 ${r.checked} 条）`);
      for (const p of r.problems.slice(0, 50)) say(`  #${p.id} ${p.problem}`);
      process.exitCode = 1;
    });
  });

program
  .command('keys')
  .description('个人信息加密密钥')
  .command('rotate')
  .description(
    '用当前密钥（LINLI_SECRET_KEY）重新加密所有旧密文并重建盲索引；旧密钥放在 LINLI_SECRET_KEY_PREVIOUS。可中断，重新运行即从中断处继续（见 docs/adr/0006）',
  )
  .option('--batch-size <n>', '每个事务处理的行数', positiveInt, 2000)
  .action(async (opts: { batchSize: number }) => {
    const c = config();
    if (!c.secretKey)
      throw new Error('请先把新密钥设为 LINLI_SECRET_KEY、旧密钥设为 LINLI_SECRET_KEY_PREVIOUS，再运行本命令。');
    if (c.previousSecretKeys.length === 0)
      throw new Error('未设置 LINLI_SECRET_KEY_PREVIOUS：没有旧密钥，旧密文将无法解密。');
    say(
      c.indexKey
        ? '盲索引密钥由 LINLI_INDEX_KEY 固定，保持不变：只重新加密，服务可继续运行。'
        : '盲索引将以新密钥重建：运行期间请停止所有 Linli 服务进程，完成后再启动。',
    );
    await withDb(c, async (db) => {
      const crypto = loadFieldCrypto(c, say);
      const result = await rotateKeys(db, crypto, {
        batchSize: opts.batchSize,
        actorName: process.env.USER ?? 'operator',
        onBatch: (p) => say(`  ${p.table}.${p.enc}：已处理 ${p.rotated} 行，剩余 ${p.remaining} 行`),
      });
      for (const p of result)
        say(`${p.table}.${p.enc}${p.hash ? ` + ${p.hash}` : ''}：本次 ${p.rotated} 行，剩余 ${p.remaining} 行`);
      const left = result.reduce((n, p) => n + p.remaining, 0);
      if (left > 0) {
        say(`还有 ${left} 行未完成（可能正被其他事务锁定），请重新运行本命令。`);
        process.exitCode = 1;
      } else say(`完成：所有密文均为密钥 ${crypto.currentKeyId}。确认无误后可移除 LINLI_SECRET_KEY_PREVIOUS。`);
    });
  });

program
  .command('registry')
  .description('基础信息库')
  .command('retention')
  .description(
    '按保存期规则匿名化已过保存期的个人信息（迁出、死亡居民，已结束的出租登记，走访记录）；服务每天也会自动运行（见 docs/modules/registry.md）',
  )
  .option('--dry-run', '只统计将被匿名化的条数，不做改动')
  .option('--batch-size <n>', '每个事务处理的记录数', positiveInt, 500)
  .action(async (opts: { dryRun?: boolean; batchSize: number }) => {
    const c = config();
    await withDb(c, async (db) => {
      const r = await createRetentionService({ db }).run({
        dryRun: opts.dryRun ?? false,
        batchSize: opts.batchSize,
        actorName: `cli:${process.env.USER ?? 'operator'}`,
        onBatch: (b) => say(`  ${b.kind}：本批 ${b.count} 条`),
      });
      const p = r.policy;
      say(
        `保存期：迁出/死亡居民 ${p.residentYears} 年，出租登记 ${p.rentalYears} 年，走访记录 ${p.visitYears} 年（今天 ${r.today}）`,
      );
      say(
        `${r.dryRun ? '试运行，未做改动。将匿名化' : '已匿名化'}：居民 ${r.residents} 人（另有并入其记录的重复记录 ${r.mergedResidents} 条），出租登记 ${r.rentals} 条，走访记录 ${r.visits} 条${r.dryRun ? '' : `，共 ${r.batches} 个事务`}。`,
      );
    });
  });

program
  .command('outbox')
  .description('通知发件箱：待发送和发送失败的条数；--retry 把失败的通知重新放回队列')
  .option('--retry', '重新发送全部失败的通知（由运行中的服务发送）')
  .action(async (opts: { retry?: boolean }) => {
    const c = config();
    await withDb(c, async (db) => {
      if (opts.retry) say(`已把 ${await retryFailed(db)} 条失败的通知放回队列，服务会在几秒内重新发送。`);
      const n = await outboxCounts(db);
      const oldest = n.oldestPending ? `，最早一条生成于 ${n.oldestPending.toISOString()}` : '';
      say(
        `待发送 ${n.pending} 条（其中已到发送时间 ${n.pendingDue} 条${oldest}），已发送 ${n.sent} 条，发送失败 ${n.failed} 条`,
      );
      const failed = await failedMessages(db, 10);
      if (failed.length) {
        say('最近发送失败的通知：');
        for (const f of failed)
          say(
            `  #${f.id} ${f.topic} → ${f.recipient_phone_masked ?? '控制台'}，尝试 ${f.attempts} 次：${f.last_error ?? ''}`,
          );
        if (!opts.retry) say('排除故障后运行 npx linli outbox --retry 重新发送。');
      }
    });
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof InstanceLockedError) process.stderr.write(`${e.message}\n`);
  else if (e instanceof DomainError)
    process.stderr.write(`${errorBody(e, 'zh').message} ${JSON.stringify(e.details ?? '')}\n`);
  else process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
