import type { Redis } from 'ioredis';
import type { HallConfig } from '../config/hall-config.js';
import { hallKeys } from '../store/keys.js';
import { loadScripts, type RunScript } from '../store/scripts.js';
import { check, toRecord } from '../store/reply.js';

/** A follow-up task as Redis holds it (hash fields, all strings). */
export type FollowUpRecord = Record<string, string>;

/** Per clerk counts of one business day, as finish.lua and rate.lua keep them. */
export interface ClerkCounts {
  clerkId: string;
  offered: number;
  rated: number;
  bad: number;
  scoreSum: number;
}

/** The follow-up (回访) scripts and reads; each change is one atomic script with its event. */
export class FollowUpStore {
  private readonly run: RunScript;
  constructor(readonly redis: Redis) {
    this.run = loadScripts(redis);
  }

  /** Tickets rated badly whose task does not exist yet. */
  pending(hall: HallConfig): Promise<string[]> {
    return this.redis.smembers(hallKeys(hall.id).followUpsPending);
  }

  /** Creates the task; false when it already existed. */
  async create(
    hall: HallConfig,
    ticketId: string,
    now: number,
    due: { ms: number; iso: string },
  ): Promise<boolean> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run(
        'create-follow-up',
        [k.events, k.followUps, k.followUpsDue, k.followUpsPending],
        [k.prefix, ticketId, now, due.ms, due.iso],
      ),
    );
    return Number(r[1]) === 1;
  }

  async close(
    hall: HallConfig,
    id: string,
    now: number,
    closedBy: string,
    note: string,
  ): Promise<FollowUpRecord> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run(
        'close-follow-up',
        [k.events, k.followUpsDue],
        [k.prefix, id, now, closedBy, note],
      ),
    );
    return toRecord(r[2]);
  }

  /** Escalates the open tasks past due; returns their ids. */
  async escalate(hall: HallConfig, now: number, limit = 500): Promise<string[]> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run('escalate-follow-ups', [k.events, k.followUpsDue], [k.prefix, now, limit]),
    );
    return Array.isArray(r[1]) ? r[1].map(String) : [];
  }

  async get(hall: HallConfig, id: string): Promise<FollowUpRecord | null> {
    const t = await this.redis.hgetall(hallKeys(hall.id).followUp(id));
    return t.id ? t : null;
  }

  /** The newest tasks first. */
  async list(hall: HallConfig, limit = 500): Promise<FollowUpRecord[]> {
    const k = hallKeys(hall.id);
    const ids = await this.redis.zrevrange(k.followUps, 0, limit - 1);
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(k.followUp(id));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([, v]) => v as FollowUpRecord).filter((t) => t.id);
  }

  /** Offered/rated/bad counts of each clerk in a business day (YYYY-MM-DD) or month (YYYY-MM). */
  async counts(hall: HallConfig, period: string): Promise<ClerkCounts[]> {
    const all = await this.redis.hgetall(hallKeys(hall.id).ratingStats);
    const byClerk = new Map<string, ClerkCounts>();
    for (const [field, value] of Object.entries(all)) {
      const parts = field.split(':');
      const day = parts[0] ?? '';
      if (parts.length !== 3 || (day !== period && !day.startsWith(`${period}-`))) continue;
      const clerkId = parts[1] ?? '';
      const kind = parts[2] ?? '';
      const c = byClerk.get(clerkId) ?? { clerkId, offered: 0, rated: 0, bad: 0, scoreSum: 0 };
      if (kind === 'offered' || kind === 'rated' || kind === 'bad' || kind === 'scoreSum') {
        c[kind] += Number(value);
      }
      byClerk.set(clerkId, c);
    }
    return [...byClerk.values()].sort((a, b) => a.clerkId.localeCompare(b.clerkId));
  }
}
