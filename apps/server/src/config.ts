/**
 * Configuration: read from the environment in one place, validated, and documented in .env.example.
 * A bad value stops start-up with a message that names the variable.
 */
import os from 'node:os';
import path from 'node:path';
import type { MapSettings } from '@linli/contracts';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, '应为 postgres://user:password@host:port/database 形式')
    .optional(),
  LINLI_DATA_DIR: z.string().min(1).default('./data'),
  LINLI_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  LINLI_ADMIN_USER: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, '用户名为 3–32 位小写字母、数字、点、下划线或连字符')
    .default('admin'),
  LINLI_ADMIN_PASSWORD: z.string().min(8, '至少 8 位').optional(),
  LINLI_DEMO: bool.default(false),
  LINLI_DEMO_PASSWORD: z.string().min(8).default('Linli@2026'),
  LINLI_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LINLI_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  LINLI_SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(15),
  LINLI_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  LINLI_TRUST_PROXY: bool.default(false),
  LINLI_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LINLI_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LINLI_SECRET_KEY: z.string().min(1).optional(),
  LINLI_SECRET_KEY_PREVIOUS: z.string().min(1).optional(),
  LINLI_INDEX_KEY: z.string().min(1).optional(),
  LINLI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  LINLI_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  LINLI_NOTIFY_WEBHOOK_URL: z.url({ protocol: /^https?$/, error: '应为 http(s):// 开头的地址' }).optional(),
  LINLI_NOTIFY_WEBHOOK_SECRET: z.string().min(16, '至少 16 个字符（用于 HMAC 签名）').optional(),
  LINLI_NOTIFY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  LINLI_NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  LINLI_DB_POOL: z.coerce.number().int().min(2).max(200).optional(),
  LINLI_MAP_TILES: z
    .string()
    .refine(
      (u) => /^https?:\/\/[A-Za-z0-9.:{}-]+\/\S*$/.test(u) && ['{z}', '{x}', '{y}'].every((p) => u.includes(p)),
      '应为 http(s):// 开头、含 {z} {x} {y} 的瓦片地址，例如 https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=…',
    )
    .optional(),
  LINLI_MAP_SUBDOMAINS: z.string().default(''),
  LINLI_MAP_ATTRIBUTION: z.string().default(''),
  LINLI_MAP_CENTER: z
    .string()
    .regex(/^-?\d{1,2}(\.\d+)?,\s*-?\d{1,3}(\.\d+)?$/, '应为“纬度,经度”，例如 39.9042,116.4074')
    .default('39.9042,116.4074'),
  LINLI_MAP_ZOOM: z.coerce.number().int().min(3).max(19).default(16),
});

/**
 * A few connections per core: more only make the database's processes take turns on the same cores
 * (measured with bench/request-intake.ts on 2 cores: 20 connections gave 30 % less throughput than 8).
 */
export function defaultPoolSize(cores = os.availableParallelism()): number {
  return Math.min(20, Math.max(6, 2 * cores + 4));
}

export type RawConfig = z.infer<typeof schema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  pgPort: number | undefined;
  adminUser: string;
  adminPassword: string | undefined;
  demo: boolean;
  demoPassword: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** How long a session may be answered from memory (ADR 0017); 0: read it on every request. */
  sessionCacheMs: number;
  secureCookies: 'auto' | boolean;
  trustProxy: boolean;
  loginMaxFailures: number;
  lockMs: number;
  logLevel: RawConfig['LINLI_LOG_LEVEL'];
  bodyLimitBytes: number;
  /** The map residents pin places on (ADR 0016); null when no tile server is configured. */
  map: MapSettings | null;
  /** Database connections the server keeps (`defaultPoolSize` unless LINLI_DB_POOL says otherwise). */
  dbPool: number;
  /** Personal-data keys (base64 or hex, 32 bytes); undefined → generated under the data directory. */
  secretKey: string | undefined;
  previousSecretKeys: string[];
  indexKey: string | undefined;
  /** Where messages to residents go: the log (default), or a webhook signed with the secret. */
  notify: {
    webhookUrl: string | undefined;
    webhookSecret: string | undefined;
    webhookTimeoutMs: number;
    maxAttempts: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`配置有误 (invalid configuration):\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Read and validate the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${i.path.join('.')}=${JSON.stringify(picked[String(i.path[0])] ?? '')}: ${i.message}`,
      ),
    );
  }
  const c = parsed.data;
  if (c.LINLI_MAP_TILES?.includes('{s}') && !c.LINLI_MAP_SUBDOMAINS) {
    throw new ConfigError(['LINLI_MAP_SUBDOMAINS="": 瓦片地址含 {s} 时须写出它可取的值，例如天地图的 01234567']);
  }
  if (c.LINLI_NOTIFY_WEBHOOK_URL && !c.LINLI_NOTIFY_WEBHOOK_SECRET) {
    throw new ConfigError([
      'LINLI_NOTIFY_WEBHOOK_SECRET="": 设置了 LINLI_NOTIFY_WEBHOOK_URL 时必须同时设置签名密钥（openssl rand -hex 32）',
    ]);
  }
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.LINLI_DATA_DIR),
    pgPort: c.LINLI_PG_PORT,
    adminUser: c.LINLI_ADMIN_USER,
    adminPassword: c.LINLI_ADMIN_PASSWORD,
    demo: c.LINLI_DEMO,
    demoPassword: c.LINLI_DEMO_PASSWORD,
    sessionIdleMs: c.LINLI_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: c.LINLI_SESSION_ABSOLUTE_HOURS * 3_600_000,
    sessionCacheMs: c.LINLI_SESSION_CACHE_SECONDS * 1000,
    secureCookies: c.LINLI_SECURE_COOKIES === 'auto' ? 'auto' : c.LINLI_SECURE_COOKIES === 'true',
    trustProxy: c.LINLI_TRUST_PROXY,
    loginMaxFailures: c.LINLI_LOGIN_MAX_FAILURES,
    lockMs: c.LINLI_LOCK_MINUTES * 60_000,
    logLevel: c.LINLI_LOG_LEVEL,
    bodyLimitBytes: c.LINLI_BODY_LIMIT_BYTES,
    dbPool: c.LINLI_DB_POOL ?? defaultPoolSize(),
    map: c.LINLI_MAP_TILES
      ? {
          tiles: c.LINLI_MAP_TILES,
          subdomains: c.LINLI_MAP_SUBDOMAINS,
          attribution: c.LINLI_MAP_ATTRIBUTION,
          center: {
            latitude: Number(c.LINLI_MAP_CENTER.split(',')[0]),
            longitude: Number(c.LINLI_MAP_CENTER.split(',')[1]),
          },
          zoom: c.LINLI_MAP_ZOOM,
        }
      : null,
    secretKey: c.LINLI_SECRET_KEY,
    previousSecretKeys:
      c.LINLI_SECRET_KEY_PREVIOUS?.split(',')
        .map((k) => k.trim())
        .filter(Boolean) ?? [],
    indexKey: c.LINLI_INDEX_KEY,
    notify: {
      webhookUrl: c.LINLI_NOTIFY_WEBHOOK_URL,
      webhookSecret: c.LINLI_NOTIFY_WEBHOOK_SECRET,
      webhookTimeoutMs: c.LINLI_NOTIFY_WEBHOOK_TIMEOUT_MS,
      maxAttempts: c.LINLI_NOTIFY_MAX_ATTEMPTS,
    },
  };
}
