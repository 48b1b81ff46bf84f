/**
 * Wall-clock time in the hall's time zone, via Intl only: the kiosk PC's own zone and any
 * hand-written offset arithmetic are both wrong somewhere (DST zones, a PC left on UTC).
 *
 * formatToParts and fixed separators instead of a locale's format string, because ICU
 * changes its zh-CN patterns between Node releases and the golden bytes must not.
 */

interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function wallClock(iso: string, timeZone: string): WallClock {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${iso}`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => {
    const value = parts.find((p) => p.type === type)?.value;
    if (value === undefined) throw new Error(`Intl gave no ${type} for ${iso} in ${timeZone}`);
    return value;
  };
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** "2026-11-23 09:30" in the given zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const t = wallClock(iso, timeZone);
  return `${t.year}-${t.month}-${t.day} ${t.hour}:${t.minute}`;
}

/** "2026年11月23日" in the given zone, as written on official documents. */
export function formatDateZh(iso: string, timeZone: string): string {
  const t = wallClock(iso, timeZone);
  return `${t.year}年${Number(t.month)}月${Number(t.day)}日`;
}
