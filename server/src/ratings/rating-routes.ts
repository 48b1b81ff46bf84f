import {
  CloseFollowUpBody,
  FollowUp,
  FollowUpList,
  RatingStats,
  Slug,
  type ErrorCode,
} from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { FollowUps } from './follow-ups.js';

const HallParams = z.object({ hallId: Slug });
const FollowUpParams = HallParams.extend({
  followUpId: z
    .string()
    .min(3)
    .max(80)
    .meta({ param: { description: "the follow-up's id (the rated ticket's id)" } }),
});
/** 2026-11 and 2026-11-30 are; 2026-13 and 2026-11-31 are not. */
function isCalendarPeriod(period: string): boolean {
  const [y, m, d] = period.split('-').map(Number);
  if (y === undefined || m === undefined || m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const PeriodParams = HallParams.extend({
  period: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'YYYY-MM-DD or YYYY-MM')
    .refine(isCalendarPeriod, 'no such day or month')
    .meta({ param: { description: 'a business day (2026-11-23) or a month (2026-11)' } }),
});

const supervisorErrors: ErrorCode[] = ['unauthorized', 'forbidden', 'hall_not_found'];

/** Only supervisors and admins of this hall see and close follow-ups and rating counts. */
function supervisorOf(principal: Principal | null, h: HallService): string {
  if (!principal) throw new ApiError('unauthorized');
  if (principal.hallId !== h.id || principal.kind !== 'staff') throw new ApiError('forbidden');
  if (principal.user.role !== 'supervisor' && principal.user.role !== 'admin') {
    throw new ApiError('forbidden');
  }
  return principal.user.id;
}

/** The supervisor's endpoints for ratings: 回访 follow-ups and per clerk evaluation counts. */
export function ratingRoutes(
  hall: (hallId: string) => HallService,
  followUps: FollowUps | null | undefined,
): RouteDef[] {
  const service = (): FollowUps => {
    if (!followUps) throw new ApiError('unavailable');
    return followUps;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/follow-ups',
      summary: 'Follow-up (回访) tasks of bad ratings, newest first, open and closed',
      tags: ['ratings'],
      access: 'staff',
      params: HallParams,
      responses: { 200: { description: 'the tasks', schema: FollowUpList } },
      errors: supervisorErrors,
      handler: async ({ params, principal }) => {
        const h = hall(params.hallId);
        supervisorOf(principal, h);
        return { status: 200, body: { followUps: await service().list(h) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/follow-ups/{followUpId}/close',
      summary: 'Close a follow-up (回访) task with a note of what was found and done',
      tags: ['ratings'],
      access: 'staff',
      params: FollowUpParams,
      body: CloseFollowUpBody,
      responses: { 200: { description: 'closed', schema: FollowUp } },
      errors: [...supervisorErrors, 'invalid_request', 'follow_up_not_found', 'follow_up_closed'],
      handler: async ({ params, body, principal }) => {
        const h = hall(params.hallId);
        const by = supervisorOf(principal, h);
        return {
          status: 200,
          body: await service().closeTask(h, params.followUpId, by, body.note),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/rating-stats/{period}',
      summary:
        'Per clerk in a business day or month: services offered an evaluation, rated, 未评价, bad ratings',
      tags: ['ratings'],
      access: 'staff',
      params: PeriodParams,
      responses: { 200: { description: 'counts per clerk', schema: RatingStats } },
      errors: [...supervisorErrors, 'invalid_request'],
      handler: async ({ params, principal }) => {
        const h = hall(params.hallId);
        supervisorOf(principal, h);
        return { status: 200, body: await service().stats(h, params.period) };
      },
    }),
  ];
}
