import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './hall-config.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** Use this Redis; without it `npm start` runs its own under DATA_DIR. */
  REDIS_URL: z.string().url().optional(),
  /** Hall files, comma-separated. */
  HALL_CONFIG: z.string().default('config/demo.yaml'),
  DATA_DIR: z.string().default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The address residents' phones reach (for QR codes); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** The SMS webhook's HMAC secret for halls whose file names none. */
  NOTIFY_WEBHOOK_SECRET: z.string().min(16).optional(),
});

export interface ServerEnv {
  port: number;
  host: string;
  redisUrl: string | undefined;
  hallFiles: string[];
  dataDir: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  publicUrl: string;
  notifyWebhookSecret: string | undefined;
}

/**
 * The only reader of process.env. Relative paths are taken from where the user
 * ran npm (INIT_CWD), else from the repository root.
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
    hallFiles: e.HALL_CONFIG.split(',')
      .map((p) => abs(p.trim()))
      .filter(Boolean),
    dataDir: abs(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    notifyWebhookSecret: e.NOTIFY_WEBHOOK_SECRET,
  };
}
