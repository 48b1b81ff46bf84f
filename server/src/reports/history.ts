import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { HallConfig } from '../config/hall-config.js';
import { businessDay } from '../domain/business-day.js';
import { hallKeys } from '../store/keys.js';
import { FOLDED_TYPES } from './fold.js';
import { parseEntry, type RawEvent } from '../realtime/event-reader.js';
import type { ReportStore } from './report-store.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
// entries per batch: larger ones (1,000, 2,000) cost the server more (large strings to
// collect) and Redis no less, and hold every other command up for longer (bench:fold)
const BATCH = 500;

/**
 * A hall's history: folds the event stream into the aggregates (exactly once,
 * whichever node gets there first), writes each finished day's raw events to a
 * gzip JSON-lines file, and trims the stream only behind both.
 */
export class History {
  private folding: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: ReportStore,
    /** The hall's configuration, or its live holder (read at use time: server/src/hall-admin). */
    private readonly source: HallConfig | { readonly current: HallConfig },
    private readonly options: {
      /** Where daily archives go (`<dataDir>/archive/<hallId>/<day>.jsonl.gz`); null: none. */
      dataDir: string | null;
      logger?: Logger;
      /** Keep this many days of events in the stream for realtime replay (today and yesterday). */
      keepDays?: number;
      now: () => number;
    },
  ) {}

  get hall(): HallConfig {
    return 'current' in this.source ? this.source.current : this.source;
  }

  /** Folds every event not yet folded; concurrent calls on one node share the run. */
  fold(): Promise<void> {
    this.folding ??= this.foldAll().finally(() => {
      this.folding = null;
    });
    return this.folding;
  }

  private async foldAll(): Promise<void> {
    // the cursor is read once: each batch written moves it to the batch's last entry
    let cursor = await this.store.cursor(this.hall.id);
    for (;;) {
      const { events, read, lastId } = await this.store.readFoldable(this.hall.id, cursor, BATCH);
      if (read === 0) return;
      if (!(await this.store.foldBatch(this.hall, cursor, events, lastId))) {
        // another node folded this batch first: read on from its cursor
        cursor = await this.store.cursor(this.hall.id);
        continue;
      }
      cursor = lastId;
      if (read < BATCH) return;
    }
  }

  /** Folds an archive's events (the rebuild), in batches from the current cursor. */
  async foldEvents(events: RawEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += BATCH) {
      const batch = events.slice(i, i + BATCH);
      const cursor = await this.store.cursor(this.hall.id);
      const last = batch[batch.length - 1]?.id ?? '';
      if (cursor && compare(last, cursor) <= 0) continue;
      const fresh = cursor ? batch.filter((e) => compare(e.id, cursor) > 0) : batch;
      const counted = fresh.filter((e) => FOLDED_TYPES.has(e.type));
      if (!(await this.store.foldBatch(this.hall, cursor, counted, last))) {
        throw new Error('the history changed during the rebuild: stop the servers of this hall');
      }
    }
  }

  /** Fold, pack and archive finished days, trim: what the timer runs. */
  async maintain(): Promise<void> {
    await this.fold();
    await this.pack();
    if (this.options.dataDir) {
      await this.archive();
      await this.trim();
    }
  }

  start(everyMs = 5000): void {
    this.timer = setInterval(() => {
      this.maintain().catch((err: unknown) =>
        this.options.logger?.warn({ err, hallId: this.hall.id }, 'reports: folding failed'),
      );
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.folding;
  }

  get archiveDir(): string {
    return join(this.options.dataDir ?? '.', 'archive', this.hall.id);
  }

  /**
   * Writes each day whose events are all folded and followed by a later day's
   * event to its archive file; one node at a time (a lock), the cursor moves
   * after the file is complete, so a crash repeats the day, never skips it.
   */
  async archive(): Promise<string[]> {
    const k = hallKeys(this.hall.id);
    const redis = this.store.redis;
    if (!(await this.dayToArchive())) return [];
    const token = randomBytes(8).toString('hex');
    if ((await redis.set(k.reportArchiveLock, token, 'PX', 120_000, 'NX')) !== 'OK') return [];
    const written: string[] = [];
    try {
      await mkdir(this.archiveDir, { recursive: true });
      for (;;) {
        const day = await this.archiveOneDay();
        if (!day) break;
        written.push(day);
      }
    } finally {
      await redis.eval(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
        1,
        k.reportArchiveLock,
        token,
      );
    }
    return written;
  }

  /**
   * Whether the oldest unarchived event's day is over, i.e. the last folded event
   * is of a later day: two single-event reads, so the timer does not scan today.
   */
  private async dayToArchive(): Promise<boolean> {
    const k = hallKeys(this.hall.id);
    const after = (await this.store.redis.get(k.reportArchiveCursor)) ?? '';
    const folded = await this.store.cursor(this.hall.id);
    if (!folded) return false;
    const [first] = await this.store.readEvents(this.hall.id, after, 1);
    const [last] = (await this.store.redis.xrange(k.events, folded, folded)).map(parseEntry);
    if (!first || !last) return false;
    const tz = this.hall.timeZone;
    return businessDay(last.at, tz) > businessDay(first.at, tz);
  }

  private async archiveOneDay(): Promise<string | null> {
    const k = hallKeys(this.hall.id);
    const redis = this.store.redis;
    const tz = this.hall.timeZone;
    const after = (await redis.get(k.reportArchiveCursor)) ?? '';
    const folded = await this.store.cursor(this.hall.id);
    if (!folded) return null;
    const lastDay = (await redis.hkeys(k.reportArchivedDays)).sort().pop();
    let day: string | null = null;
    const lines: string[] = [];
    let lastId = '';
    let cursor = after;
    for (;;) {
      const events = await this.store.readEvents(this.hall.id, cursor, 2000);
      if (events.length === 0) return null;
      for (const e of events) {
        if (compare(e.id, folded) > 0) return null;
        let d = businessDay(e.at, tz);
        // a clock a little behind never reopens an archived day
        if (lastDay && d <= lastDay) d = nextDay(lastDay);
        day ??= d;
        if (d > day) {
          const gz = await gzipAsync(lines.join(''));
          const file = join(this.archiveDir, `${day}.jsonl.gz`);
          const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
          await writeFile(tmp, gz);
          await rename(tmp, file);
          await redis
            .multi()
            .set(k.reportArchiveCursor, lastId)
            .hset(k.reportArchivedDays, day, lastId)
            .exec();
          this.options.logger?.info({ hallId: this.hall.id, day }, 'reports: day archived');
          return day;
        }
        lines.push(`${JSON.stringify(e)}\n`);
        lastId = e.id;
      }
      cursor = events[events.length - 1]?.id ?? cursor;
    }
  }

  /** The first day realtime replay keeps (yesterday): older days are finished. */
  private keepFrom(): string {
    return (
      DateTime.fromMillis(this.options.now(), { zone: this.hall.timeZone })
        .minus({ days: this.options.keepDays ?? 1 })
        .toISODate() ?? ''
    );
  }

  /**
   * Packs the case records of days older than yesterday into one value per day
   * (a 10,000-ticket day: from about 5 MiB of keys to a few hundred KiB); the
   * ledger reads either form.
   */
  async pack(): Promise<string[]> {
    const keepFrom = this.keepFrom();
    const packed: string[] = [];
    for (const day of await this.store.unpackedDays(this.hall.id)) {
      if (day >= keepFrom) break;
      if (await this.store.packDay(this.hall.id, day)) packed.push(day);
    }
    return packed;
  }

  /**
   * Trims the stream behind the newest archived day that is older than the days
   * realtime replay keeps; the script refuses anything not yet folded.
   */
  async trim(): Promise<number> {
    const k = hallKeys(this.hall.id);
    const keepFrom = this.keepFrom();
    const days = await this.store.redis.hgetall(k.reportArchivedDays);
    const older = Object.keys(days)
      .filter((d) => keepFrom && d < keepFrom)
      .sort();
    const newest = older[older.length - 1];
    const lastId = newest ? days[newest] : undefined;
    if (!lastId) return 0;
    const [ms, seq] = lastId.split('-');
    return this.store.trim(this.hall.id, `${ms}-${Number(seq) + 1}`);
  }

  /** The archive files of this hall, oldest first. */
  async archiveFiles(): Promise<string[]> {
    try {
      return (await readdir(this.archiveDir)).filter((f) => f.endsWith('.jsonl.gz')).sort();
    } catch {
      return [];
    }
  }

  /** The events of one archive file. */
  async readArchive(file: string): Promise<RawEvent[]> {
    const text = (await gunzipAsync(await readFile(join(this.archiveDir, file)))).toString('utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as RawEvent);
  }

  /**
   * Rebuilds the aggregates and case records from the archives, then folds what
   * the stream holds after them. Run with this hall's servers stopped.
   */
  async rebuild(): Promise<{ files: number; events: number }> {
    await this.store.clear(this.hall.id);
    let events = 0;
    const files = await this.archiveFiles();
    for (const file of files) {
      const list = await this.readArchive(file);
      await this.foldEvents(list);
      events += list.length;
    }
    await this.fold();
    return { files: files.length, events };
  }
}

function nextDay(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: 1 }).toISODate() ?? day;
}

/** Stream ids compare as (ms, seq). */
export function compare(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}
