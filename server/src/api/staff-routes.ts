import { Slug, User } from '@hall/protocol';
import { z } from 'zod';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import { defineRoute, type RouteDef } from './route.js';

const HallParams = z.object({ hallId: Slug });
const StaffList = z.object({ staff: z.array(User) }).meta({ id: 'StaffList' });

/** The supervisor console's staff list: names and job numbers for the clerk ids in events and counts. */
export function staffRoutes(hall: (hallId: string) => HallService): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/staff',
      summary: "The hall's staff: id, name, role and job number (supervisors and admins)",
      tags: ['staff'],
      access: 'staff',
      params: HallParams,
      responses: { 200: { description: 'the staff', schema: StaffList } },
      errors: ['unauthorized', 'forbidden', 'hall_not_found'],
      handler: ({ params, principal }) => {
        if (!principal) throw new ApiError('unauthorized');
        const h = hall(params.hallId);
        if (principal.kind !== 'staff' || principal.hallId !== h.id)
          throw new ApiError('forbidden');
        if (principal.user.role === 'clerk') throw new ApiError('forbidden');
        const staff = h.config.staff.map((s) => ({
          id: s.id,
          name: s.name,
          role: s.role,
          jobNo: s.jobNo,
        }));
        return Promise.resolve({ status: 200, body: { staff } });
      },
    }),
  ];
}
