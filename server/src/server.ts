import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientToServerEvents, ServerToClientEvents } from '@hall/protocol';
import { Redis, type RedisOptions } from 'ioredis';
import { pino, type Logger } from 'pino';
import { Server as SocketServer } from 'socket.io';
import { createApp } from './api/app.js';
import { RateLimits } from './api/rate-limits.js';
import { Authenticator } from './auth/authenticator.js';
import { systemClock, type Clock } from './auth/principal.js';
import { SessionStore } from './auth/sessions.js';
import type { HallConfig } from './config/hall-config.js';
import { chineseCalendar, type HolidayCalendar } from './domain/calendar.js';
import { HallService } from './halls/hall-service.js';
import { startRollover } from './jobs/rollover.js';
import { RealtimeHub } from './realtime/hub.js';
import { QueueStore } from './store/queue-store.js';

export interface ServerOptions {
  halls: HallConfig[];
  /** ioredis options (host/port or Unix socket path) or a redis:// URL. */
  redis: RedisOptions | string;
  port?: number;
  host?: string;
  clock?: Clock;
  calendar?: HolidayCalendar;
  logger?: Logger;
  /** Run the BullMQ jobs (day rollover); off in most tests. */
  jobs?: boolean;
  pages?: Record<string, string>;
}

export interface RunningServer {
  url: string;
  port: number;
  http: HttpServer;
  redis: Redis;
  halls: Map<string, HallService>;
  close(): Promise<void>;
}

/** Builds and starts one server node: HTTP API, socket.io, jobs. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const redisOptions: RedisOptions = typeof options.redis === 'string' ? {} : options.redis;
  const makeRedis = (extra: RedisOptions) =>
    typeof options.redis === 'string'
      ? new Redis(options.redis, extra)
      : new Redis({ ...redisOptions, ...extra });
  // requests fail fast (503) while Redis is away instead of hanging
  const redis = makeRedis({ maxRetriesPerRequest: 2 });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  await redis.ping();

  const clock = options.clock ?? systemClock;
  const calendar = options.calendar ?? chineseCalendar;
  const store = new QueueStore(redis);
  const halls = new Map(
    options.halls.map((h) => [h.id, new HallService(h, store, clock, calendar)]),
  );
  const sessions = new SessionStore(redis);
  const auth = new Authenticator(options.halls, sessions);
  const limits = new RateLimits(redis, options.halls);
  const app = createApp({
    halls,
    auth,
    limits,
    redis,
    logger,
    ...(options.pages ? { pages: options.pages } : {}),
  });

  const http = createServer(app);
  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents>(http, {
    path: '/socket.io',
    serveClient: false,
    cors: { origin: false },
  });
  const hub = new RealtimeHub(io, redis, halls, auth, logger);

  let jobs: { close: () => Promise<void> } | null = null;
  if (options.jobs) {
    const jobRedis = makeRedis({ maxRetriesPerRequest: null });
    const rollover = await startRollover(jobRedis, halls, logger);
    jobs = {
      close: async () => {
        await rollover.close();
        jobRedis.disconnect();
      },
    };
  }

  await new Promise<void>((resolve) =>
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const port = (http.address() as AddressInfo).port;
  logger.info({ port }, 'listening');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    http,
    redis,
    halls,
    close: async () => {
      hub.close();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      if (jobs) await jobs.close();
      redis.disconnect();
    },
  };
}
