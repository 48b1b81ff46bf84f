import { DateTime } from 'luxon';

/** The hall's business day (YYYY-MM-DD) at an instant: numbering restarts when it changes. */
export function businessDay(nowMs: number, timeZone: string): string {
  return DateTime.fromMillis(nowMs, { zone: timeZone }).toISODate() ?? '';
}

/** The instant a business day starts (local midnight in the hall's zone). */
export function startOfBusinessDay(day: string, timeZone: string): number {
  return DateTime.fromISO(day, { zone: timeZone }).startOf('day').toMillis();
}

/** The day before, as YYYY-MM-DD. */
export function previousDay(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? '';
}

/** ISO 8601 with the hall's offset, as the API presents every time. */
export function toHallIso(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISO() ?? new Date(ms).toISOString();
}
