import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientToServerEvents, ServerToClientEvents } from '@hall/protocol';
import type { Redis, RedisOptions } from 'ioredis';
import { pino, type Logger } from 'pino';
import { Server as SocketServer } from 'socket.io';
import { Alerts } from './alerts/alert-service.js';
import { AlertStore } from './alerts/alert-store.js';
import { createApp } from './api/app.js';
import { AppointmentService } from './appointments/appointment-service.js';
import { AppointmentStore } from './appointments/appointment-store.js';
import { ContactStore } from './notifications/contact-store.js';
import type { Notifier } from './notifications/notifier.js';
import { startJobs, type BackgroundJobs } from './jobs/start-jobs.js';
import { RateLimits } from './api/rate-limits.js';
import { Authenticator } from './auth/authenticator.js';
import { systemClock, type Clock } from './auth/principal.js';
import { defaultSessionLifetimes, SessionStore, type SessionLifetimes } from './auth/sessions.js';
import { PhoneLinks } from './tickets/phone-links.js';
import { PhoneRetention } from './tickets/phone-retention.js';
import { ConfigError, type HallConfig } from './config/hall-config.js';
import { chineseCalendar, type HolidayCalendar } from './domain/calendar.js';
import { CounterService } from './halls/counter-service.js';
import { HallService } from './halls/hall-service.js';
import { EventCounter } from './metrics/event-counter.js';
import { ServerMetrics } from './metrics/metrics.js';
import { withMetrics } from './metrics/metrics-routes.js';
import { PrintService } from './printing/print-service.js';
import { PrintStore } from './printing/print-store.js';
import { NoticeService } from './notices/notice-service.js';
import { NoticeStore } from './notices/notice-store.js';
import { FollowUpStore } from './ratings/follow-up-store.js';
import { FollowUps } from './ratings/follow-ups.js';
import { RealtimeHub } from './realtime/hub.js';
import { History } from './reports/history.js';
import { ReportService } from './reports/report-service.js';
import { ReportStore } from './reports/report-store.js';
import type { RealtimeLimits } from './realtime/limits.js';
import { QueueStore } from './store/queue-store.js';
import { batchAllWrites } from './store/write-batching.js';
import { connectRedis, waitForRedis, within, type RedisTarget } from './store/redis-connection.js';
import type { ConfigService } from './hall-admin/config-service.js';
import { DeviceAdmin } from './hall-admin/device-admin.js';
import { dropRevokedSockets } from './hall-admin/drop-revoked.js';
import { StaffAdmin } from './hall-admin/staff-admin.js';
import { HallConfigs } from './hall-admin/hall-configs.js';

export interface ServerOptions {
  halls: HallConfig[];
  /** The hall's Redis (store/redis-connection.ts). */
  redis: RedisTarget;
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
  /** Where the reports' daily archives go (`<dataDir>/archive/<hallId>/`); none: no archives, no trimming. */
  dataDir?: string;
  /** How often each hall's history folds, archives and trims (ms); 0: only when a report is read. */
  reportsEveryMs?: number;
  /** How often this node looks for due alerts (ms); 0 (the default) leaves it to `alerts.tick()`. */
  alertEveryMs?: number;
  /** Reverse proxies whose X-Forwarded-* headers are believed (TRUSTED_PROXIES); none by default. */
  trustedProxies?: string[];
  /** Staff sessions: idle and longest lifetime (default 30 minutes and 12 hours). */
  sessions?: SessionLifetimes;
  /** Deadline of one Redis command in ms (default 1500): a frozen Redis gives 503, not a hang. */
  redisCommandTimeoutMs?: number;
  /** How long a resident's phone number stays in Redis (default 24 h), and how often it is swept. */
  phoneRetentionMs?: number;
  phoneSweepEveryMs?: number;
  /** What one realtime subscriber may cost (server/src/realtime/limits.ts for the defaults). */
  realtime?: Partial<RealtimeLimits>;
  /** Bearer token GET /metrics asks for; without it /metrics is open (operator's network). */
  metricsToken?: string;
  /** The SMS webhook's secret for halls whose file names none (NOTIFY_WEBHOOK_SECRET). */
  notifySecret?: string;
  /** Run a notification worker in this process (default true when `jobs` is on). */
  notifyWorker?: boolean;
  /**
   * Replace each hall's configuration in Redis with its hall file's at start (CONFIG_FROM_FILE=replace):
   * a restore, recorded in the audit log. Otherwise the file seeds a new hall only.
   */
  restoreConfigFromFile?: boolean;
  /** How often each node compares its configuration versions with Redis (ms, default 5000; 0: never). */
  configCheckEveryMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  http: HttpServer;
  redis: Redis;
  halls: Map<string, HallService>;
  /** Bad-rating follow-ups (回访); its jobs run when `jobs` is on. */
  followUps: FollowUps;
  /** Each hall's reports and history (server/src/reports). */
  reports: Map<string, ReportService>;
  /** The alert engine: time limits, 空岗, 脱岗, bad ratings. */
  alerts: Alerts;
  /** This node's Prometheus metrics (GET /metrics). */
  metrics: ServerMetrics;
  appointments: AppointmentService;
  /** Turns events into notification jobs, while jobs run. */
  notifier: Notifier | null;
  /** Each hall's configuration: read, replace, staff and devices (server/src/hall-admin). */
  config: ConfigService;
  close(): Promise<void>;
}

/** Builds and starts one server node: HTTP API, socket.io, jobs. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const makeRedis = (extra: RedisOptions): Redis => connectRedis(options.redis, extra);
  // every command has a deadline: requests fail fast (503) while Redis is away or frozen.
  // No auto-pipelining: each of its batches is an ioredis Pipeline that copies every defined
  // script onto itself (40 scripts: ~11 KB per batch), for requests that send one script
  // each; under load the socket's own write buffer joins the writes (docs/decisions/068)
  const commandTimeout = options.redisCommandTimeoutMs ?? 1500;
  const redis = makeRedis({
    maxRetriesPerRequest: 1,
    commandTimeout,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  batchAllWrites(redis);
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  await waitForRedis(redis, logger);
  let io: SocketServer<ClientToServerEvents, ServerToClientEvents> | null = null;
  // the scrape reads each hall's current configuration: the list is refilled on every change
  const metricHalls = [...options.halls];
  const metrics = new ServerMetrics({
    halls: metricHalls,
    redis,
    sockets: () => {
      const counts: Record<string, number> = {};
      for (const [name, nsp] of io?._nsps ?? []) counts[name] = nsp.sockets.size;
      return counts;
    },
  });
  metrics.watchRedis(redis, 'main');

  const clock = options.clock ?? systemClock;
  const calendar = options.calendar ?? chineseCalendar;
  const store = new QueueStore(redis);
  // each hall's configuration lives in Redis: seeded from its file on the first start only;
  // every node follows each change (pub/sub, and a version check every few seconds)
  const configs = await HallConfigs.load({
    redis,
    subscriber: makeRedis({ maxRetriesPerRequest: null }),
    files: options.halls,
    clock,
    logger,
    restoring: options.restoreConfigFromFile === true,
    checkEveryMs: options.configCheckEveryMs ?? 5000,
  });
  const lives = configs.lives;
  const halls = new Map(
    [...lives.values()].map((live) => [live.id, new HallService(live, store, clock, calendar)]),
  );
  const publicUrl = options.publicUrl ?? `http://localhost:${options.port ?? 8080}`;
  const phoneLinks = await PhoneLinks.load(redis, [...halls.keys()], publicUrl);
  for (const h of halls.values()) h.phoneLinks = phoneLinks;
  const phones = new PhoneRetention(
    redis,
    [...halls.keys()],
    options.phoneRetentionMs ?? 24 * 3600_000,
    clock,
    logger,
  );
  phones.start(options.phoneSweepEveryMs);
  const sessions = new SessionStore(redis, options.sessions ?? defaultSessionLifetimes);
  const auth = new Authenticator([...lives.values()], sessions, redis);
  const limits = new RateLimits(redis, configs.current(), logger);
  const refillMetricHalls = () => metricHalls.splice(0, metricHalls.length, ...configs.current());
  refillMetricHalls();
  configs.onAnyChange(() => {
    limits.configure(configs.current());
    refillMetricHalls();
  });
  for (const h of halls.values()) h.configCheck = () => configs.sync.ensureCurrent(h.id);
  auth.configCheck = (hallId) => configs.sync.ensureCurrent(hallId);
  const config = await configs.service(auth, options.restoreConfigFromFile === true);
  let printing: PrintService | null = null;
  let printRedis: Redis | null = null;
  // with printing on, a printer added later through the configuration API works without a restart
  if (options.printing === true) {
    // pub/sub only: wakes the agent path when a job is queued (no polling while idle)
    printRedis = makeRedis({ maxRetriesPerRequest: null });
    printRedis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
    // subscribe only once the connection is ready: a SUBSCRIBE that goes out during ioredis's
    // connect handshake makes its ready check (INFO) fail, and the connection drops its channels
    await printRedis.ping();
    metrics.watchRedis(printRedis, 'printing');
    printing = new PrintService({
      halls,
      store: new PrintStore(redis),
      subscriber: printRedis,
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
  // the hall's memory: events folded exactly once into reports, archived, then trimmed
  const reportStore = new ReportStore(redis);
  const reports = new Map(
    [...lives.values()].map((h) => {
      const history = new History(reportStore, h, {
        dataDir: options.dataDir ?? null,
        logger,
        now: () => clock.now(),
      });
      return [h.id, new ReportService(reportStore, history)];
    }),
  );
  const reportsEveryMs = options.reportsEveryMs ?? 0;
  if (reportsEveryMs > 0) for (const r of reports.values()) r.history.start(reportsEveryMs);
  // time limits, 空岗, 脱岗 and bad ratings: folded from the event stream, raised once per cause
  const alerts = new Alerts({ store: new AlertStore(redis), halls, clock, logger });
  await alerts.init();
  alerts.start(options.alertEveryMs ?? 0);
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
    reports,
    alerts,
    phoneLinks,
    phones,
    hallAdmin: {
      config,
      staff: new StaffAdmin(config, auth, redis),
      devices: new DeviceAdmin(config, publicUrl),
      now: () => clock.now(),
      calendar,
    },
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    ...(options.pages ? { pages: options.pages } : {}),
  });

  const http = createServer(
    withMetrics(app, metrics, options.metricsToken, options.trustedProxies),
  );
  // keep idle connections longer than clients and proxies do, so a reused connection is never
  // closed under a request in flight
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  io = new SocketServer<ClientToServerEvents, ServerToClientEvents>(http, {
    path: '/socket.io',
    serveClient: false,
    cors: { origin: false },
    // frames are small JSON: compressing them costs CPU and a zlib context per socket
    perMessageDeflate: false,
    httpCompression: false,
    // clients send only `subscribe` (and printer agents small reports)
    maxHttpBufferSize: 64 * 1024,
  });
  // the event tail blocks up to 2 s per read (XREAD BLOCK): its client's deadline is longer
  const hubRedis = makeRedis({ maxRetriesPerRequest: 1, commandTimeout: 5000 });
  hubRedis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  const hub = new RealtimeHub(io, hubRedis, halls, auth, logger, {
    ...(options.realtime ? { limits: options.realtime } : {}),
    trustProxy: app.get('trust proxy fn') as (address: string, hop: number) => boolean,
  });
  printing?.attach(io);
  const printService = printing;
  if (printService) configs.onAnyChange(() => printService.subscribeWakeUps());
  dropRevokedSockets(io, lives.values());

  let jobs: BackgroundJobs | null = null;
  if (options.jobs) {
    const connection = makeRedis({ maxRetriesPerRequest: null });
    metrics.watchRedis(connection, 'jobs');
    jobs = await startJobs({
      connection,
      redis,
      prefix: options.queuePrefix ?? '{bull}',
      halls,
      hallFiles: options.halls,
      currentHalls: configs.currentMap(),
      followUps,
      appointments,
      contacts,
      clock,
      logger,
      notifyWorker: options.notifyWorker !== false,
      ...(options.notifySecret ? { notifySecret: options.notifySecret } : {}),
    });
  }
  const notifier = jobs?.notifier ?? null;

  const eventCounter = new EventCounter(metrics, redis, logger);
  await eventCounter.start(options.halls);

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
    reports,
    alerts,
    metrics,
    appointments,
    notifier,
    config,
    close: async () => {
      // BullMQ waits for Redis to say goodbye: with Redis gone that is forever, so each
      // Redis-bound step gets a bound and the connections are dropped after it
      // one budget for all of them: 3 s, or 0.5 s when Redis is not even connected
      const closeBy = Date.now() + (redis.status === 'ready' ? 3000 : 500);
      const left = () => Math.max(0, closeBy - Date.now());
      eventCounter.close();
      configs.close();
      await within(left(), Promise.all([...reports.values()].map((r) => r.history.stop())));
      phones.close();
      counter.close();
      await within(left(), alerts.close());
      hub.close();
      await within(left(), printing?.close());
      printRedis?.disconnect();
      const closed = new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      // idle keep-alive connections go now; requests in flight get a moment to finish
      http.closeIdleConnections();
      const force = setTimeout(() => http.closeAllConnections(), 2000);
      await closed;
      clearTimeout(force);
      hubRedis.disconnect();
      if (jobs) {
        await within(left(), jobs.close());
        jobs.disconnect();
      }
      redis.disconnect();
    },
  };
}
