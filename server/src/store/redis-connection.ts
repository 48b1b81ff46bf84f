import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Where the hall's Redis is: ioredis options (host/port, a Unix socket path, sentinels), a
 * redis:// URL, a `redis+cluster://h:p,h:p` URL, or the seed nodes of a Redis Cluster (every
 * key of a hall shares one slot, {hall:ID}).
 */
export type RedisTarget =
  RedisOptions | string | { cluster: { host: string; port: number }[]; password?: string };

const CLUSTER_SCHEME = 'redis+cluster://';

/** `host:port,host:port` → seed nodes of a Redis Cluster. */
function parseClusterNodes(list: string): { host: string; port: number }[] {
  return list
    .split(',')
    .map((hp) => hp.trim())
    .filter(Boolean)
    .map((hp) => {
      const i = hp.lastIndexOf(':');
      return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) };
    });
}

/**
 * One connection to the hall's Redis (a `redis+cluster://h:p,h:p` URL: a Cluster). A Cluster client is typed as a Redis: the
 * server only sends commands whose keys share a slot (a hall's {hall:ID}, a
 * queue's {bull}), which a Cluster routes like a single Redis would.
 */
export function connectRedis(target: RedisTarget, extra: RedisOptions = {}): Redis {
  if (typeof target === 'string' && target.startsWith(CLUSTER_SCHEME)) {
    return connectRedis({ cluster: parseClusterNodes(target.slice(CLUSTER_SCHEME.length)) }, extra);
  }
  if (typeof target === 'string') return new Redis(target, extra);
  if ('cluster' in target) {
    const auth = target.password ? { password: target.password } : {};
    const cluster = new Cluster(target.cluster, { redisOptions: { ...extra, ...auth } });
    return cluster as unknown as Redis;
  }
  if (target.sentinels) {
    // a failover: follow the sentinels' switch-master at once, and treat a write refused by a
    // demoted master (READONLY) as a reason to reconnect to the new one and resend
    return new Redis({
      failoverDetector: true,
      reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
      ...target,
      ...extra,
    });
  }
  return new Redis({ ...target, ...extra });
}

/** Waits for Redis at start-up (it may start after this server), saying so in the log. */
export async function waitForRedis(redis: Redis, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await redis.ping();
      if (attempt > 1) logger.info({ attempt }, 'redis reachable');
      return;
    } catch (err) {
      logger.warn({ err: (err as Error).message, attempt }, 'waiting for redis');
      await new Promise((r) => setTimeout(r, Math.min(attempt * 250, 2000)));
    }
  }
}

/** Waits for `work`, but no longer than `ms` (it goes on unawaited). */
export async function within(ms: number, work: Promise<unknown> | undefined): Promise<void> {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
