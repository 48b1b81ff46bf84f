import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import type { HallConfig } from '../config/hall-config.js';
import type { StreamEntry } from '../realtime/event-reader.js';
import { hallKeys } from '../store/keys.js';
import { check, toRecord } from '../store/reply.js';
import { scriptSource } from '../store/scripts.js';

const LUA_DIR = `${dirname(fileURLToPath(import.meta.url))}/lua`;
const SCRIPTS = { fold: 'alerts-fold-4', fire: 'alerts-fire-5', ack: 'alert-ack-3' } as const;
type Script = keyof typeof SCRIPTS;

/** An alert as Redis holds it (hash fields, all strings; history is JSON). */
export type AlertRecord = Record<string, string>;

/** The alerts' Redis side: causes, deadlines and alerts of each hall, changed only by Lua. */
export class AlertStore {
  constructor(readonly redis: Redis) {
    for (const [key, file] of Object.entries(SCRIPTS)) {
      redis.defineCommand(commandName(key as Script), { lua: scriptSource(file, LUA_DIR) });
    }
  }

  private run(script: Script, keys: string[], args: (string | number)[]): Promise<unknown> {
    const command = (
      this.redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>
    )[commandName(script)];
    if (!command) throw new Error(`script ${script} is not loaded`);
    return command.call(this.redis, keys.length, ...keys, ...args);
  }

  /** Where folding starts for a hall never folded: the stream's end now (older events are history). */
  async initCursor(hall: HallConfig): Promise<void> {
    const k = hallKeys(hall.id);
    const last = (await this.redis.xrevrange(k.events, '+', '-', 'COUNT', 1)) as StreamEntry[];
    await this.redis.set(k.alertCursor, last[0]?.[0] ?? '0-0', 'NX');
  }

  /** The cursor and the events after it (at most `count`). */
  async unfolded(
    hall: HallConfig,
    count: number,
  ): Promise<{ cursor: string; entries: StreamEntry[] }> {
    const k = hallKeys(hall.id);
    const cursor = (await this.redis.get(k.alertCursor)) ?? '0-0';
    const entries = (await this.redis.xrange(
      k.events,
      `(${cursor}`,
      '+',
      'COUNT',
      count,
    )) as StreamEntry[];
    return { cursor, entries };
  }

  /**
   * Applies the ops of the events up to `to` (the arguments alert-ops.ts `encodeOps` makes);
   * false when another node folded them first.
   */
  async fold(hall: HallConfig, from: string, to: string, ops: string): Promise<boolean> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run(
        'fold',
        [k.events, k.alertCursor, k.alertDue, k.alertsOpen],
        [k.prefix, from, to, ops],
      ),
    );
    return r[0] === 'OK';
  }

  /** Raises and escalates what is due; null when events wait to be folded first. */
  async fire(
    hall: HallConfig,
    now: number,
    day: string,
    limit = 200,
  ): Promise<{ raised: number; escalated: number } | null> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run(
        'fire',
        [k.events, k.alertCursor, k.alertDue, k.alertsOpen, k.alertSeq],
        [k.prefix, now, day, limit],
      ),
    );
    if (r[0] !== 'OK') return null;
    return { raised: Number(r[1]), escalated: Number(r[2]) };
  }

  /** The earliest deadline of a hall's running causes (null: none). */
  async nextDue(hall: HallConfig): Promise<number | null> {
    const first = await this.redis.zrange(hallKeys(hall.id).alertDue, 0, 0, 'WITHSCORES');
    return first[1] === undefined ? null : Number(first[1]);
  }

  async ack(
    hall: HallConfig,
    alertId: string,
    now: number,
    by: string,
    note: string,
  ): Promise<AlertRecord> {
    const k = hallKeys(hall.id);
    const r = check(
      await this.run(
        'ack',
        [k.events, k.alert(alertId), k.alertsOpen],
        [k.prefix, alertId, now, by, note],
      ),
    );
    return toRecord(r[2]);
  }

  /** Open alerts (newest first), or every alert raised on a business day. */
  async list(
    hall: HallConfig,
    state: 'open' | 'all',
    day: string,
    limit = 500,
  ): Promise<AlertRecord[]> {
    const k = hallKeys(hall.id);
    const ids = await this.redis.zrevrange(
      state === 'open' ? k.alertsOpen : k.alertsOfDay(day),
      0,
      limit - 1,
    );
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(k.alert(id));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([, v]) => v as AlertRecord).filter((a) => a.id);
  }
}

function commandName(script: Script): string {
  return `hall_alerts_${script}`;
}
