import { ClerkDesk, PublicWindow, Slug } from '@hall/protocol';
import { z } from 'zod';
import { ApiError } from '../errors.js';
import type { CounterService } from '../halls/counter-service.js';
import type { HallService } from '../halls/hall-service.js';
import { defineRoute, type RouteDef } from './route.js';

const HallParams = z.object({ hallId: Slug });
const WindowParams = HallParams.extend({ windowId: Slug });
const Empty = z.object({}).strict().optional();

/** The counter console's own endpoints: A/B handover, presence, the clerk's desk. */
export function counterRoutes(
  hall: (hallId: string) => HallService,
  counter: CounterService | null | undefined,
): RouteDef[] {
  const service = (): CounterService => {
    if (!counter) throw new ApiError('unavailable');
    return counter;
  };
  return [
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/windows/{windowId}/take-over',
      summary:
        "A/B posts (AB岗): the window's A or B clerk takes the window in one action; " +
        'the partner, if still signed in, is signed out and the handover recorded',
      tags: ['windows'],
      access: 'staff',
      params: WindowParams,
      body: Empty,
      responses: { 200: { description: 'the window, now with this clerk', schema: PublicWindow } },
      errors: [
        'unauthorized',
        'forbidden',
        'hall_not_found',
        'window_not_found',
        'window_taken',
        'clerk_elsewhere',
      ],
      handler: async ({ params, principal, lang }) => {
        if (!principal) throw new ApiError('unauthorized');
        return {
          status: 200,
          body: await service().takeOver(hall(params.hallId), principal, params.windowId, lang),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/windows/{windowId}/presence',
      summary: "The signed-in clerk used the console lately; keeps the hall's idle sign-out away",
      tags: ['windows'],
      access: 'staff',
      params: WindowParams,
      body: Empty,
      responses: { 204: { description: 'noted' } },
      errors: [
        'unauthorized',
        'forbidden',
        'hall_not_found',
        'window_not_found',
        'window_not_open',
      ],
      handler: async ({ params, principal }) => {
        if (!principal) throw new ApiError('unauthorized');
        await service().presence(hall(params.hallId), principal, params.windowId);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/staff/me',
      summary: "The signed-in clerk's desk: window, A/B posts, today's own counts and ratings",
      tags: ['staff'],
      access: 'staff',
      params: HallParams,
      responses: { 200: { description: 'the desk', schema: ClerkDesk } },
      errors: ['unauthorized', 'forbidden', 'hall_not_found'],
      handler: async ({ params, principal }) => {
        if (!principal) throw new ApiError('unauthorized');
        return { status: 200, body: await service().desk(hall(params.hallId), principal) };
      },
    }),
  ];
}
