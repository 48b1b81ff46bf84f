import { LoginBody, LoginResult, Slug } from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import type { RateLimits } from '../api/rate-limits.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { Authenticator } from './authenticator.js';

const StaffParams = z.object({
  hallId: Slug,
  userId: Slug.meta({ param: { description: "the staff member's id, e.g. clerk1" } }),
});
const Ended = z.object({ ended: z.number().int() }).meta({ id: 'SessionsEnded' });

/** Login, logout and a supervisor's ending of a clerk's sessions. */
export function authRoutes(
  hall: (hallId: string) => HallService,
  auth: Authenticator,
  limits: RateLimits,
): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      summary:
        'Staff login; attempts are limited per user name and per address and slowed down after failures',
      tags: ['auth'],
      access: 'anyone',
      body: LoginBody,
      responses: { 200: { description: 'signed in', schema: LoginResult } },
      errors: ['invalid_request', 'invalid_credentials', 'rate_limited', 'unsupported_media_type'],
      handler: async ({ body, req }) => {
        const result = await limits.login(
          { username: body.username, ip: req.ip ?? '', hallId: body.hallId },
          () => auth.login(body.username, body.password, body.hallId),
        );
        if (!result) throw new ApiError('invalid_credentials');
        const { user } = result;
        return {
          status: 200,
          body: {
            token: result.token,
            user: { id: user.id, name: user.name, role: user.role, jobNo: user.jobNo },
            hallId: result.hallId,
            ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      summary: 'Ends the session of the token sent (退出登录); the token is refused from then on',
      tags: ['auth'],
      access: 'staff',
      responses: { 204: { description: 'signed out' } },
      errors: ['unauthorized', 'forbidden'],
      handler: async ({ req }) => {
        await auth.logout(req.headers.authorization);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/staff/{userId}/end-sessions',
      summary:
        "Ends every session of a staff member of the hall, e.g. a clerk's forgotten login (supervisors and admins)",
      tags: ['auth', 'staff'],
      access: 'staff',
      params: StaffParams,
      responses: { 200: { description: 'how many sessions ended', schema: Ended } },
      errors: ['unauthorized', 'forbidden', 'hall_not_found', 'not_found'],
      handler: async ({ params, principal }) => {
        if (principal?.kind !== 'staff' || principal.user.role === 'clerk')
          throw new ApiError('forbidden');
        const h = hall(params.hallId);
        if (!h.staff(params.userId)) throw new ApiError('not_found', { field: 'userId' });
        return { status: 200, body: { ended: await auth.endSessions(h.id, params.userId) } };
      },
    }),
  ];
}
