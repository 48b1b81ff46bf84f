import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { HallConfig } from '../config/hall-config.js';
import { hallKeys } from '../store/keys.js';
import type { AttendanceEntry, StoredCase } from './case-record.js';
import { foldableEntries, foldEvents, ticketIdsOf } from './fold.js';
import { parseEntry, type RawEvent } from '../realtime/event-reader.js';

const LUA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'lua');
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

type Command = (...args: (string | number | Buffer)[]) => Promise<unknown>;

/** The history's Redis side: the fold cursor, aggregates, case records, attendance, trimming. */
export class ReportStore {
  private readonly foldCommand: Command;
  private readonly trimCommand: Command;

  constructor(readonly redis: Redis) {
    redis.defineCommand('report_fold_batch', {
      numberOfKeys: 1,
      lua: readFileSync(join(LUA_DIR, 'fold-batch-1.lua'), 'utf8'),
    });
    redis.defineCommand('report_pack_day', {
      numberOfKeys: 3,
      lua: readFileSync(join(LUA_DIR, 'pack-day-3.lua'), 'utf8'),
    });
    redis.defineCommand('report_trim_events', {
      numberOfKeys: 3,
      lua: readFileSync(join(LUA_DIR, 'trim-events-3.lua'), 'utf8'),
    });
    const r = redis as unknown as Record<string, Command>;
    this.foldCommand = (...a) => (r.report_fold_batch as Command).call(redis, ...a);
    this.trimCommand = (...a) => (r.report_trim_events as Command).call(redis, ...a);
    this.packCommand = (...a) => (r.report_pack_day as Command).call(redis, ...a);
  }

  private readonly packCommand: Command;

  /** The last event id folded ('' before the first). */
  async cursor(hallId: string): Promise<string> {
    return (await this.redis.get(hallKeys(hallId).reportCursor)) ?? '';
  }

  /** Up to `count` events after `after` ('' = from the start of the stream). */
  async readEvents(hallId: string, after: string, count: number): Promise<RawEvent[]> {
    return (await this.entriesAfter(hallId, after, count)).map(parseEntry);
  }

  /** Up to `count` stream entries after `after` ('' = from the start), as Redis returns them. */
  private entriesAfter(hallId: string, after: string, count: number) {
    return this.redis.xrange(
      hallKeys(hallId).events,
      after ? `(${after}` : '-',
      '+',
      'COUNT',
      count,
    );
  }

  /**
   * Up to `count` entries after `after`, for the fold: the events it counts (parsed) and how
   * far the read went (the last entry's id, '' when there was none).
   */
  async readFoldable(
    hallId: string,
    after: string,
    count: number,
  ): Promise<{ events: RawEvent[]; read: number; lastId: string }> {
    const entries = await this.entriesAfter(hallId, after, count);
    const last = entries[entries.length - 1];
    const lastId = last ? last[0] : '';
    return { events: foldableEntries(entries), read: entries.length, lastId };
  }

  /**
   * Folds the events that follow `expected` up to `lastId` (those the fold counts; the
   * others need nothing but the cursor): reads the state they need, folds, and writes
   * everything with the new cursor in one script. False when another fold moved the
   * cursor first (nothing was written).
   */
  async foldBatch(
    hall: HallConfig,
    expected: string,
    events: RawEvent[],
    lastId = events[events.length - 1]?.id ?? '',
  ): Promise<boolean> {
    if (!lastId) return true;
    const k = hallKeys(hall.id);
    const incr: (string | number)[] = [];
    const set: string[] = [];
    const lists: (string | number)[] = [];
    let listCount = 0;
    if (events.length > 0) {
      const ids = ticketIdsOf(events);
      const caseKeys = new Map(ids.map((id) => [id, k.reportCase(id)]));
      const [clerksJson, ...caseJson] = await this.redis.mget(
        k.reportWindowClerks,
        ...caseKeys.values(),
      );
      const cases = new Map<string, StoredCase>();
      caseJson.forEach((json, i) => {
        if (json) cases.set(ids[i] ?? '', JSON.parse(json) as StoredCase);
      });
      const windowClerks = clerksJson ? (JSON.parse(clerksJson) as Record<string, string>) : {};
      const result = foldEvents(hall, events, cases, windowClerks);

      for (const [day, fields] of result.incr) {
        for (const [field, n] of fields) {
          // `<dim>|<key>|<figure>`: each breakdown in its own hash, per day and per month
          const dim = field.slice(0, 1);
          const rest = field.slice(2);
          incr.push(k.reportDay(day, dim), rest, n, k.reportMonth(day.slice(0, 7), dim), rest, n);
        }
      }
      // the map of who is signed in where: written when a batch changes it (or first makes it)
      const clerks = JSON.stringify(result.windowClerks);
      if (clerks !== clerksJson) set.push(k.reportWindowClerks, clerks);
      for (const [id, c] of result.cases)
        set.push(caseKeys.get(id) ?? k.reportCase(id), JSON.stringify(c));
      for (const [day, list] of result.newCases) {
        lists.push(k.reportDayCases(day), list.length, ...list);
        listCount++;
        incr.push(k.reportCaseDays, day, list.length);
      }
      for (const [day, list] of result.attendance) {
        lists.push(k.reportDayAttendance(day), list.length);
        for (const entry of list) lists.push(JSON.stringify(entry));
        listCount++;
      }
    }
    const written = await this.foldCommand(
      k.reportCursor,
      expected,
      lastId,
      incr.length / 3,
      set.length / 2,
      listCount,
      ...incr,
      ...set,
      ...lists,
    );
    return written === 1;
  }

  /**
   * Aggregate fields of one breakdown for each period: a day (YYYY-MM-DD) or a
   * whole month (YYYY-MM); periods without history give an empty record.
   */
  async aggregates(
    hallId: string,
    periods: string[],
    dim: string,
  ): Promise<Record<string, string>[]> {
    const k = hallKeys(hallId);
    const pipe = this.redis.pipeline();
    for (const p of periods)
      pipe.hgetall(p.length === 7 ? k.reportMonth(p, dim) : k.reportDay(p, dim));
    const replies = (await pipe.exec()) ?? [];
    return replies.map(([err, value]) => {
      if (err) throw err;
      return value as Record<string, string>;
    });
  }

  /** Every case record of a business day, in order of issue. */
  async cases(hallId: string, day: string): Promise<StoredCase[]> {
    const k = hallKeys(hallId);
    const packed = await this.redis.getBuffer(k.reportDayPacked(day));
    if (packed) {
      return (await gunzipAsync(packed))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StoredCase);
    }
    const ids = await this.redis.lrange(k.reportDayCases(day), 0, -1);
    const out: StoredCase[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      const values = await this.redis.mget(...chunk.map((id) => k.reportCase(id)));
      for (const v of values) if (v) out.push(JSON.parse(v) as StoredCase);
    }
    return out;
  }

  /** Days whose case records are still one key per ticket. */
  async unpackedDays(hallId: string): Promise<string[]> {
    return (await this.redis.hkeys(hallKeys(hallId).reportCaseDays)).sort();
  }

  /**
   * Packs a finished day's case records into one gzip value and deletes the
   * per-ticket keys, unless something was folded meanwhile (false: try later).
   */
  async packDay(hallId: string, day: string): Promise<boolean> {
    const k = hallKeys(hallId);
    const cursor = await this.cursor(hallId);
    const ids = await this.redis.lrange(k.reportDayCases(day), 0, -1);
    const cases = await this.cases(hallId, day);
    const blob = await gzipAsync(cases.map((c) => `${JSON.stringify(c)}\n`).join(''));
    const written = await this.packCommand(
      k.reportCursor,
      k.reportDayPacked(day),
      k.reportCaseDays,
      cursor,
      day,
      blob,
      ...ids.map((id) => k.reportCase(id)),
      k.reportDayCases(day),
    );
    return written === 1;
  }

  /** Sign-ins, sign-outs and pauses of these days, in order. */
  async attendance(hallId: string, days: string[]): Promise<AttendanceEntry[]> {
    const k = hallKeys(hallId);
    const pipe = this.redis.pipeline();
    for (const day of days) pipe.lrange(k.reportDayAttendance(day), 0, -1);
    const replies = (await pipe.exec()) ?? [];
    return replies.flatMap(([err, value]) => {
      if (err) throw err;
      return (value as string[]).map((v) => JSON.parse(v) as AttendanceEntry);
    });
  }

  /** Trims the stream before `minId`, refused (-1) past the fold cursor. */
  async trim(hallId: string, minId: string): Promise<number> {
    const k = hallKeys(hallId);
    return Number(await this.trimCommand(k.events, k.reportCursor, k.eventsTrimmedBefore, minId));
  }

  /** Deletes the whole history of a hall (the rebuild starts from nothing). */
  async clear(hallId: string): Promise<void> {
    const k = hallKeys(hallId);
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        'MATCH',
        `${k.reportPrefix}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      const history = keys.filter(
        (key) => key !== k.reportArchiveCursor && key !== k.reportArchivedDays,
      );
      if (history.length) await this.redis.del(...history);
    } while (cursor !== '0');
  }
}
