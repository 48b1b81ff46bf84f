import { DateTime } from 'luxon';
import type { ScheduleConfig } from '../config/hall-config.js';
import { plainCalendar, type HolidayCalendar } from './calendar.js';

/**
 * A working day (工作日) for deadlines such as the follow-up of a bad rating: a weekday or a
 * make-up workday (调休) that is no statutory holiday, unless the hall's schedule overrides the
 * date (an override with hours is a working day, an empty one is not). Opening hours do not
 * matter: a hall open around the clock still counts deadlines in working days.
 */
export function isWorkingDay(
  date: string,
  schedule: ScheduleConfig,
  calendar: HolidayCalendar,
): boolean {
  const override = schedule.overrides[date];
  if (override !== undefined) return override.length > 0;
  const kind = (schedule.holidays === 'cn' ? calendar : plainCalendar)(date);
  return kind === 'workday' || kind === 'makeup_workday';
}

/**
 * The end (last millisecond, hall time) of the `days`-th working day after the day of `fromMs`:
 * a bad rating on Friday with 3 working days is due at the end of Wednesday.
 */
export function workingDaysLater(
  fromMs: number,
  days: number,
  timeZone: string,
  isWorking: (date: string) => boolean,
): number {
  let day = DateTime.fromMillis(fromMs, { zone: timeZone }).startOf('day');
  let left = days;
  // a year of holidays and weekends in a row does not exist; the bound only guards bad data
  for (let i = 0; i < 366 && left > 0; i++) {
    day = day.plus({ days: 1 });
    if (isWorking(day.toISODate() ?? '')) left--;
  }
  return day.endOf('day').toMillis();
}
