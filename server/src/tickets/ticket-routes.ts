import { PriorityBody, Slug, Ticket } from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import { hallOfTicket } from '../store/keys.js';
import { withoutPhoneLink, type PhoneLinks } from './phone-links.js';
import { changePriority } from './priority.js';

const TicketParams = z.object({ ticketId: z.string().min(3).max(80) });
const HallTicketParams = z.object({
  hallId: Slug.meta({ param: { description: 'hall id, e.g. demo' } }),
  ticketId: z.string().min(3).max(80),
});

/**
 * GET /tickets/{ticketId}: the resident's phone reads its ticket with the key of the
 * phone link (`?k=`); staff and devices of the ticket's hall read it with their token.
 * Without either the answer is the same 404 as for a ticket that does not exist, so the
 * route tells nothing about which ids are real.
 */
export function ticketRoutes(halls: Map<string, HallService>, phoneLinks: PhoneLinks): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/tickets/{ticketId}',
      summary:
        "A ticket's status, for the resident's phone: needs `?k=` (the key in the ticket's QR code " +
        'and phone link), or a staff or device token of its hall',
      tags: ['tickets'],
      access: 'optional',
      params: TicketParams,
      query: z.object({
        k: z
          .string()
          .optional()
          .meta({ description: "the key of the ticket's phone link (its QR code)" }),
      }),
      responses: { 200: { description: 'the ticket', schema: Ticket } },
      errors: ['ticket_not_found', 'unauthorized'],
      handler: async ({ params, lang, principal, req }) => {
        const hallId = hallOfTicket(params.ticketId) ?? '';
        const h = halls.get(hallId);
        if (!h) throw new ApiError('ticket_not_found');
        const holder =
          principal !== null
            ? principal.hallId === hallId
            : phoneLinks.verify(params.ticketId, req.query.k);
        if (!holder) throw new ApiError('ticket_not_found');
        const ticket = await h.getTicket(params.ticketId, lang);
        // the link (with its key) only to the phone that already has it
        return { status: 200, body: principal ? withoutPhoneLink(ticket) : ticket };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/tickets/{ticketId}/priority',
      summary:
        'A clerk or supervisor marks a waiting ticket green channel (绿色通道) or takes the mark off, ' +
        'with a reason; it keeps its place in time and the change is recorded (who, why)',
      tags: ['tickets'],
      access: 'staff',
      params: HallTicketParams,
      body: PriorityBody,
      responses: { 200: { description: 'the ticket in its new lane', schema: Ticket } },
      errors: [
        'invalid_request',
        'unauthorized',
        'forbidden',
        'hall_not_found',
        'ticket_not_found',
        'not_waiting',
        'priority_unchanged',
        'reason_required',
      ],
      handler: async ({ params, body, principal, lang }) => {
        const h = halls.get(params.hallId);
        if (!h || !principal) throw new ApiError('hall_not_found');
        const ticket = await changePriority(h, principal, params.ticketId, body, lang);
        return { status: 200, body: withoutPhoneLink(ticket) };
      },
    }),
  ];
}
