import { DateTime } from 'luxon';
import type { ScheduleConfig } from '../config/hall-config.js';
import type { HolidayCalendar } from './calendar.js';
import { periodsOn } from './schedule.js';

/** One appointment slot: [startMs, endMs). */
export interface Slot {
  startMs: number;
  endMs: number;
}

/**
 * The appointment slots of a date under a schedule: laid from the start of each opening period,
 * `slotMinutes` long, each ending inside its period (the lunch break, Friday afternoon, holidays and
 * make-up workdays come from the schedule and calendar, as for tickets). The ticket cut-off does not
 * shorten them: a resident with an appointment checks in on time, not before the cut-off.
 */
export function slotsOn(
  schedule: ScheduleConfig,
  date: string,
  timeZone: string,
  calendar: HolidayCalendar,
  slotMinutes: number,
): Slot[] {
  const midnight = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  const slots: Slot[] = [];
  const periods = [...periodsOn(schedule, date, calendar).periods].sort(
    (a, b) => a.start - b.start,
  );
  for (const p of periods) {
    for (let m = p.start; m + slotMinutes <= p.end; m += slotMinutes) {
      slots.push({
        startMs: midnight.plus({ minutes: m }).toMillis(),
        endMs: midnight.plus({ minutes: m + slotMinutes }).toMillis(),
      });
    }
  }
  return slots;
}

/**
 * Whether [startMs, endMs) lies wholly outside the opening hours of its date: an after-hours
 * appointment (预约延时服务) must not take the place of a slot.
 */
export function outsideOpeningHours(
  schedule: ScheduleConfig,
  startMs: number,
  endMs: number,
  timeZone: string,
  calendar: HolidayCalendar,
): boolean {
  const start = DateTime.fromMillis(startMs, { zone: timeZone });
  const date = start.toISODate() ?? '';
  const midnight = start.startOf('day').toMillis();
  const from = (startMs - midnight) / 60_000;
  const to = (endMs - midnight) / 60_000;
  return periodsOn(schedule, date, calendar).periods.every((p) => to <= p.start || from >= p.end);
}
