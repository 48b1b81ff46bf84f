import type { Redis } from 'ioredis';
import { hallKeys } from '../store/keys.js';
import { loadScripts, type RunScript } from '../store/scripts.js';
import type { StreamEntry } from './event-reader.js';

/** One bounded read of a replay. */
export interface ReplayBatch {
  entries: StreamEntry[];
  /** Whether the stretch may hold more entries after these. */
  more: boolean;
  /** Events before this id may have been trimmed (null: nothing ever was). */
  trimmedBefore: string | null;
}

/** Reads a hall's stream for subscribers that catch up: how far behind, then bounded batches. */
export class ReplayReader {
  private readonly run: RunScript;

  constructor(
    private readonly redis: Redis,
    private readonly batchSize: number,
  ) {
    this.run = loadScripts(redis);
  }

  key(hallId: string): string {
    return hallKeys(hallId).events;
  }

  /**
   * How many events follow `since` (at most `max`), or -1 when a replay cannot serve them
   * (trimmed, beyond the stream's end, or more than `max`): see replay-distance.lua.
   */
  async distance(hallId: string, since: string, max: number): Promise<number> {
    const k = hallKeys(hallId);
    return Number(
      await this.run('replay-distance', [k.events, k.eventsTrimmedBefore], [since, max]),
    );
  }

  /**
   * The entries after `after` up to `upTo` ('+': the end), at most one batch, with the trim
   * mark read in the same MULTI so a trim cannot fall between the two.
   */
  async batch(hallId: string, after: string, upTo: string): Promise<ReplayBatch> {
    const k = hallKeys(hallId);
    const results = await this.redis
      .multi()
      .get(k.eventsTrimmedBefore)
      .xrange(k.events, `(${after}`, upTo, 'COUNT', this.batchSize)
      .exec();
    if (!results) throw new Error('replay read was aborted');
    for (const [err] of results) if (err) throw err;
    const entries = (results[1]?.[1] ?? []) as StreamEntry[];
    return {
      entries,
      more: entries.length === this.batchSize,
      trimmedBefore: (results[0]?.[1] as string | null) ?? null,
    };
  }
}
