import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  businessDay,
  dayAndHourClock,
  localTime,
  startOfBusinessDay,
  toHallIso,
} from './business-day.js';

describe('business day and hall times', () => {
  it('give the same text as luxon in every zone, across offset changes', () => {
    const zones = [
      'Asia/Shanghai',
      'Asia/Urumqi',
      'Europe/London',
      'America/New_York',
      'Australia/Lord_Howe', // a half-hour daylight saving change
      'Asia/Kathmandu', // +05:45
      'UTC',
    ];
    // every hour and 7 seconds through two years, and every minute around each offset change
    const start = Date.parse('2025-01-01T00:00:00Z');
    const end = start + 2 * 365 * 24 * 3600_000;
    const wrong: string[] = [];
    const clocks = new Map(zones.map((zone) => [zone, dayAndHourClock(zone)]));
    const check = (t: number, zone: string) => {
      const dt = DateTime.fromMillis(t, { zone });
      const local = localTime(t, zone);
      const clock = clocks.get(zone)?.(t);
      if (
        clock?.day !== dt.toISODate() ||
        clock.hour !== dt.hour ||
        toHallIso(t, zone) !== dt.toISO() ||
        businessDay(t, zone) !== dt.toISODate() ||
        local?.date !== dt.toISODate() ||
        local.minute !== dt.hour * 60 + dt.minute + dt.second / 60 ||
        startOfBusinessDay(local.date, zone) !== dt.startOf('day').toMillis()
      )
        wrong.push(`${zone} ${t}`);
      return dt.offset;
    };
    for (const zone of zones) {
      let last = check(start, zone);
      for (let t = start + 3_607_000; t < end; t += 3_607_000) {
        const offset = check(t, zone);
        if (offset !== last) {
          for (let m = t - 3_607_000; m <= t; m += 60_000) check(m, zone);
          last = offset;
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('give the day and hour of luxon for a local mean time too (an offset of odd seconds)', () => {
    const clock = dayAndHourClock('Asia/Shanghai');
    const t = Date.parse('1890-06-01T15:58:00Z'); // +08:05:43 then: 00:03:43 the next day
    const dt = DateTime.fromMillis(t, { zone: 'Asia/Shanghai' });
    expect(clock(t)).toEqual({ day: dt.toISODate(), hour: dt.hour });
    expect(clock(t)).toEqual({ day: '1890-06-02', hour: 0 });
  });
});
