import { Slug, TicketContact, TicketContactBody } from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import { maskPhone } from '../appointments/appointment-service.js';
import { ApiError } from '../errors.js';
import { hallOfTicket } from '../store/keys.js';
import type { ContactStore } from './contact-store.js';

const Params = z.object({ hallId: Slug, ticketId: z.string().min(3).max(80) });

/** A ticket's notification contact: the kiosk (or a clerk) stores it with the consent tick. */
export function contactRoutes(contacts: ContactStore): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/tickets/{ticketId}/contact',
      summary:
        'Leave a phone for SMS about this ticket (turn near, called, done, 回访); without consent nothing is kept',
      tags: ['notifications'],
      access: 'kiosk_or_staff',
      params: Params,
      body: TicketContactBody,
      responses: { 200: { description: 'stored (or withdrawn)', schema: TicketContact } },
      errors: [
        'invalid_request',
        'unauthorized',
        'forbidden',
        'hall_not_found',
        'ticket_not_found',
      ],
      handler: async ({ params, body }) => {
        if (hallOfTicket(params.ticketId) !== params.hallId) throw new ApiError('ticket_not_found');
        await contacts.save(params.hallId, params.ticketId, body.phone, body.consent);
        return {
          status: 200,
          body: {
            ticketId: params.ticketId,
            consent: body.consent,
            ...(body.consent ? { phone: maskPhone(body.phone) } : {}),
          },
        };
      },
    }),
  ];
}
