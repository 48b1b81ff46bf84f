import { Rating, RatingBody, Slug } from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import type { RateLimits } from '../api/rate-limits.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { PhoneLinks } from '../tickets/phone-links.js';

const WindowParams = z.object({ hallId: Slug, windowId: Slug });

/**
 * POST …/windows/{windowId}/ratings: the window's evaluator or display (device token),
 * or the resident's phone with the ticket's id and the key of its phone link. An
 * anonymous caller without the right key is refused before anything is read, and
 * anonymous ratings are rate-limited per address.
 */
export function rateRoute(
  hall: (hallId: string) => HallService,
  phoneLinks: PhoneLinks,
  limits: RateLimits,
): RouteDef {
  return defineRoute({
    method: 'post',
    path: '/halls/{hallId}/windows/{windowId}/ratings',
    summary:
      "Rate the last finished ticket at this window (evaluator device, window display, or the resident's " +
      "phone with the ticket's id and its phone-link key)",
    tags: ['ratings'],
    access: 'optional',
    params: WindowParams,
    body: RatingBody,
    responses: { 201: { description: 'recorded', schema: Rating } },
    errors: [
      'invalid_request',
      'unauthorized',
      'forbidden',
      'hall_not_found',
      'window_not_found',
      'nothing_to_rate',
      'already_rated',
      'rate_limited',
    ],
    handler: async ({ params, body, principal, req }) => {
      const h = hall(params.hallId);
      if (principal && principal.hallId !== h.id) throw new ApiError('forbidden');
      if (principal === null) {
        await limits.anonymousRating(h.id, req.ip ?? '');
        if (
          body.source !== 'mobile' ||
          body.ticketId === undefined ||
          !phoneLinks.verify(body.ticketId, body.key)
        )
          throw new ApiError('unauthorized');
      }
      return { status: 201, body: await h.rate(principal, params.windowId, body) };
    },
  });
}
