import { describe, expect, it } from 'vitest';
import { ScheduleConfig } from '../config/hall-config.js';
import { outsideOpeningHours, slotsOn } from './appointment-slots.js';
import { plainCalendar } from './calendar.js';

const tz = 'Asia/Shanghai';
const schedule = ScheduleConfig.parse({
  weekly: { mon: ['08:30-12:00', '14:30-17:30'], fri: ['08:30-12:00'] },
  holidays: 'none',
  cutoffMinutes: 30,
});
const hhmm = (ms: number) =>
  new Date(ms).toLocaleTimeString('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit' });

describe('slotsOn', () => {
  it('lays slots from each period’s start, each ending inside its period', () => {
    const slots = slotsOn(schedule, '2026-11-30', tz, plainCalendar, 45);
    // 08:30–12:00 holds four 45-minute slots (to 11:30); 14:30–17:30 holds four
    expect(slots.map((s) => hhmm(s.startMs))).toEqual([
      ...['08:30', '09:15', '10:00', '10:45'],
      ...['14:30', '15:15', '16:00', '16:45'],
    ]);
    expect(hhmm(slots[3]!.endMs)).toBe('11:30');
  });

  it('gives no slots on a closed day and honours a date override', () => {
    expect(slotsOn(schedule, '2026-12-01', tz, plainCalendar, 30)).toEqual([]);
    const closed = { ...schedule, overrides: { '2026-11-30': [] } };
    expect(slotsOn(closed, '2026-11-30', tz, plainCalendar, 30)).toEqual([]);
  });
});

describe('outsideOpeningHours', () => {
  const t = (s: string) => Date.parse(`2026-11-30T${s}:00+08:00`);
  it('is true at lunch, before opening and after closing, false when it touches a period', () => {
    expect(outsideOpeningHours(schedule, t('12:00'), t('12:30'), tz, plainCalendar)).toBe(true);
    expect(outsideOpeningHours(schedule, t('17:30'), t('18:00'), tz, plainCalendar)).toBe(true);
    expect(outsideOpeningHours(schedule, t('08:00'), t('08:30'), tz, plainCalendar)).toBe(true);
    expect(outsideOpeningHours(schedule, t('14:00'), t('14:45'), tz, plainCalendar)).toBe(false);
    expect(outsideOpeningHours(schedule, t('09:00'), t('09:30'), tz, plainCalendar)).toBe(false);
  });
});
