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
