import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ScheduleConfig } from '../config/hall-config.js';
import type { HolidayCalendar } from './calendar.js';
import { isWorkingDay, workingDaysLater } from './working-days.js';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toMillis();
const iso = (ms: number) => DateTime.fromMillis(ms, { zone: TZ }).toISO();
const weekdays: HolidayCalendar = (date) => {
  const d = DateTime.fromISO(date).weekday;
  return d >= 6 ? 'weekend' : 'workday';
};

describe('working days', () => {
  const schedule = ScheduleConfig.parse({ alwaysOpen: true });
  const working = (date: string) => isWorkingDay(date, schedule, weekdays);

  it('a rating on Friday with 3 working days is due at the end of Wednesday', () => {
    // 2026-11-27 is a Friday
    expect(iso(workingDaysLater(at('2026-11-27T10:00'), 3, TZ, working))).toBe(
      '2026-12-02T23:59:59.999+08:00',
    );
  });

  it('a rating on Monday is due at the end of Thursday', () => {
    expect(iso(workingDaysLater(at('2026-11-23T16:30'), 3, TZ, working))).toBe(
      '2026-11-26T23:59:59.999+08:00',
    );
  });

  it('statutory holidays do not count, make-up workdays do', () => {
    const calendar: HolidayCalendar = (date) =>
      date >= '2026-10-01' && date <= '2026-10-07'
        ? 'holiday'
        : date === '2026-10-10'
          ? 'makeup_workday'
          : weekdays(date);
    const w = (date: string) => isWorkingDay(date, schedule, calendar);
    // Wed 30 Sep: the golden week follows; Thu 8 Oct and Fri 9 Oct, then Saturday 10 Oct (调休上班)
    expect(iso(workingDaysLater(at('2026-09-30T09:00'), 3, TZ, w))).toBe(
      '2026-10-10T23:59:59.999+08:00',
    );
  });

  it("the hall's overrides win over the calendar", () => {
    const closed = ScheduleConfig.parse({ alwaysOpen: true, overrides: { '2026-11-30': [] } });
    const open = ScheduleConfig.parse({ overrides: { '2026-11-28': ['09:00-12:00'] } });
    expect(isWorkingDay('2026-11-30', closed, weekdays)).toBe(false);
    expect(isWorkingDay('2026-11-28', open, weekdays)).toBe(true);
    expect(isWorkingDay('2026-11-29', open, weekdays)).toBe(false);
  });
});
