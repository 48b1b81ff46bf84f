import type { Redis } from 'ioredis';
import type { Clock } from '../auth/principal.js';
import { hallKeys } from '../store/keys.js';
import { ModuleScripts } from '../store/module-scripts.js';

/** A contact is kept two days: long enough for the day's notifications and the 回访 call. */
export const CONTACT_KEEP_MS = 2 * 24 * 3600 * 1000;

/** Ticket contacts for notifications: a phone kept only with the resident's consent. */
export class ContactStore {
  private readonly scripts: ModuleScripts<'save-contact'>;

  constructor(
    readonly redis: Redis,
    private readonly clock: Clock,
  ) {
    this.scripts = new ModuleScripts(redis, new URL('./lua/', import.meta.url), 'notifications');
  }

  async save(hallId: string, ticketId: string, phone: string, consent: boolean): Promise<void> {
    const now = this.clock.now();
    const k = hallKeys(hallId);
    await this.scripts.run(
      'save-contact',
      [k.events, k.ticket(ticketId), k.contact(ticketId), k.contacts],
      [ticketId, consent ? phone : '', consent ? '1' : '0', now, CONTACT_KEEP_MS],
    );
  }

  /** The consented phone of a ticket, or null (no contact, no consent, or purged). */
  async phone(hallId: string, ticketId: string): Promise<string | null> {
    const [phone, consent] = await this.redis.hmget(
      hallKeys(hallId).contact(ticketId),
      'phone',
      'consent',
    );
    return consent === '1' && phone ? phone : null;
  }

  /** Tickets whose holders wait for "your turn is near". */
  async watched(hallId: string): Promise<string[]> {
    return this.redis.zrange(hallKeys(hallId).contacts, 0, -1);
  }

  /** Drops watched tickets older than a contact lives (their contact is gone anyway). */
  async prune(hallId: string): Promise<void> {
    await this.redis.zremrangebyscore(
      hallKeys(hallId).contacts,
      '-inf',
      this.clock.now() - CONTACT_KEEP_MS,
    );
  }

  async unwatch(hallId: string, ticketId: string): Promise<void> {
    await this.redis.zrem(hallKeys(hallId).contacts, ticketId);
  }
}
