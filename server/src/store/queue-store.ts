import type { Redis } from 'ioredis';
import type { HallConfig, WindowConfig } from '../config/hall-config.js';
import { hallKeys, SERVICE_LANES, type HallKeys, type LaneName } from './keys.js';
import { loadScripts, type RunScript } from './scripts.js';
import { check, toRecord } from './reply.js';
import { runIssueTicket, type IssueParams, type IssueResult } from './issue-ticket.js';

/** A ticket as Redis holds it (hash fields, all strings). */
export type TicketRecord = Record<string, string>;
/** A window as Redis holds it, plus currentNumber/currentStatus from read-hall. */
export type WindowRecord = Record<string, string>;

export interface Mutation {
  eventId: string;
  ticket: TicketRecord;
}

/** Tickets the midnight rollover reads per script call (about a millisecond of Redis time). */
const ROLLOVER_CHUNK = 100;

function mutation(reply: unknown): Mutation {
  const r = check(reply);
  return { eventId: String(r[1]), ticket: toRecord(r[2]) };
}

/**
 * Typed calls of the hall scripts. Each method is one atomic script: it checks,
 * changes the hall and appends the event, or changes nothing and throws.
 */
export class QueueStore {
  private readonly run: RunScript;
  constructor(readonly redis: Redis) {
    this.run = loadScripts(redis);
  }

  keys(hallId: string): HallKeys {
    return hallKeys(hallId);
  }

  /**
   * Issues a ticket, with its print job when `printerId` is set, in one script; the reply
   * carries what the response's estimate needs (store/issue-ticket.ts).
   */
  issueTicket(hall: HallConfig, p: IssueParams): Promise<IssueResult> {
    return runIssueTicket(this.run, hall, p);
  }

  /** null when nobody the window serves is waiting. */
  async callNext(
    hall: HallConfig,
    window: WindowConfig,
    clerkId: string,
    now: number,
  ): Promise<Mutation | null> {
    const k = hallKeys(hall.id);
    const keys = [k.events, k.window(window.id), k.windowLane(window.id)];
    for (const s of window.services)
      keys.push(k.service(s), ...SERVICE_LANES.map((l) => k.lane(s, l)));
    const reply = await this.run('call-next', keys, [
      k.prefix,
      window.id,
      clerkId,
      now,
      window.mode,
      hall.rules.maxGreenInRow,
      window.name,
      window.services.length,
      hall.rules.maxAppointmentInRow,
    ]);
    if (Array.isArray(reply) && reply[0] === 'EMPTY') return null;
    return mutation(reply);
  }

  async callChosen(
    hall: HallConfig,
    window: WindowConfig,
    clerkId: string,
    ticketId: string,
    note: string,
    now: number,
  ): Promise<Mutation> {
    const k = hallKeys(hall.id);
    return mutation(
      await this.run(
        'call-chosen',
        [k.events, k.window(window.id), k.ticket(ticketId)],
        [
          k.prefix,
          window.id,
          clerkId,
          now,
          window.name,
          note,
          window.services.join(','),
          k.windowLane(window.id),
        ],
      ),
    );
  }

  async recall(
    hall: HallConfig,
    window: WindowConfig,
    clerkId: string,
    now: number,
  ): Promise<Mutation> {
    const k = hallKeys(hall.id);
    return mutation(
      await this.run(
        'recall',
        [k.events, k.window(window.id)],
        [k.prefix, window.id, clerkId, now, window.name, hall.rules.maxRecalls],
      ),
    );
  }

  async start(hall: HallConfig, windowId: string, clerkId: string, now: number): Promise<Mutation> {
    const k = hallKeys(hall.id);
    return mutation(
      await this.run('start', [k.events, k.window(windowId)], [k.prefix, windowId, clerkId, now]),
    );
  }

  async finish(
    hall: HallConfig,
    windowId: string,
    clerkId: string,
    outcome: string,
    missing: string[],
    now: number,
  ): Promise<Mutation> {
    const k = hallKeys(hall.id);
    return mutation(
      await this.run(
        'finish',
        [k.events, k.window(windowId), k.ratingStats],
        [
          k.prefix,
          windowId,
          clerkId,
          now,
          outcome,
          JSON.stringify(missing),
          now + hall.rules.ratingWindowSeconds * 1000,
          0.2,
        ],
      ),
    );
  }

  async noShow(
    hall: HallConfig,
    windowId: string,
    clerkId: string,
    now: number,
  ): Promise<Mutation> {
    const k = hallKeys(hall.id);
    return mutation(
      await this.run(
        'no-show',
        [k.events, k.window(windowId)],
        [k.prefix, windowId, clerkId, now, hall.rules.noShowAfterCalls],
      ),
    );
  }

  async requeue(
    hall: HallConfig,
    windowId: string,
    clerkId: string,
    ticket: TicketRecord,
    now: number,
    day: string,
  ): Promise<Mutation> {
    const k = hallKeys(hall.id);
    const ticketId = ticket.id ?? '';
    return mutation(
      await this.run(
        'requeue',
        [k.events, k.window(windowId), k.ticket(ticketId), k.seq],
        [
          k.prefix,
          windowId,
          clerkId,
          now,
          hall.rules.requeuePlacesBehindHead,
          day,
          k.lanePrefix(ticket.serviceId ?? ''),
        ],
      ),
    );
  }

  async transfer(
    hall: HallConfig,
    windowId: string,
    clerkId: string,
    target: { toServiceId?: string; toWindowId?: string; note?: string },
    now: number,
  ): Promise<Mutation> {
    const k = hallKeys(hall.id);
    const targetLane = target.toWindowId
      ? k.windowLane(target.toWindowId)
      : k.lane(target.toServiceId ?? '', 'front');
    return mutation(
      await this.run(
        'transfer',
        [k.events, k.window(windowId), targetLane, k.seq],
        [
          k.prefix,
          windowId,
          clerkId,
          now,
          target.toServiceId ?? '',
          target.toWindowId ?? '',
          target.note ?? '',
        ],
      ),
    );
  }

  async openWindow(
    hall: HallConfig,
    windowId: string,
    clerk: { id: string; name: string; jobNo: string },
    now: number,
  ): Promise<string> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run(
        'open-window',
        [k.events, k.window(windowId), k.clerk(clerk.id)],
        [k.prefix, windowId, clerk.id, now, clerk.name, clerk.jobNo],
      ),
    );
    return String(r[1]);
  }

  async closeWindow(
    hall: HallConfig,
    windowId: string,
    clerkId: string,
    now: number,
    auto = false,
  ): Promise<string> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run(
        'close-window',
        [k.events, k.window(windowId)],
        [k.prefix, windowId, clerkId, now, auto ? '1' : '0'],
      ),
    );
    return String(r[1]);
  }

  async pauseWindow(
    hall: HallConfig,
    windowId: string,
    clerkId: string,
    kind: 'brief' | 'closed',
    note: string,
    now: number,
  ): Promise<string> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run(
        'pause-window',
        [k.events, k.window(windowId)],
        [k.prefix, windowId, clerkId, now, kind, note],
      ),
    );
    return String(r[1]);
  }

  async resumeWindow(
    hall: HallConfig,
    windowId: string,
    clerkId: string,
    now: number,
  ): Promise<string> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run(
        'resume-window',
        [k.events, k.window(windowId)],
        [k.prefix, windowId, clerkId, now],
      ),
    );
    return String(r[1]);
  }

  /** `pressedAt`: when a device's key was pressed, for a rating it queued while offline. */
  async rate(
    hall: HallConfig,
    windowId: string,
    score: number,
    source: string,
    ticketId: string | undefined,
    now: number,
    pressedAt?: number,
  ): Promise<Mutation> {
    const k = hallKeys(hall.id);
    return mutation(
      await this.run(
        'rate',
        [k.events, k.window(windowId), k.ratingStats, k.followUpsPending],
        [k.prefix, windowId, now, score, source, ticketId ?? '', pressedAt ?? ''],
      ),
    );
  }

  /**
   * Expires the ended day's waiting tickets once, `chunk` tickets per script call so Redis
   * answers other clients between them; returns how many, or null when it already ran.
   */
  async rollOverDay(
    hall: HallConfig,
    endedDay: string,
    newDay: string,
    now: number,
    chunk = ROLLOVER_CHUNK,
  ): Promise<number | null> {
    const k = hallKeys(hall.id);
    for (;;) {
      const r = check(
        await this.run(
          'roll-over-day',
          [k.events, k.dayTickets(endedDay), k.dayRolled(newDay)],
          [k.prefix, endedDay, newDay, now, '', chunk],
        ),
      );
      if (r[0] === 'MORE') continue;
      return r[0] === 'DONE' ? null : Number(r[2]);
    }
  }

  /** Windows, lane sizes and the newest event id, read at one instant. */
  async readHall(hall: HallConfig): Promise<{
    lastEventId: string;
    windows: Map<string, WindowRecord>;
    lanes: Map<string, Record<LaneName, number>>;
  }> {
    const k = hallKeys(hall.id);
    const laneKeys = hall.services.flatMap((s) => SERVICE_LANES.map((l) => k.lane(s.id, l)));
    const reply = check(
      await this.run(
        'read-hall',
        [k.events, ...hall.windows.map((w) => k.window(w.id)), ...laneKeys],
        [k.prefix, hall.windows.length],
      ),
    );
    const [lastEventId, windowsFlat, laneSizes] = reply as [string, unknown[], number[]];
    const windows = new Map(hall.windows.map((w, i) => [w.id, toRecord(windowsFlat[i])]));
    const lanes = new Map<string, Record<LaneName, number>>();
    const per = SERVICE_LANES.length;
    hall.services.forEach((s, i) => {
      lanes.set(s.id, {
        front: Number(laneSizes[i * per] ?? 0),
        appointment: Number(laneSizes[i * per + 1] ?? 0),
        green: Number(laneSizes[i * per + 2] ?? 0),
        normal: Number(laneSizes[i * per + 3] ?? 0),
      });
    });
    return { lastEventId: String(lastEventId), windows, lanes };
  }

  async getTicket(hallId: string, ticketId: string): Promise<TicketRecord | null> {
    const t = await this.redis.hgetall(hallKeys(hallId).ticket(ticketId));
    return t.id ? t : null;
  }

  /** Tickets ahead of a waiting one in its queue (see issue-ticket.lua for the same count). */
  async ticketsAhead(hallId: string, t: TicketRecord): Promise<number> {
    const k = hallKeys(hallId);
    const queue = t.queue ?? '';
    if (!queue || !t.id) return 0;
    const serviceId = t.serviceId ?? '';
    const pipeline = this.redis.pipeline().zrank(queue, t.id);
    const inServiceLane = queue.startsWith(k.lanePrefix(serviceId));
    if (inServiceLane && queue !== k.lane(serviceId, 'front'))
      pipeline.zcard(k.lane(serviceId, 'front'));
    // green and normal tickets also wait behind appointments, normal ones behind green ones
    if (
      inServiceLane &&
      queue !== k.lane(serviceId, 'front') &&
      queue !== k.lane(serviceId, 'appointment')
    )
      pipeline.zcard(k.lane(serviceId, 'appointment'));
    if (inServiceLane && queue === k.lane(serviceId, 'normal'))
      pipeline.zcard(k.lane(serviceId, 'green'));
    const results = (await pipeline.exec()) ?? [];
    return results.reduce((sum, [, v]) => sum + (typeof v === 'number' ? v : 0), 0);
  }

  /** Waiting tickets of a lane, head first (for the console's waiting list). */
  async laneTickets(hallId: string, laneKey: string, limit: number): Promise<TicketRecord[]> {
    const ids = await this.redis.zrange(laneKey, 0, limit - 1);
    const k = hallKeys(hallId);
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(k.ticket(id));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([, v]) => v as TicketRecord).filter((t) => t.id);
  }
}
