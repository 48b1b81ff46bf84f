import type { HallEvent } from '@hall/protocol';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Clock } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import { entryType, toHallEvent } from '../realtime/event-reader.js';
import { hallKeys } from '../store/keys.js';
import type { ContactStore } from './contact-store.js';
import type { MessageVars } from './messages.js';
import { notifyJobOptions, type NotifyJobData, type NotifyTarget } from './notification-jobs.js';

const UNREACHABLE =
  /ECONNREFUSED|ETIMEDOUT|Connection is closed|max retries|Stream isn't writeable/i;

export interface NotifierOptions {
  /** Commands and the cursor; each hall's blocking reader is a duplicate of it. */
  redis: Redis;
  halls: Map<string, HallService>;
  contacts: ContactStore;
  queue: Queue<NotifyJobData>;
  clock: Clock;
  logger: Logger;
  /** How often the appointment reminders are looked for (real time). */
  reminderEveryMs?: number;
}

/**
 * Turns each hall's events into notification jobs, reading the event stream as the realtime hub
 * does, from a cursor kept in Redis: a restart goes on where it stopped. No Lua of the queue
 * changes: a call, a finish, a follow-up are already events. Every node may run it: the job id
 * and the sent marker make a second enqueue of the same notification a no-op.
 */
export class Notifier {
  private closed = false;
  private readonly readers: Redis[] = [];
  private readonly loops: Promise<void>[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: NotifierOptions) {}

  start(): void {
    for (const hall of this.o.halls.values()) {
      const reader = this.o.redis.duplicate();
      reader.on('error', () => undefined);
      this.readers.push(reader);
      this.loops.push(this.follow(hall, reader));
    }
    this.timer = setInterval(() => {
      for (const hall of this.o.halls.values())
        Promise.all([this.scanReminders(hall), this.o.contacts.prune(hall.id)]).catch(
          (err: unknown) => this.o.logger.warn({ err, hallId: hall.id }, 'reminder scan failed'),
        );
    }, this.o.reminderEveryMs ?? 60_000);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const r of this.readers) r.disconnect();
    await Promise.allSettled(this.loops);
  }

  /** Where this hall's reading starts: the stored cursor, else the stream's end (no history). */
  private async cursor(hall: HallService): Promise<string> {
    const k = hallKeys(hall.id);
    const stored = await this.o.redis.get(k.notifierCursor);
    if (stored) return stored;
    const last = (await this.o.redis.xrevrange(k.events, '+', '-', 'COUNT', 1))[0];
    return last?.[0] ?? '0-0';
  }

  /**
   * Reads the hall's events in batches. Only the events that can start a message are decoded
   * and handled, in order, each as `handle` does; the cursor is written once per batch. A
   * restart re-reads at most the batch it was in, and the job ids make that harmless.
   */
  private async follow(hall: HallService, reader: Redis): Promise<void> {
    const k = hallKeys(hall.id);
    let cursor = '';
    let saved = '';
    let failures = 0;
    while (!this.closed) {
      try {
        if (!cursor) saved = cursor = await this.cursor(hall);
        const reply = await reader.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', k.events, cursor);
        for (const entry of reply?.[0]?.[1] ?? []) {
          const type = entryType(entry);
          const message = type !== undefined && MESSAGE_EVENTS.has(type);
          const near = type !== undefined && mayBringNear(type);
          if (message || near) {
            try {
              if (message)
                await this.messages(hall, toHallEvent(hall.id, hall.config.timeZone, entry));
              if (near) await this.checkNear(hall);
            } catch (err) {
              // Redis away: try the event again, for as long as it takes; an event that fails
              // for another reason again and again is skipped, so it cannot hold up the rest
              if (UNREACHABLE.test(String((err as Error).message)) || ++failures < 5) throw err;
              this.o.logger.error(
                { err, hallId: hall.id, eventId: entry[0] },
                'notifier: event skipped',
              );
            }
            failures = 0;
          }
          cursor = entry[0];
        }
        if (cursor !== saved) {
          await this.o.redis.set(k.notifierCursor, cursor);
          saved = cursor;
        }
      } catch (err) {
        if (this.closed) return;
        this.o.logger.warn({ err, hallId: hall.id }, 'notifier: reading events failed; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private async enqueue(
    hall: HallService,
    id: string,
    target: NotifyTarget,
    vars: MessageVars,
  ): Promise<void> {
    await this.o.queue.add(
      vars.kind,
      { hallId: hall.id, id, target, vars },
      { ...notifyJobOptions, jobId: `${hall.id}.${id}` },
    );
  }

  /** The notifications one event starts. */
  async handle(hall: HallService, event: HallEvent): Promise<void> {
    await this.messages(hall, event);
    if (mayBringNear(event.type)) await this.checkNear(hall);
  }

  /** The messages an event starts itself (the near notices aside). */
  private async messages(hall: HallService, event: HallEvent): Promise<void> {
    const { contacts } = this.o;
    if (event.type === 'ticket.called') {
      const d = event.data;
      await contacts.unwatch(hall.id, d.ticketId);
      if (!d.recall && (await contacts.phone(hall.id, d.ticketId)))
        await this.enqueue(
          hall,
          `called.${d.ticketId}`,
          { ticketId: d.ticketId },
          { kind: 'called', number: d.number, windowName: d.windowName },
        );
    } else if (event.type === 'ticket.finished') {
      const d = event.data;
      if (d.outcome === 'done' && (await contacts.phone(hall.id, d.ticketId))) {
        const serviceName =
          hall.config.services.find((s) => s.id === d.serviceId)?.name ?? d.serviceId;
        await this.enqueue(
          hall,
          `done.${d.ticketId}`,
          { ticketId: d.ticketId },
          { kind: 'done', number: d.number, serviceName },
        );
      }
    } else if (event.type === 'follow_up.created') {
      const d = event.data;
      if (
        hall.config.notifications.supervisorPhone &&
        (await contacts.phone(hall.id, d.ticketId))
      ) {
        const windowName = hall.config.windows.find((w) => w.id === d.windowId)?.name ?? d.windowId;
        await this.enqueue(
          hall,
          `followup.${d.ticketId}`,
          { supervisorFor: d.ticketId },
          { kind: 'follow_up_contact', number: d.number, windowName, score: d.score },
        );
      }
    }
  }

  /** "Your turn is near" for each watched ticket with at most the configured number ahead. */
  async checkNear(hall: HallService): Promise<void> {
    const { contacts } = this.o;
    const limit = hall.config.notifications.turnNearPosition;
    for (const ticketId of await contacts.watched(hall.id)) {
      let t;
      try {
        t = await hall.getTicket(ticketId, 'zh');
      } catch (err) {
        if (err instanceof ApiError) {
          await contacts.unwatch(hall.id, ticketId);
          continue;
        }
        throw err;
      }
      if (t.status !== 'waiting' && t.status !== 'transferred') {
        await contacts.unwatch(hall.id, ticketId);
        continue;
      }
      if (t.waitingAhead > limit) continue;
      await this.enqueue(
        hall,
        `near.${ticketId}`,
        { ticketId },
        {
          kind: 'turn_near',
          number: t.number,
          serviceName: t.serviceName,
          ahead: t.waitingAhead,
        },
      );
      await contacts.unwatch(hall.id, ticketId);
    }
  }

  /**
   * The day-before reminders: from the hall's reminder time on, each booked appointment of
   * tomorrow whose holder consented gets one (its id names the slot, so a rescheduled
   * appointment is reminded of its new slot). Returns how many were queued.
   */
  async scanReminders(hall: HallService): Promise<number> {
    const { config } = hall;
    const now = DateTime.fromMillis(this.o.clock.now(), { zone: config.timeZone });
    if (now.toFormat('HH:mm') < config.notifications.reminderTime) return 0;
    const tomorrow = now.plus({ days: 1 }).toISODate() ?? '';
    const k = hallKeys(hall.id);
    let queued = 0;
    for (const code of await this.o.redis.zrange(k.appointmentDay(tomorrow), 0, -1)) {
      const a = await this.o.redis.hgetall(k.appointment(code));
      if (a.status !== 'booked' || a.notifyConsent !== '1' || !a.phone) continue;
      const slot = DateTime.fromMillis(Number(a.slotMs), { zone: config.timeZone });
      await this.enqueue(
        hall,
        `reminder.${code}.${a.slotMs}`,
        { appointmentCode: code },
        {
          kind: 'reminder',
          serviceName: config.services.find((s) => s.id === a.serviceId)?.name ?? a.serviceId ?? '',
          slotText: `${slot.month}月${slot.day}日${slot.toFormat('HH:mm')}`,
          code,
        },
      );
      queued++;
    }
    return queued;
  }
}

/** The events that start a message themselves (Notifier.messages). */
const MESSAGE_EVENTS = new Set(['ticket.called', 'ticket.finished', 'follow_up.created']);

/**
 * Ticket events that neither take a ticket out of a lane nor move one: a new ticket joins
 * behind (or only before tickets of a lower class), a recall, start, finish or no-show concerns
 * a ticket already called, a requeue puts one back. None brings a watched ticket nearer.
 */
const NEVER_NEARER = new Set([
  'ticket.issued',
  'ticket.recalled',
  'ticket.started',
  'ticket.finished',
  'ticket.no_show',
  'ticket.requeued',
  'ticket.transfer_noted',
]);

/** Whether an event can bring a watched ticket within "your turn is near" (or start a watch). */
function mayBringNear(type: string): boolean {
  return (type.startsWith('ticket.') && !NEVER_NEARER.has(type)) || type === 'contact.saved';
}
