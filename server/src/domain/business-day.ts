import { DateTime } from 'luxon';

/**
 * A zone's UTC offset (minutes) at an instant, cached per zone and quarter hour:
 * every time zone changes its offset on a quarter hour at most, so the cached value is exact,
 * and the hot paths (every ticket shows several times) skip building a luxon DateTime.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();
function offsetMinutes(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = DateTime.fromMillis(quarter * QUARTER_HOUR_MS, { zone: timeZone }).offset;
    if (offsets.size >= 4096) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The local wall time of an instant as an ISO string without offset (YYYY-MM-DDTHH:mm:ss.SSS). */
function wallTime(ms: number, offset: number): string | null {
  const local = new Date(ms + offset * 60_000);
  const year = local.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? local.toISOString().slice(0, 23) : null;
}

/** The hall's business day (YYYY-MM-DD) at an instant: numbering restarts when it changes. */
export function businessDay(nowMs: number, timeZone: string): string {
  const wall = wallTime(nowMs, offsetMinutes(nowMs, timeZone));
  return wall
    ? wall.slice(0, 10)
    : (DateTime.fromMillis(nowMs, { zone: timeZone }).toISODate() ?? '');
}

const dayStarts = new Map<string, number>();

/** The instant a business day starts (local midnight in the hall's zone). */
export function startOfBusinessDay(day: string, timeZone: string): number {
  const key = `${timeZone}|${day}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = DateTime.fromISO(day, { zone: timeZone }).startOf('day').toMillis();
    if (dayStarts.size >= 4096) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

/** The local date (YYYY-MM-DD) and minute of the day (with seconds as a fraction) of an instant. */
export function localTime(ms: number, timeZone: string): { date: string; minute: number } | null {
  const wall = wallTime(ms, offsetMinutes(ms, timeZone));
  if (!wall) return null;
  const minute =
    Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16)) + Number(wall.slice(17, 19)) / 60;
  return { date: wall.slice(0, 10), minute };
}

/** The day before, as YYYY-MM-DD. */
export function previousDay(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? '';
}

/** ISO 8601 with the hall's offset, as the API presents every time (the same text as luxon's toISO). */
export function toHallIso(ms: number, timeZone: string): string {
  const offset = offsetMinutes(ms, timeZone);
  const wall = offset !== 0 ? wallTime(ms, offset) : null;
  if (wall === null || !Number.isFinite(ms)) {
    return DateTime.fromMillis(ms, { zone: timeZone }).toISO() ?? new Date(ms).toISOString();
  }
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${wall}${sign}${hh}:${mm}`;
}
