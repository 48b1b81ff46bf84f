import { type Alert, type AlertKind, type AlertStep, type SupervisionView } from '@hall/protocol';
import type { Logger } from 'pino';
import type { Clock } from '../auth/principal.js';
import type { HallConfig } from '../config/hall-config.js';
import { businessDay, toHallIso } from '../domain/business-day.js';
import type { HallService } from '../halls/hall-service.js';
import { causeEvents, causeOps } from './alert-causes.js';
import { encodeOps, netOps } from './alert-ops.js';
import type { AlertRecord, AlertStore } from './alert-store.js';
import { supervisionView } from './supervision.js';

const BATCH = 500;

export interface AlertsOptions {
  store: AlertStore;
  halls: Map<string, HallService>;
  clock: Clock;
  logger: Logger;
}

/**
 * The alert engine (DOMAIN rules 5, 6, 8, 15): each node folds its halls' new events into
 * running causes and raises what is due, every second, with Lua scripts that let exactly one
 * node do each step (docs/decisions/039-alerts-folded-from-the-event-stream.md). Nothing is
 * scanned: a tick reads the events after the cursor and the deadlines that have come.
 */
export class Alerts {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly opts: AlertsOptions) {}

  /** Sets where folding starts for halls never folded; call once before events can be missed. */
  async init(): Promise<void> {
    for (const hall of this.opts.halls.values()) await this.opts.store.initCursor(hall.config);
  }

  /** Ticks every `everyMs` until close(); 0 leaves ticking to the caller (tests). */
  start(everyMs: number): void {
    if (this.timer || !(everyMs > 0)) return;
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.opts.logger.warn({ err }, 'alert tick failed'));
    }, everyMs);
    this.timer.unref();
  }

  /** Stops ticking and waits for a tick under way. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Folds new events and raises what is due, in every hall; one tick at a time per node. */
  tick(): Promise<void> {
    if (!this.running) {
      this.running = (async () => {
        try {
          for (const hall of this.opts.halls.values()) {
            // one hall's trouble (a script error) does not hold up the others
            await this.runHall(hall.config).catch((err: unknown) =>
              this.opts.logger.warn({ err, hallId: hall.id }, 'alert tick failed'),
            );
          }
        } finally {
          this.running = null;
        }
      })();
    }
    return this.running;
  }

  private async runHall(hall: HallConfig): Promise<void> {
    const { store, clock } = this.opts;
    for (let attempt = 0; attempt < 10; attempt++) {
      await this.fold(hall);
      const now = clock.now();
      const fired = await store.fire(hall, now, businessDay(now, hall.timeZone));
      if (fired) {
        if (fired.raised || fired.escalated)
          this.opts.logger.info({ hallId: hall.id, ...fired }, 'alerts raised');
        return;
      }
    }
  }

  /** Folds every event after the cursor; another node folding the same batch wins or loses whole. */
  private async fold(hall: HallConfig): Promise<void> {
    const { store } = this.opts;
    for (;;) {
      const { cursor, entries } = await store.unfolded(hall, BATCH);
      const last = entries[entries.length - 1]?.[0];
      if (!last) return;
      const more = entries.length >= BATCH;
      const ops = encodeOps(netOps(causeOps(hall, causeEvents(entries))));
      // the entries are not held while the script runs (under load they would outlive a
      // young-generation collection)
      const folded = await store.fold(hall, cursor, last, ops);
      // not folded: another node did; read again from where it left the cursor
      if (folded && !more) return;
    }
  }

  /** Open alerts, or the alerts raised on a business day (default today), newest first. */
  async list(hall: HallService, state: 'open' | 'all', date?: string): Promise<Alert[]> {
    const day = date ?? hall.today();
    const records = await this.opts.store.list(hall.config, state, day);
    return records.map((r) => this.present(hall.config, r));
  }

  async ack(hall: HallService, alertId: string, by: string, note: string): Promise<Alert> {
    const r = await this.opts.store.ack(hall.config, alertId, this.opts.clock.now(), by, note);
    return this.present(hall.config, r);
  }

  /** The live board's timers and limits. */
  supervision(hall: HallService): Promise<SupervisionView> {
    return supervisionView(this.opts.store.redis, hall.config, this.opts.clock.now());
  }

  private present(hall: HallConfig, r: AlertRecord): Alert {
    const iso = (v: string | number) => toHallIso(Number(v), hall.timeZone);
    let steps: {
      action: AlertStep['action'];
      at: number;
      level?: string;
      by?: string;
      note?: string;
    }[] = [];
    try {
      steps = JSON.parse(r.history ?? '[]') as typeof steps;
    } catch {
      steps = [];
    }
    const kind = r.kind as AlertKind;
    const alert: Alert = {
      id: r.id ?? '',
      kind,
      level: r.level === 'red' ? 'red' : 'yellow',
      since: iso(r.since ?? r.raisedAt ?? 0),
      limitMinutes:
        kind === 'bad_rating' || kind === 'follow_up_overdue' ? null : Number(r.limit ?? 0),
      raisedAt: iso(r.raisedAt ?? 0),
      open: r.open === '1',
      history: steps.map((s) => {
        const step: AlertStep = { action: s.action, at: iso(s.at) };
        if (s.level === 'yellow' || s.level === 'red') step.level = s.level;
        if (s.by) step.by = s.by;
        if (s.note) step.note = s.note;
        return step;
      }),
    };
    for (const f of ['serviceId', 'windowId', 'clerkId', 'ticketId', 'number'] as const) {
      if (r[f]) alert[f] = r[f];
    }
    if (r.pauseKind === 'brief' || r.pauseKind === 'closed') alert.pauseKind = r.pauseKind;
    if (r.score) alert.score = Number(r.score);
    if (r.escalatedAt) alert.escalatedAt = iso(r.escalatedAt);
    if (r.acknowledgedAt) alert.acknowledgedAt = iso(r.acknowledgedAt);
    if (r.acknowledgedBy) alert.acknowledgedBy = r.acknowledgedBy;
    if (r.note) alert.note = r.note;
    if (r.clearedAt) alert.clearedAt = iso(r.clearedAt);
    return alert;
  }
}
