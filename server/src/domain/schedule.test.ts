import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHallConfig } from '../config/hall-config.js';
import { businessDay, toHallIso } from './business-day.js';
import { chineseCalendar, plainCalendar } from './calendar.js';
import { availability, hoursOn, periodsOn } from './schedule.js';

const township = parseHallConfig(
  readFileSync(join(__dirname, '../../../config/township.yaml'), 'utf8'),
  'township.yaml',
);
const tz = township.timeZone;
const at = (local: string) => Date.parse(`${local}+08:00`);
const check = (local: string, schedule = township.schedule) =>
  availability(schedule, at(local), tz, chineseCalendar);
const iso = (ms: number | null) => (ms === null ? null : toHallIso(ms, tz));

describe('opening hours of the township hall', () => {
  it('is open on a Monday morning, closes tickets 30 minutes before lunch and reopens after', () => {
    expect(check('2026-11-23T09:00:00').open).toBe(true);
    const cutoff = check('2026-11-23T11:45:00');
    expect(cutoff).toMatchObject({ open: false, reason: 'cutoff' });
    expect(cutoff.open ? null : iso(cutoff.opensAt)).toBe('2026-11-23T14:30:00.000+08:00');
    const lunch = check('2026-11-23T12:30:00');
    expect(lunch).toMatchObject({ open: false, reason: 'outside_hours' });
    expect(lunch.open ? null : iso(lunch.opensAt)).toBe('2026-11-23T14:30:00.000+08:00');
  });

  it('is closed on Friday afternoon (study) and opens again on Monday', () => {
    expect(check('2026-11-27T10:00:00').open).toBe(true);
    const friday = check('2026-11-27T15:00:00');
    expect(friday.open).toBe(false);
    expect(friday.open ? null : iso(friday.opensAt)).toBe('2026-11-30T08:30:00.000+08:00');
  });

  it('is closed on a statutory holiday (National Day) and names the reason', () => {
    const r = check('2026-10-01T10:00:00');
    expect(r).toMatchObject({ open: false, reason: 'holiday' });
    // the holiday runs 1–7 October; Thursday 8 October is a workday
    expect(r.open ? null : iso(r.opensAt)).toBe('2026-10-08T08:30:00.000+08:00');
  });

  it('opens on a make-up Saturday (调休上班) with Monday hours', () => {
    expect(chineseCalendar('2026-10-10')).toBe('makeup_workday');
    expect(check('2026-10-10T09:00:00').open).toBe(true);
    expect(check('2026-10-10T15:00:00').open).toBe(true);
    // an ordinary Saturday stays closed
    expect(check('2026-11-21T09:00:00').open).toBe(false);
  });

  it('follows a day override from the hall file', () => {
    expect(periodsOn(township.schedule, '2026-12-31', chineseCalendar).kind).toBe('override');
    expect(check('2026-12-31T10:00:00').open).toBe(true);
    expect(check('2026-12-31T15:00:00').open).toBe(false);
  });

  it('lets a service keep its own hours (housing: mornings, 60-minute cut-off)', () => {
    const housing = township.services.find((s) => s.id === 'housing')?.schedule;
    if (!housing) throw new Error('housing has its own schedule');
    expect(check('2026-11-23T10:30:00', housing).open).toBe(true);
    expect(check('2026-11-23T11:10:00', housing)).toMatchObject({ open: false, reason: 'cutoff' });
    expect(check('2026-11-23T15:00:00', housing).open).toBe(false);
  });

  it('a plain calendar knows no holidays', () => {
    expect(plainCalendar('2026-10-01')).toBe('workday');
    expect(plainCalendar('2026-10-10')).toBe('weekend');
  });
});

describe('business day', () => {
  it('changes at midnight in the hall time zone, not in UTC', () => {
    expect(businessDay(Date.parse('2026-11-23T15:59:59Z'), tz)).toBe('2026-11-23');
    expect(businessDay(Date.parse('2026-11-23T16:00:00Z'), tz)).toBe('2026-11-24');
  });
});

describe('hours shown to residents', () => {
  it('gives a day’s periods and the ticket cut-off, and nothing on a holiday', () => {
    expect(hoursOn(township.schedule, '2026-11-23', chineseCalendar)).toEqual({
      alwaysOpen: false,
      periods: [
        { from: '08:30', to: '12:00' },
        { from: '14:30', to: '17:30' },
      ],
      cutoffMinutes: 30,
    });
    expect(hoursOn(township.schedule, '2026-11-27', chineseCalendar).periods).toEqual([
      { from: '08:30', to: '12:00' },
    ]);
    expect(hoursOn(township.schedule, '2026-10-01', chineseCalendar).periods).toEqual([]);
  });
});
