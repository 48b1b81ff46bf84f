import type { HallEvent } from '@hall/protocol';
import { toHallIso } from '../domain/business-day.js';

/** A stream entry as ioredis returns it: [id, [field, value, ...]]. */
export type StreamEntry = [string, string[]];

/** Turns a stream entry into the public hall event (times in the hall's zone). */
export function toHallEvent(
  hallId: string,
  timeZone: string,
  [id, fields]: StreamEntry,
): HallEvent {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] ?? ''] = fields[i + 1] ?? '';
  const data = JSON.parse(f.data || '{}') as Record<string, unknown>;
  if (typeof data.ratingDeadline === 'number')
    data.ratingDeadline = toHallIso(data.ratingDeadline, timeZone);
  return { id, hallId, type: f.type, at: toHallIso(Number(f.at), timeZone), data } as HallEvent;
}

/** Stream ids compare as (ms, seq) pairs. */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}

export const STREAM_ID = /^\d{1,16}-\d{1,10}$/;

/** A stream entry as the server's own readers (reports, alerts) use it: the data parsed. */
export interface RawEvent {
  id: string;
  type: string;
  /** When it happened (ms). */
  at: number;
  data: Record<string, unknown>;
}

/** An entry's data: its JSON object, or {} for one missing or malformed. */
function parseData(json: string | undefined): Record<string, unknown> {
  try {
    const parsed = JSON.parse(json || '{}') as unknown;
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // a malformed entry reads as an event without data
  }
  return {};
}

/** A field of a stream entry by name (fields are name, value, name, value …). */
export function entryField([, fields]: StreamEntry, name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/** An entry's event type without decoding the rest (scripts write it first: common.lua emit). */
export function entryType(entry: StreamEntry): string | undefined {
  return entry[1][0] === 'type' ? entry[1][1] : entryField(entry, 'type');
}

/** Parses a stream entry whatever its type. */
export function parseEntry(entry: StreamEntry): RawEvent {
  const [id] = entry;
  return {
    id,
    type: entryType(entry) ?? '',
    at: Number(entryField(entry, 'at')) || 0,
    data: parseData(entryField(entry, 'data')),
  };
}

/**
 * The entries of the given types, parsed as parseEntry does; the others (most of a busy
 * hall's stream for any one reader) are passed over before their data is parsed.
 */
export function eventsOfTypes(entries: StreamEntry[], types: ReadonlySet<string>): RawEvent[] {
  const out: RawEvent[] = [];
  for (const entry of entries) {
    const type = entryType(entry);
    if (type !== undefined && types.has(type)) out.push(parseEntry(entry));
  }
  return out;
}
