import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './hall-config.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** Use this Redis; without it `npm start` runs its own under DATA_DIR. */
  REDIS_URL: z
    .string()
    .refine((u) => /^redis\+cluster:\/\/[\w.-]+:\d+(,[\w.-]+:\d+)*$/.test(u) || URL.canParse(u), {
      message: 'a redis:// URL (or redis+cluster://host:port,host:port)',
    })
    .optional(),
  /** Hall files, comma-separated. */
  HALL_CONFIG: z.string().optional(),
  DATA_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The address residents' phones reach (for QR codes); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** Reverse proxies whose X-Forwarded-For/-Proto are believed: addresses, subnets or
   * express names (loopback, uniquelocal), comma-separated. None by default. */
  TRUSTED_PROXIES: z.string().default(''),
  /** A staff session unused this long ends (the console renews it while in use). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
  /** Residents' phone numbers are removed from Redis this long after the ticket is issued. */
  PHONE_RETENTION_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 40)
    .default(24),
  /** Redis Cluster seed nodes, `host:port,host:port` (instead of REDIS_URL). */
  REDIS_CLUSTER: z
    .string()
    .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'host:port,host:port,…')
    .optional(),
  /** Redis Sentinel nodes, `host:port,host:port`, and the name of the master they watch. */
  REDIS_SENTINELS: z
    .string()
    .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'host:port,host:port,…')
    .optional(),
  REDIS_SENTINEL_MASTER: z.string().min(1).default('mymaster'),
  /** Password of the Redis nodes with REDIS_CLUSTER or REDIS_SENTINELS (REDIS_URL carries its own). */
  REDIS_PASSWORD: z.string().min(1).optional(),
  /** Bearer token /metrics asks for; without it /metrics is open (keep it on the operator's network). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Run the demo's virtual printer beside the server: on by default for the demo hall only. */
  DEMO_PRINTER: z.enum(['on', 'off']).optional(),
  /** The demo virtual printer's receipts page port. */
  DEMO_PRINTER_PORT: z.coerce.number().int().min(1).max(65535).default(9180),
  /** How long a shutdown may take before the process exits anyway (ms). */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** The SMS webhook's HMAC secret for halls whose file names none. */
  NOTIFY_WEBHOOK_SECRET: z.string().min(16).optional(),
  /**
   * seed (default): a hall file starts a new hall, after which its configuration lives in Redis;
   * replace: each hall's configuration in Redis is replaced with its file's at start (a restore).
   */
  CONFIG_FROM_FILE: z.enum(['seed', 'replace']).default('seed'),
});

export interface ServerEnv {
  port: number;
  host: string;
  redisUrl: string | undefined;
  hallFiles: string[];
  dataDir: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  publicUrl: string;
  trustedProxies: string[];
  sessionIdleMinutes: number;
  phoneRetentionHours: number;
  /** Redis Cluster seed nodes (REDIS_CLUSTER), or null. */
  redisCluster: { host: string; port: number }[] | null;
  /** Redis Sentinel nodes and master name (REDIS_SENTINELS), or null. */
  redisSentinel: { sentinels: { host: string; port: number }[]; name: string } | null;
  redisPassword: string | undefined;
  metricsToken: string | undefined;
  /** Whether to run the demo's virtual printer and its agent beside the server. */
  demoPrinter: boolean;
  demoPrinterPort: number;
  /** Replace the halls' configurations in Redis with their files' at start (CONFIG_FROM_FILE=replace). */
  restoreConfigFromFile: boolean;
  shutdownTimeoutMs: number;
  notifyWebhookSecret: string | undefined;
}

function hostPorts(list: string): { host: string; port: number }[] {
  return list.split(',').map((hp) => {
    const i = hp.lastIndexOf(':');
    return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) };
  });
}

/**
 * The only reader of process.env. Relative paths given by the user are taken from
 * where they ran npm (INIT_CWD), else from the repository root; the defaults
 * (config/demo.yaml, data/) always from the repository root, so `npm start` works
 * from any folder of the project.
 */
export function readEnv(env: NodeJS.ProcessEnv, repoRoot: string): ServerEnv {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `environment variable ${String(issue?.path[0])}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const e = parsed.data;
  const base = env.INIT_CWD ?? repoRoot;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return {
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    hallFiles: e.HALL_CONFIG
      ? e.HALL_CONFIG.split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .map(abs)
      : [resolve(repoRoot, 'config', 'demo.yaml')],
    dataDir: e.DATA_DIR ? abs(e.DATA_DIR) : resolve(repoRoot, 'data'),
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    trustedProxies: e.TRUSTED_PROXIES.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    phoneRetentionHours: e.PHONE_RETENTION_HOURS,
    redisCluster: e.REDIS_CLUSTER ? hostPorts(e.REDIS_CLUSTER) : null,
    redisSentinel: e.REDIS_SENTINELS
      ? { sentinels: hostPorts(e.REDIS_SENTINELS), name: e.REDIS_SENTINEL_MASTER }
      : null,
    redisPassword: e.REDIS_PASSWORD,
    metricsToken: e.METRICS_TOKEN,
    demoPrinter: e.DEMO_PRINTER ? e.DEMO_PRINTER === 'on' : e.HALL_CONFIG === undefined,
    demoPrinterPort: e.DEMO_PRINTER_PORT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    notifyWebhookSecret: e.NOTIFY_WEBHOOK_SECRET,
    restoreConfigFromFile: e.CONFIG_FROM_FILE === 'replace',
  };
}
