import { DateTime } from 'luxon';
import type { ScheduleConfig } from '../config/hall-config.js';
import { localTime, startOfBusinessDay } from './business-day.js';
import type { DayKind, HolidayCalendar } from './calendar.js';

/** A period of a day in minutes since local midnight, [start, end). */
export interface Period {
  start: number;
  end: number;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function parsePeriod(text: string): Period {
  const [a = '00:00', b = '00:00'] = text.split('-');
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return { start: minutes(a), end: minutes(b) };
}

/** The opening periods of a date, and what kind of day it is. */
export function periodsOn(
  schedule: ScheduleConfig,
  date: string,
  calendar: HolidayCalendar,
): { kind: DayKind | 'override' | 'always'; periods: Period[] } {
  const override = schedule.overrides[date];
  if (override !== undefined) return { kind: 'override', periods: override.map(parsePeriod) };
  if (schedule.alwaysOpen) return { kind: 'always', periods: [{ start: 0, end: 24 * 60 }] };
  // Date.UTC's day of the week: 0 is Sunday
  const weekday = WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7] ?? 'mon';
  const kind: DayKind =
    schedule.holidays === 'cn'
      ? calendar(date)
      : weekday === 'sat' || weekday === 'sun'
        ? 'weekend'
        : 'workday';
  if (kind === 'holiday') return { kind, periods: [] };
  const day = kind === 'makeup_workday' ? schedule.makeupDayHours : weekday;
  return { kind, periods: (schedule.weekly[day] ?? []).map(parsePeriod) };
}

/**
 * The hall's hours on a date as residents read them: the periods (HH:MM) and the
 * ticket cut-off before each period's end (none when the hall is always open).
 */
export function hoursOn(
  schedule: ScheduleConfig,
  date: string,
  calendar: HolidayCalendar,
): { alwaysOpen: boolean; periods: { from: string; to: string }[]; cutoffMinutes: number } {
  const { kind, periods } = periodsOn(schedule, date, calendar);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const alwaysOpen = kind === 'always';
  return {
    alwaysOpen,
    periods: [...periods]
      .sort((a, b) => a.start - b.start)
      .map((p) => ({ from: hhmm(p.start), to: hhmm(p.end) })),
    cutoffMinutes: alwaysOpen ? 0 : schedule.cutoffMinutes,
  };
}

export type ClosedReason = 'outside_hours' | 'cutoff' | 'holiday';

export type Availability =
  { open: true; closesAt: number } | { open: false; reason: ClosedReason; opensAt: number | null };

/**
 * Whether tickets may be issued at `nowMs` under a schedule: inside an opening
 * period and before its cut-off. The queue itself never closes (DOMAIN rule 10):
 * this gates issuing only. `opensAt` is the next instant issuing starts, looked
 * for up to 60 days ahead.
 */
export function availability(
  schedule: ScheduleConfig,
  nowMs: number,
  timeZone: string,
  calendar: HolidayCalendar,
): Availability {
  // the open path (every ticket) reads the wall time without building a DateTime
  const local = localTime(nowMs, timeZone);
  let zoned: DateTime | null = null;
  const now = () => (zoned ??= DateTime.fromMillis(nowMs, { zone: timeZone }));
  const minute = local ? local.minute : now().hour * 60 + now().minute + now().second / 60;
  const today = local ? local.date : (now().toISODate() ?? '');
  const { kind, periods } = periodsOn(schedule, today, calendar);
  const cutoff =
    schedule.alwaysOpen && schedule.overrides[today] === undefined ? 0 : schedule.cutoffMinutes;
  for (const p of periods) {
    if (minute >= p.start && minute < p.end - cutoff) {
      // minutes are exact durations in luxon too: midnight plus the period's end
      return {
        open: true,
        closesAt: startOfBusinessDay(today, timeZone) + (p.end - cutoff) * 60_000,
      };
    }
  }
  let reason: ClosedReason = 'outside_hours';
  if (kind === 'holiday') reason = 'holiday';
  else if (periods.some((p) => minute >= p.end - cutoff && minute < p.end)) reason = 'cutoff';
  return { open: false, reason, opensAt: nextOpening(schedule, now(), calendar, cutoff) };
}

function nextOpening(
  schedule: ScheduleConfig,
  now: DateTime,
  calendar: HolidayCalendar,
  cutoff: number,
): number | null {
  const minute = now.hour * 60 + now.minute + now.second / 60;
  for (let offset = 0; offset <= 60; offset++) {
    const day = now.startOf('day').plus({ days: offset });
    const { periods } = periodsOn(schedule, day.toISODate() ?? '', calendar);
    for (const p of [...periods].sort((a, b) => a.start - b.start)) {
      if (p.end - cutoff <= p.start) continue;
      if (offset === 0 && p.start <= minute) continue;
      return day.plus({ minutes: p.start }).toMillis();
    }
  }
  return null;
}
