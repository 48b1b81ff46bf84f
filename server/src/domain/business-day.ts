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

/** An instant's business day and local hour (0–23). */
export interface DayAndHour {
  day: string;
  hour: number;
}

/**
 * The business day and local hour of instants in one zone, remembered per quarter hour, for
 * loops over many instants (the reports fold: thousands of events a second). A zone changes
 * its offset on a quarter hour at most, and an offset of whole quarter hours maps a quarter
 * hour of UTC into one quarter hour of local time: one day, one hour. Other offsets (local
 * mean times before 1900) ask luxon each time. The same values as luxon's `toISODate()` and
 * `hour`; each clock holds the quarters it met, so make one per batch, not one per process.
 */
export function dayAndHourClock(timeZone: string): (ms: number) => DayAndHour {
  const quarters = new Map<number, DayAndHour>();
  let lastQuarter = NaN;
  let last: DayAndHour = { day: '', hour: 0 };
  return (ms) => {
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    if (quarter === lastQuarter) return last;
    let value = quarters.get(quarter);
    if (!value) {
      const offset = offsetMinutes(ms, timeZone);
      const wall = offset % 15 === 0 ? wallTime(ms, offset) : null;
      if (!wall) {
        const dt = DateTime.fromMillis(ms, { zone: timeZone });
        return { day: businessDay(ms, timeZone), hour: dt.hour };
      }
      value = { day: wall.slice(0, 10), hour: Number(wall.slice(11, 13)) };
      quarters.set(quarter, value);
    }
    lastQuarter = quarter;
    last = value;
    return value;
  };
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
