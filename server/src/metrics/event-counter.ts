import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { HallConfig } from '../config/hall-config.js';
import { entryField, entryType, type StreamEntry } from '../realtime/event-reader.js';
import { hallKeys } from '../store/keys.js';
import type { ServerMetrics } from './metrics.js';

/**
 * Feeds the event counters from each hall's stream, the source of truth: whatever
 * path issued, called or finished a ticket (any node, any route, a job), the
 * counter sees its event once. Each node reads on its own connection, from the end
 * of the stream at start-up, so its counters are hall-wide totals since that
 * moment (aggregate nodes with max, not sum). A busy hall is read in batches (READ_EVERY_MS).
 */
export class EventCounter {
  private running = true;
  private readonly readers: Redis[] = [];

  constructor(
    private readonly metrics: ServerMetrics,
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts one blocking reader per hall; resolves once each knows where the stream ends. */
  async start(halls: HallConfig[]): Promise<void> {
    await Promise.all(halls.map((h) => this.startHall(h)));
  }

  private async startHall(hall: HallConfig): Promise<void> {
    const key = hallKeys(hall.id).events;
    const last = (await this.redis.xrevrange(key, '+', '-', 'COUNT', 1)) as StreamEntry[];
    let pos = last[0]?.[0] ?? '0-0';
    // a blocking read shorter than the connection's command deadline (1.5 s), so a quiet hall
    // is not taken for a frozen Redis
    const reader = this.redis.duplicate();
    reader.on('error', () => undefined);
    this.readers.push(reader);
    const loop = async () => {
      while (this.running) {
        try {
          const started = Date.now();
          const result = await reader.xread('COUNT', BATCH, 'BLOCK', 1000, 'STREAMS', key, pos);
          let read = 0;
          for (const [, entries] of result ?? []) {
            for (const entry of entries) {
              pos = entry[0];
              this.count(hall.id, entry);
            }
            read += entries.length;
          }
          // caught up with a busy hall: the next read waits out the rest of READ_EVERY_MS, so
          // the stream is read in batches, not once for every event or two
          if (read > 0 && read < BATCH) await pause(READ_EVERY_MS - (Date.now() - started));
        } catch (err) {
          if (!this.running) break;
          this.logger.debug({ err }, 'metrics stream reader failed; retrying');
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    void loop();
  }

  /** Counts one event: a few microseconds (bench/event-counter-bench.ts). */
  private count(hallId: string, entry: StreamEntry): void {
    const [id, fields] = entry;
    const appendedAt = Number(id.slice(0, id.indexOf('-')));
    if (Number.isFinite(appendedAt)) {
      this.metrics.streamLag.observe({ hall: hallId }, Math.max(0, this.now() - appendedAt) / 1000);
    }
    // scripts append type, at, data in that order (includes/common.lua emit); look further
    // only for an entry written otherwise
    const type = entryType(entry);
    if (type === undefined || !COUNTED.has(type)) return;
    const json = fields[4] === 'data' ? fields[5] : entryField(entry, 'data');
    // a print job is counted only when it met a printer problem: most are not parsed at all
    if (type === 'print.updated' && !json?.includes('printer_problem')) return;
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(json || '{}') as Record<string, unknown>;
    } catch {
      return;
    }
    const service = typeof data.serviceId === 'string' ? data.serviceId : '';
    const m = this.metrics;
    switch (type) {
      case 'ticket.issued':
        m.ticketsIssued.inc({ hall: hallId, service });
        break;
      case 'ticket.called':
        m.calls.inc({ hall: hallId, service, kind: 'call' });
        break;
      case 'ticket.recalled':
        m.calls.inc({ hall: hallId, service, kind: 'recall' });
        break;
      case 'ticket.finished':
        m.ticketsServed.inc({
          hall: hallId,
          service,
          outcome: typeof data.outcome === 'string' ? data.outcome : '',
        });
        break;
      case 'ticket.no_show':
        m.noShows.inc({ hall: hallId, service });
        break;
      case 'print.updated':
        if (data.status === 'printer_problem') {
          m.printFailures.inc({
            hall: hallId,
            problem: typeof data.problem === 'string' ? data.problem : 'unknown',
          });
        }
        break;
      default:
        break;
    }
  }

  close(): void {
    this.running = false;
    for (const r of this.readers) r.disconnect();
  }
}

/** Events read at most at once. */
const BATCH = 500;
/**
 * A hall's stream is read at most this often while events keep coming (a quiet hall's first
 * event is read at once): the counters and the lag histogram trail a busy hall by up to this.
 */
const READ_EVERY_MS = 100;

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

/** The event types the counters count. */
const COUNTED = new Set([
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.finished',
  'ticket.no_show',
  'print.updated',
]);
