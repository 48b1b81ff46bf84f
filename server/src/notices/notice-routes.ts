import {
  ManagedNotice,
  NoticeBody,
  NoticeEditBody,
  NoticeOrderBody,
  ScreenSettings,
  Slug,
} from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { NoticeService } from './notice-service.js';

const HallParams = z.object({ hallId: Slug });
const NoticeParams = HallParams.extend({
  noticeId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
const Empty = z.object({}).strict().optional();
const NoticeList = z.object({ notices: z.array(ManagedNotice) });

const writeErrors = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'hall_not_found',
  'not_found',
] as const;

/** Only supervisors and administrators manage notices. */
function supervisor(principal: Principal | null): void {
  if (!principal) throw new ApiError('unauthorized');
  if (principal.kind !== 'staff' || principal.user.role === 'clerk')
    throw new ApiError('forbidden');
}

/**
 * The hall screen's settings and the supervisors' rolling notices (滚动公告):
 * create, edit, order, expire; each change is one notice.updated event.
 */
export function noticeRoutes(
  hall: (hallId: string) => HallService,
  notices: NoticeService | null | undefined,
): RouteDef[] {
  const service = (): NoticeService => {
    if (!notices) throw new ApiError('not_found');
    return notices;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/screen',
      summary: 'How the hall screen shows and speaks calls (call template, repeats, quiet hours …)',
      tags: ['hall screen'],
      access: 'anyone',
      params: HallParams,
      responses: { 200: { description: 'the settings', schema: ScreenSettings } },
      errors: ['hall_not_found'],
      handler: ({ params }) =>
        Promise.resolve({ status: 200, body: hall(params.hallId).config.screen }),
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/notices',
      summary: 'Every rolling notice with its schedule and whether it shows now (supervisors)',
      tags: ['hall screen'],
      access: 'staff',
      params: HallParams,
      responses: { 200: { description: 'the notices in rolling order', schema: NoticeList } },
      errors: ['unauthorized', 'forbidden', 'hall_not_found'],
      handler: async ({ params, principal }) => {
        supervisor(principal);
        return { status: 200, body: { notices: await service().list(hall(params.hallId).config) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/notices',
      summary: 'Add a rolling notice, with an optional start, end and days of the week',
      tags: ['hall screen'],
      access: 'staff',
      params: HallParams,
      body: NoticeBody,
      responses: { 201: { description: 'created', schema: ManagedNotice } },
      errors: [...writeErrors],
      handler: async ({ params, body, principal }) => {
        supervisor(principal);
        return { status: 201, body: await service().create(hall(params.hallId).config, body) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/notices/order',
      summary: 'Set the order in which the notices roll; those not listed follow',
      tags: ['hall screen'],
      access: 'staff',
      params: HallParams,
      body: NoticeOrderBody,
      responses: { 200: { description: "the supervisors' notices in order", schema: NoticeList } },
      errors: [...writeErrors, 'notice_not_found'],
      handler: async ({ params, body, principal }) => {
        supervisor(principal);
        const list = await service().order(hall(params.hallId).config, body);
        return { status: 200, body: { notices: list } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/notices/{noticeId}',
      summary: 'Change a notice: text, start, end or days (null clears a field)',
      tags: ['hall screen'],
      access: 'staff',
      params: NoticeParams,
      body: NoticeEditBody,
      responses: { 200: { description: 'the notice now', schema: ManagedNotice } },
      errors: [...writeErrors, 'notice_not_found'],
      handler: async ({ params, body, principal }) => {
        supervisor(principal);
        const n = await service().edit(hall(params.hallId).config, params.noticeId, body);
        return { status: 200, body: n };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/notices/{noticeId}/expire',
      summary: 'End a notice now: it leaves the hall screen',
      tags: ['hall screen'],
      access: 'staff',
      params: NoticeParams,
      body: Empty,
      responses: { 200: { description: 'the notice, ended', schema: ManagedNotice } },
      errors: [...writeErrors, 'notice_not_found'],
      handler: async ({ params, principal }) => {
        supervisor(principal);
        const n = await service().expire(hall(params.hallId).config, params.noticeId);
        return { status: 200, body: n };
      },
    }),
  ];
}
