import {
  Appointment,
  AppointmentCode,
  AppointmentDay,
  AppointmentDayQuery,
  BookAppointmentBody,
  RescheduleAppointmentBody,
  Slug,
  SlotClosureBody,
} from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import type { Principal } from '../auth/principal.js';
import type { HallConfig } from '../config/hall-config.js';
import { ApiError } from '../errors.js';
import type { AppointmentService } from './appointment-service.js';

const HallParams = z.object({ hallId: Slug });
const CodeParams = HallParams.extend({
  code: AppointmentCode.meta({ param: { description: 'the appointment code' } }),
});
const Empty = z.object({}).strict().optional();

const common = ['unauthorized', 'forbidden', 'hall_not_found'] as const;

function who(principal: Principal | null): Principal {
  if (!principal) throw new ApiError('unauthorized');
  return principal;
}

function staff(principal: Principal | null, roles: string[]): Principal {
  const p = who(principal);
  if (p.kind !== 'staff' || !roles.includes(p.user.role)) throw new ApiError('forbidden');
  return p;
}

/**
 * Appointments (预约): a day's slots and bookings, book, cancel, reschedule, close slots. Staff
 * (clerk, supervisor, admin) book for a resident; a booking site's device token only books, lists
 * its own bookings and cancels them.
 */
export function appointmentRoutes(
  config: (hallId: string) => HallConfig,
  service: AppointmentService,
): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/appointments',
      summary: "A day's appointment slots per service (capacity, booked, closed) and bookings",
      tags: ['appointments'],
      access: 'booking_or_staff',
      params: HallParams,
      query: AppointmentDayQuery,
      responses: { 200: { description: 'the day', schema: AppointmentDay } },
      errors: [...common, 'invalid_request', 'service_not_found'],
      handler: async ({ params, query, principal, lang }) => ({
        status: 200,
        body: await service.day(
          config(params.hallId),
          who(principal),
          query.date,
          query.serviceId,
          lang,
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/appointments',
      summary:
        'Book a slot for a resident (or 预约延时服务 after hours with the serving clerk); returns the code',
      tags: ['appointments'],
      access: 'booking_or_staff',
      params: HallParams,
      body: BookAppointmentBody,
      responses: { 201: { description: 'booked', schema: Appointment } },
      errors: [
        ...common,
        'invalid_request',
        'service_not_found',
        'clerk_not_found',
        'slot_unavailable',
        'during_opening_hours',
        'slot_full',
        'slot_closed',
      ],
      handler: async ({ params, body, principal, lang }) => ({
        status: 201,
        body: await service.book(config(params.hallId), who(principal), body, lang),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/halls/{hallId}/appointments/{code}',
      summary: 'Cancel an appointment (a booking device: only its own)',
      tags: ['appointments'],
      access: 'booking_or_staff',
      params: CodeParams,
      body: Empty,
      responses: { 200: { description: 'cancelled', schema: Appointment } },
      errors: [...common, 'appointment_not_found', 'appointment_not_active'],
      handler: async ({ params, principal, lang }) => ({
        status: 200,
        body: await service.cancel(config(params.hallId), who(principal), params.code, lang),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/appointments/{code}/reschedule',
      summary: 'Move an appointment to another slot (staff); the code stays',
      tags: ['appointments'],
      access: 'staff',
      params: CodeParams,
      body: RescheduleAppointmentBody,
      responses: { 200: { description: 'moved', schema: Appointment } },
      errors: [
        ...common,
        'invalid_request',
        'appointment_not_found',
        'appointment_not_active',
        'service_not_found',
        'slot_unavailable',
        'slot_full',
        'slot_closed',
      ],
      handler: async ({ params, body, principal, lang }) => ({
        status: 200,
        body: await service.reschedule(
          config(params.hallId),
          who(principal),
          params.code,
          body,
          lang,
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/appointments/closures',
      summary: 'Close or reopen a day, a service’s day or one slot for appointments (supervisors)',
      tags: ['appointments'],
      access: 'staff',
      params: HallParams,
      body: SlotClosureBody,
      responses: { 200: { description: 'the day after the change', schema: AppointmentDay } },
      errors: [...common, 'invalid_request', 'service_not_found'],
      handler: async ({ params, body, principal, lang }) => {
        const p = staff(principal, ['supervisor', 'admin']);
        const hall = config(params.hallId);
        await service.setClosure(hall, body);
        return { status: 200, body: await service.day(hall, p, body.date, undefined, lang) };
      },
    }),
  ];
}
