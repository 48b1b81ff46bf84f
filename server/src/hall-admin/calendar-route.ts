import { HallCalendar, Slug, type CalendarDay } from '@hall/protocol';
import chineseDays from 'chinese-days';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import type { ScheduleConfig } from '../config/hall-config.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import { hoursOn, periodsOn } from '../domain/schedule.js';
import { ApiError } from '../errors.js';
import type { ConfigService } from './config-service.js';

const Params = z.object({ hallId: Slug });
const Query = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  serviceId: Slug.optional().meta({ description: "a service's own hours instead of the hall's" }),
});

/** The Chinese name of a statutory holiday from the dataset ("National Day,国庆节,3" → 国庆节). */
function holidayName(date: string): string | undefined {
  const parts = chineseDays.getDayDetail(date).name.split(',');
  return parts.length > 1 ? parts[1] : undefined;
}

/** Every day of a year under a schedule: its kind, its holiday's name and its opening hours. */
export function yearCalendar(
  schedule: ScheduleConfig,
  year: number,
  calendar: HolidayCalendar,
): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const { kind } = periodsOn(schedule, date, calendar);
    const name =
      schedule.holidays === 'cn' && kind !== 'workday' && kind !== 'weekend' && kind !== 'always'
        ? holidayName(date)
        : undefined;
    days.push({
      date,
      kind,
      ...(name ? { name } : {}),
      periods: hoursOn(schedule, date, calendar).periods,
    });
  }
  return days;
}

/** The holiday calendar of the admin console: a year of the hall's (or a service's) days. */
export function calendarRoute(config: ConfigService, calendar: HolidayCalendar): RouteDef {
  return defineRoute({
    method: 'get',
    path: '/halls/{hallId}/calendar',
    summary:
      "A year of the hall's days as its schedule makes them: statutory holidays, 调休 make-up workdays, overrides and hours (supervisors and admins)",
    tags: ['config'],
    access: 'staff',
    params: Params,
    query: Query,
    responses: { 200: { description: 'the days of the year', schema: HallCalendar } },
    errors: ['unauthorized', 'forbidden', 'hall_not_found', 'invalid_request', 'service_not_found'],
    handler: async ({ params, query, principal }) => {
      if (principal?.kind !== 'staff' || principal.user.role === 'clerk')
        throw new ApiError('forbidden');
      const { config: c } = await config.read(params.hallId);
      let schedule = c.schedule;
      if (query.serviceId !== undefined) {
        const service = c.services.find((s) => s.id === query.serviceId);
        if (!service) throw new ApiError('service_not_found', { field: 'serviceId' });
        schedule = service.schedule ?? c.schedule;
      }
      const covers =
        chineseDays.getHolidaysInRange(`${query.year}-01-01`, `${query.year}-12-31`, false).length >
        0;
      return {
        status: 200,
        body: {
          year: query.year,
          ...(query.serviceId ? { serviceId: query.serviceId } : {}),
          datasetCovers: covers,
          days: yearCalendar(schedule, query.year, calendar),
        },
      };
    },
  });
}
