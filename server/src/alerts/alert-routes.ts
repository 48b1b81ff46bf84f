import {
  AckAlertBody,
  Alert,
  AlertList,
  AlertQuery,
  Slug,
  SupervisionView,
  type ErrorCode,
} from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { Alerts } from './alert-service.js';

const HallParams = z.object({ hallId: Slug });
const AlertParams = HallParams.extend({
  alertId: z
    .string()
    .regex(/^a\d{1,12}$/)
    .meta({ param: { description: "the alert's id, e.g. a17" } }),
});

const supervisorErrors: ErrorCode[] = ['unauthorized', 'forbidden', 'hall_not_found'];

/** Supervisors and admins of this hall only: clerks do not see or acknowledge alerts. */
function supervisorOf(principal: Principal | null, h: HallService): string {
  if (!principal) throw new ApiError('unauthorized');
  if (principal.hallId !== h.id || principal.kind !== 'staff') throw new ApiError('forbidden');
  if (principal.user.role !== 'supervisor' && principal.user.role !== 'admin') {
    throw new ApiError('forbidden');
  }
  return principal.user.id;
}

/** The supervisor's alerts (time limits, 空岗, 脱岗, bad ratings) and the live board's timers. */
export function alertRoutes(
  hall: (hallId: string) => HallService,
  alerts: Alerts | null | undefined,
): RouteDef[] {
  const service = (): Alerts => {
    if (!alerts) throw new ApiError('unavailable');
    return alerts;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/alerts',
      summary:
        'Alerts: every open one (state=open), or all raised on a business day (state=all&date=YYYY-MM-DD), newest first',
      tags: ['alerts'],
      access: 'staff',
      params: HallParams,
      query: AlertQuery,
      responses: { 200: { description: 'the alerts with their history', schema: AlertList } },
      errors: [...supervisorErrors, 'invalid_request'],
      handler: async ({ params, query, principal }) => {
        const h = hall(params.hallId);
        supervisorOf(principal, h);
        return { status: 200, body: { alerts: await service().list(h, query.state, query.date) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/alerts/{alertId}/ack',
      summary: 'Acknowledge an alert with a note of what is being done; it leaves the open list',
      tags: ['alerts'],
      access: 'staff',
      params: AlertParams,
      body: AckAlertBody,
      responses: { 200: { description: 'acknowledged', schema: Alert } },
      errors: [...supervisorErrors, 'invalid_request', 'alert_not_found', 'alert_acknowledged'],
      handler: async ({ params, body, principal }) => {
        const h = hall(params.hallId);
        const by = supervisorOf(principal, h);
        return { status: 200, body: await service().ack(h, params.alertId, by, body.note) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/supervision',
      summary:
        "The live board's timers: each window's called, in-service, paused or idle time and each service's longest wait, with the limits",
      tags: ['alerts'],
      access: 'staff',
      params: HallParams,
      responses: { 200: { description: 'timers and limits', schema: SupervisionView } },
      errors: supervisorErrors,
      handler: async ({ params, principal }) => {
        const h = hall(params.hallId);
        supervisorOf(principal, h);
        return { status: 200, body: await service().supervision(h) };
      },
    }),
  ];
}
