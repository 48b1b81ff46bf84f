import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientToServerEvents, ServerToClientEvents } from '@hall/protocol';
import { Redis, type RedisOptions } from 'ioredis';
import { pino, type Logger } from 'pino';
import { Server as SocketServer } from 'socket.io';
import { createApp } from './api/app.js';
import { AppointmentService } from './appointments/appointment-service.js';
import { AppointmentStore } from './appointments/appointment-store.js';
import { Queue } from 'bullmq';
import { ContactStore } from './notifications/contact-store.js';
import {
  NOTIFY_QUEUE,
  startNotificationWorker,
  type NotifyJobData,
} from './notifications/notification-jobs.js';
import { Notifier } from './notifications/notifier.js';
import { RateLimits } from './api/rate-limits.js';
import { Authenticator } from './auth/authenticator.js';
import { systemClock, type Clock } from './auth/principal.js';
import { SessionStore } from './auth/sessions.js';
import { ConfigError, type HallConfig } from './config/hall-config.js';
import { chineseCalendar, type HolidayCalendar } from './domain/calendar.js';
import { CounterService } from './halls/counter-service.js';
import { HallService } from './halls/hall-service.js';
import { startRollover } from './jobs/rollover.js';
import { PrintService } from './printing/print-service.js';
import { PrintStore } from './printing/print-store.js';
import { NoticeService } from './notices/notice-service.js';
import { NoticeStore } from './notices/notice-store.js';
import { FollowUpStore } from './ratings/follow-up-store.js';
import { FollowUps } from './ratings/follow-ups.js';
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
  /** Queue print jobs and serve printer agents (halls with a printer device); off in most tests. */
  printing?: boolean;
  /** Where residents' phones reach this server (the ticket's QR code); default http://localhost:PORT. */
  publicUrl?: string;
  /** BullMQ key prefix of the follow-up queue (default {bull}); tests give each server its own. */
  queuePrefix?: string;
  /** The SMS webhook's secret for halls whose file names none (NOTIFY_WEBHOOK_SECRET). */
  notifySecret?: string;
  /** Run a notification worker in this process (default true when `jobs` is on). */
  notifyWorker?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  http: HttpServer;
  redis: Redis;
  halls: Map<string, HallService>;
  /** Bad-rating follow-ups (回访); its jobs run when `jobs` is on. */
  followUps: FollowUps;
  appointments: AppointmentService;
  /** Turns events into notification jobs, while jobs run. */
  notifier: Notifier | null;
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
  const publicUrl = options.publicUrl ?? `http://localhost:${options.port ?? 8080}`;
  for (const h of halls.values()) h.publicUrl = publicUrl;
  const sessions = new SessionStore(redis);
  const auth = new Authenticator(options.halls, sessions);
  const limits = new RateLimits(redis, options.halls);
  let printing: PrintService | null = null;
  let printRedis: Redis | null = null;
  if (
    options.printing === true &&
    options.halls.some((h) => h.devices.some((d) => d.kind === 'printer'))
  ) {
    printRedis = makeRedis({ maxRetriesPerRequest: null });
    printRedis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
    printing = new PrintService({
      halls,
      store: new PrintStore(redis),
      connection: printRedis,
      auth,
      clock,
      logger,
      publicUrl,
    });
    for (const h of halls.values()) h.printing = printing;
  }
  // A/B handover, console presence, idle sign-out, the clerk's desk
  const counter = new CounterService(redis, halls, clock, logger);
  counter.start();
  // the hall screen's rolling notices, in the public snapshot and managed by supervisors
  const notices = new NoticeService(new NoticeStore(redis), clock);
  for (const h of halls.values()) h.notices = notices;
  // bad ratings start a follow-up (回访) through a BullMQ job; list, close, escalate
  const followUps = new FollowUps({
    store: new FollowUpStore(redis),
    halls,
    clock,
    calendar,
    logger,
  });
  for (const h of halls.values()) h.followUps = followUps;
  // appointment slots and bookings (预约)
  const appointments = new AppointmentService(new AppointmentStore(redis), clock, calendar);
  // SMS notifications: contacts left with consent, jobs from the event stream
  const contacts = new ContactStore(redis, clock);
  for (const h of options.halls) {
    const n = h.notifications;
    if (n.sender === 'webhook' && !n.webhook?.secret && !options.notifySecret)
      throw new ConfigError(
        `hall ${h.id}: notifications.webhook.secret (or NOTIFY_WEBHOOK_SECRET) is required`,
      );
  }
  const app = createApp({
    appointments,
    contacts,
    halls,
    auth,
    limits,
    redis,
    logger,
    printing,
    counter,
    notices,
    followUps,
    ...(options.pages ? { pages: options.pages } : {}),
  });

  const http = createServer(app);
  // keep idle connections longer than clients and proxies do, so a reused connection is never
  // closed under a request in flight
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  const io = new SocketServer<ClientToServerEvents, ServerToClientEvents>(http, {
    path: '/socket.io',
    serveClient: false,
    cors: { origin: false },
  });
  const hub = new RealtimeHub(io, redis, halls, auth, logger);
  printing?.attach(io);

  let jobs: { close: () => Promise<void> } | null = null;
  let notifier: Notifier | null = null;
  if (options.jobs) {
    const jobRedis = makeRedis({ maxRetriesPerRequest: null });
    const prefix = options.queuePrefix ?? '{bull}';
    const rollover = await startRollover(jobRedis, halls, logger, prefix);
    await followUps.startJobs({
      connection: jobRedis,
      prefix,
      escalateEveryMs: 60_000,
    });
    const notifyQueue = new Queue<NotifyJobData>(NOTIFY_QUEUE, { connection: jobRedis, prefix });
    notifier = new Notifier({ redis, halls, contacts, queue: notifyQueue, clock, logger });
    notifier.start();
    appointments.startSweeping(options.halls, 60_000, (err) =>
      logger.warn({ err }, 'appointment no-show sweep failed'),
    );
    const notifyWorker =
      options.notifyWorker === false
        ? null
        : await startNotificationWorker({
            redis,
            connection: jobRedis,
            prefix,
            halls: new Map(options.halls.map((h) => [h.id, h])),
            clock,
            logger,
            defaultSecret: options.notifySecret,
          });
    const stopNotifier = notifier;
    jobs = {
      close: async () => {
        appointments.stopSweeping();
        await stopNotifier.close();
        await notifyWorker?.close();
        await notifyQueue.close();
        await followUps.stop();
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
    followUps,
    appointments,
    notifier,
    close: async () => {
      counter.close();
      hub.close();
      await printing?.close();
      printRedis?.disconnect();
      const closed = new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      // idle keep-alive connections go now; requests in flight get a moment to finish
      http.closeIdleConnections();
      const force = setTimeout(() => http.closeAllConnections(), 2000);
      await closed;
      clearTimeout(force);
      if (jobs) await jobs.close();
      redis.disconnect();
    },
  };
}
