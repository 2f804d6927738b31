/**
 * The composition root: configuration → database (embedded or external) → migrations → first
 * administrator / demo data → HTTP server; SIGINT and SIGTERM stop everything cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, webDistDir } from './app.ts';
import { startBackgroundJobs } from './background-jobs.ts';
import { ensureFirstAdmin } from './bootstrap.ts';
import type { Config } from './config.ts';
import { describeDemoLogins, loadDemo } from './modules/demo/index.ts';
import { loadFieldCrypto } from './platform/crypto/keys.ts';
import { migrate } from './platform/db/migrate.ts';
import { openDatabase } from './platform/db/open-database.ts';

export const version = (
  JSON.parse(
    fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../package.json'), 'utf8'),
  ) as { version: string }
).version;

export interface Running {
  url: string;
  stop(): Promise<void>;
}

const say = (m: string) => process.stdout.write(`${m}\n`);

export async function startLinli(config: Config): Promise<Running> {
  say(`邻里 Linli ${version} 正在启动…`);
  const crypto = loadFieldCrypto(config, (m) => say(`  ${m}`));
  const opened = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    pgPort: config.pgPort,
    poolMax: config.dbPool,
    exclusive: true,
    log: (m) => say(`  ${m}`),
  });
  try {
    say(
      opened.mode === 'external'
        ? '  使用外部 PostgreSQL（DATABASE_URL）'
        : `  内置 PostgreSQL，数据目录 ${config.dataDir}`,
    );
    const result = await migrate(opened.db);
    if (result.applied.length) say(`  已执行数据库迁移：${result.applied.join(', ')}`);

    if (config.demo) {
      const demo = await loadDemo(opened.db, { password: config.demoPassword, crypto });
      if (demo.created) {
        say(
          `  已生成演示数据：${Object.entries(demo.counts)
            .map(([k, v]) => `${k} ${v}`)
            .join('，')}`,
        );
        if (demo.history)
          say(
            `  已生成演示诉求：${demo.history.requests} 件（近三个月，${demo.history.events} 个办理环节），职能部门 ${demo.history.departments} 个`,
          );
      }
      for (const line of describeDemoLogins(demo.logins, config.demoPassword)) say(`  ${line}`);
    }
    const admin = await ensureFirstAdmin(opened.db, { username: config.adminUser, password: config.adminPassword });
    if (admin.created && admin.generatedPassword) {
      say('');
      say(`  ┌ 首个管理员账号已创建 · first administrator created`);
      say(`  │ 用户名 username: ${admin.username}`);
      say(`  │ 初始密码 initial password: ${admin.generatedPassword}`);
      say(`  └ 此密码只显示这一次，首次登录后必须修改。Shown once; change it at first sign-in.`);
    } else if (admin.created) {
      say(`  首个管理员账号已按配置创建：${admin.username}`);
    }

    const app = await createApp({
      db: opened.db,
      crypto,
      auth: {
        loginMaxFailures: config.loginMaxFailures,
        lockMs: config.lockMs,
        sessionIdleMs: config.sessionIdleMs,
        sessionAbsoluteMs: config.sessionAbsoluteMs,
        sessionCacheMs: config.sessionCacheMs,
      },
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
      bodyLimitBytes: config.bodyLimitBytes,
      logLevel: config.logLevel,
      version,
      webDir: webDistDir,
      demo: config.demo,
      map: config.map,
    });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(`端口 ${config.port} 已被占用。请停止占用它的程序，或用 PORT=3001 npm start 换一个端口。`, {
          cause: e,
        });
      }
      throw e;
    }
    const jobs = startBackgroundJobs({
      db: opened.db,
      crypto,
      notify: config.notify,
      requests: app.linliRequests,
      say: (m) => say(m),
    });
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    say(`\n  邻里已就绪 · Linli is ready: ${url}`);
    say(`  API 文档 · API docs: ${url}/api/docs\n`);
    let stopping: Promise<void> | undefined;
    return {
      url,
      stop() {
        stopping ??= (async () => {
          await jobs.stop();
          await app.close();
          await opened.close();
        })();
        return stopping;
      },
    };
  } catch (e) {
    await opened.close();
    throw e;
  }
}
