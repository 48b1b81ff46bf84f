import type { Redis } from 'ioredis';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HallConfig } from '../config/hall-config.js';
import { hallKeys, SERVICE_LANES } from '../store/keys.js';

/** What the scrape-time gauges read: the halls, Redis and this node's sockets. */
export interface MetricsSources {
  halls: HallConfig[];
  redis: Redis;
  /** Sockets connected to this node, by socket.io namespace. */
  sockets?: () => Record<string, number>;
}

const LANES = SERVICE_LANES;

/**
 * The Prometheus metrics of one server node (prom-client). Counters of hall events
 * are fed by the node's own reader of the hall streams (event-counter.ts), HTTP
 * latency by a middleware (http-metrics.ts); the waiting and print-queue gauges are
 * read from Redis when scraped, one pipeline per hall.
 */
export class ServerMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'hall_http_request_duration_seconds',
    help: 'HTTP request latency by route template (not raw path), method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly ticketsIssued = new Counter({
    name: 'hall_tickets_issued_total',
    help: 'Tickets issued, from the hall event stream (hall-wide: every node reports the same)',
    labelNames: ['hall', 'service'] as const,
    registers: [this.registry],
  });

  readonly ticketsServed = new Counter({
    name: 'hall_tickets_served_total',
    help: 'Tickets finished at a window (办结), by outcome, from the hall event stream',
    labelNames: ['hall', 'service', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly calls = new Counter({
    name: 'hall_calls_total',
    help: 'Calls of a ticket to a window (kind: call or recall), from the hall event stream',
    labelNames: ['hall', 'service', 'kind'] as const,
    registers: [this.registry],
  });

  readonly noShows = new Counter({
    name: 'hall_no_shows_total',
    help: 'Tickets marked no-show (过号), from the hall event stream',
    labelNames: ['hall', 'service'] as const,
    registers: [this.registry],
  });

  readonly printFailures = new Counter({
    name: 'hall_print_failures_total',
    help: 'Print jobs held by a printer problem (paper_end, cover_open, offline, error, …)',
    labelNames: ['hall', 'problem'] as const,
    registers: [this.registry],
  });

  readonly streamLag = new Histogram({
    name: 'hall_event_stream_lag_seconds',
    help: "Time from an event's append to the stream until this node read it",
    labelNames: ['hall'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly redisErrors = new Counter({
    name: 'hall_redis_errors_total',
    help: 'Errors of this node’s Redis connections (connection lost, refused, timeouts)',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry });
    const { halls, redis } = sources;

    new Gauge({
      name: 'hall_waiting_tickets',
      help: 'Tickets waiting per service now (read from Redis when scraped)',
      labelNames: ['hall', 'service'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const hall of halls) {
          const k = hallKeys(hall.id);
          const pipeline = redis.pipeline();
          for (const s of hall.services)
            for (const lane of LANES) pipeline.zcard(k.lane(s.id, lane));
          const replies = (await pipeline.exec().catch(() => null)) ?? [];
          hall.services.forEach((s, i) => {
            let n = 0;
            for (let j = 0; j < LANES.length; j++) {
              const [err, value] = replies[i * LANES.length + j] ?? [null, 0];
              if (!err) n += Number(value);
            }
            this.set({ hall: hall.id, service: s.id }, n);
          });
        }
      },
    });

    new Gauge({
      name: 'hall_window_waiting_tickets',
      help: "Tickets transferred to one window and waiting in that window's own queue now",
      labelNames: ['hall', 'window'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const hall of halls) {
          const k = hallKeys(hall.id);
          const pipeline = redis.pipeline();
          for (const w of hall.windows) pipeline.zcard(k.windowLane(w.id));
          const replies = (await pipeline.exec().catch(() => null)) ?? [];
          hall.windows.forEach((w, i) => {
            const [err, value] = replies[i] ?? [null, 0];
            if (!err) this.set({ hall: hall.id, window: w.id }, Number(value));
          });
        }
      },
    });

    new Gauge({
      name: 'hall_print_queue_depth',
      help: 'Print jobs not yet printed, per printer (read from Redis when scraped)',
      labelNames: ['hall', 'printer'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const hall of halls) {
          const printers = hall.devices.filter((d) => d.kind === 'printer');
          if (printers.length === 0) continue;
          const k = hallKeys(hall.id);
          const pipeline = redis.pipeline();
          for (const p of printers) pipeline.zcard(k.printerJobs(p.id));
          const replies = (await pipeline.exec().catch(() => null)) ?? [];
          printers.forEach((p, i) => {
            const [err, value] = replies[i] ?? [null, 0];
            if (!err) this.set({ hall: hall.id, printer: p.id }, Number(value));
          });
        }
      },
    });

    const sockets = sources.sockets;
    new Gauge({
      name: 'hall_sockets_connected',
      help: 'socket.io connections to this node, by namespace (/ screens and apps, /printers agents)',
      labelNames: ['namespace'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [namespace, n] of Object.entries(sockets?.() ?? {})) this.set({ namespace }, n);
      },
    });
  }

  /** Counts the errors a Redis connection reports (it also keeps its own logging). */
  watchRedis(connection: Redis, name: string): void {
    connection.on('error', () => this.redisErrors.inc({ connection: name }));
  }

  /** The text exposition of every metric. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
