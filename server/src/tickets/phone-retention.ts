import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../auth/principal.js';
import { hallKeys } from '../store/keys.js';

/**
 * Residents' phone numbers are kept only as long as the hall needs them
 * (PHONE_RETENTION_HOURS): each ticket with a phone is noted with the time its
 * number must go, and a sweep on every node removes the numbers that are due
 * (idempotent, so nodes may sweep together). The ticket itself stays. An appointment's
 * number (the reminder, check-in by phone) goes the same time after its slot has ended;
 * the appointment stays.
 */
export class PhoneRetention {
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly hallIds: string[],
    private readonly retentionMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A ticket was issued with a phone number: it goes `retentionMs` from now. */
  async noted(hallId: string, ticketId: string): Promise<void> {
    await this.redis.zadd(hallKeys(hallId).phones, this.clock.now() + this.retentionMs, ticketId);
  }

  /** Removes the phone numbers that are due; how many went. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (const hallId of this.hallIds) {
      const k = hallKeys(hallId);
      const due = await this.redis.zrangebyscore(
        k.phones,
        '-inf',
        this.clock.now(),
        'LIMIT',
        0,
        500,
      );
      if (due.length > 0) {
        const m = this.redis.multi();
        for (const id of due) m.hdel(k.ticket(id), 'phone');
        m.zrem(k.phones, ...due);
        await m.exec();
        removed += due.length;
      }
      const ended = await this.redis.zrangebyscore(
        k.appointmentPhoneEnds,
        '-inf',
        this.clock.now() - this.retentionMs,
        'LIMIT',
        0,
        500,
      );
      if (ended.length > 0) {
        const m = this.redis.multi();
        for (const code of ended) m.hdel(k.appointment(code), 'phone');
        m.zrem(k.appointmentPhoneEnds, ...ended);
        await m.exec();
        removed += ended.length;
      }
    }
    return removed;
  }

  start(everyMs = 60_000): void {
    this.timer = setInterval(() => {
      this.sweep().catch((err: unknown) =>
        this.logger.warn({ err: (err as Error).message }, 'phone retention sweep failed'),
      );
    }, everyMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
