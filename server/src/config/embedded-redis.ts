import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface EmbeddedRedis {
  /** Unix socket path to connect to. */
  path: string;
  stop(): Promise<void>;
}

async function ping(path: string): Promise<boolean> {
  const client = new Redis({
    path,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function haveRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Installs redis-server with apt-get when running as root; otherwise says what to do, in one line. */
function ensureRedisServer(logger: Logger): void {
  if (haveRedisServer()) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!root || !apt) {
    throw new Error(
      '需要 redis-server：请先安装（Debian/Ubuntu：sudo apt-get install -y redis-server），或设置 REDIS_URL — ' +
        'redis-server is missing: install it (sudo apt-get install -y redis-server) or set REDIS_URL',
    );
  }
  logger.info('redis-server not found: installing it with apt-get');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0 || !haveRedisServer()) throw new Error('apt-get install redis-server failed');
}

/**
 * Runs a private redis-server with AOF persistence under `dataDir/redis`,
 * reachable only through a Unix socket there (no port to clash with or expose).
 * An instance left running by an earlier start is reused.
 */
export async function startEmbeddedRedis(dataDir: string, logger: Logger): Promise<EmbeddedRedis> {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'redis.sock');
  if (existsSync(path) && (await ping(path))) {
    logger.info({ path }, 'using the redis-server already running in the data folder');
    return { path, stop: () => Promise.resolve() };
  }
  ensureRedisServer(logger);
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      '0',
      '--unixsocket',
      path,
      '--unixsocketperm',
      '700',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      '--logfile',
      join(dir, 'redis.log'),
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 100; i++) {
    if (await ping(path)) break;
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await ping(path))) throw new Error('redis-server did not start within 10 s');
  logger.info({ dir }, 'started redis-server (AOF on)');
  return {
    path,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
