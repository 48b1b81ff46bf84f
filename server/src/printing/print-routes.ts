import { PrinterState, PrintNoticeBody, PrintNoticeResult, Slug } from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { PrintService } from './print-service.js';

const HallParams = z.object({ hallId: Slug });
const TicketParams = HallParams.extend({ ticketId: z.string().min(3).max(80) });

/** The printing endpoints: a ticket's one-time notice, and the hall's printers. */
export function printRoutes(
  hall: (hallId: string) => HallService,
  printing: PrintService | null | undefined,
): RouteDef[] {
  const service = (): PrintService => {
    if (!printing) throw new ApiError('not_found', { message: '本大厅未配置打印机' });
    return printing;
  };
  return [
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/tickets/{ticketId}/notice',
      summary:
        "Print the one-time notice (一次性告知单) of missing materials on the window's printer; " +
        'the clerk must be signed in at that window',
      tags: ['printing'],
      access: 'staff',
      params: TicketParams,
      body: PrintNoticeBody,
      responses: { 202: { description: 'queued for printing', schema: PrintNoticeResult } },
      errors: [
        'invalid_request',
        'unauthorized',
        'forbidden',
        'hall_not_found',
        'ticket_not_found',
        'window_not_found',
        'window_not_open',
        'not_found',
      ],
      handler: async ({ params, body, principal }) => {
        if (!principal) throw new ApiError('unauthorized');
        const h = hall(params.hallId);
        if (principal.hallId !== h.id) throw new ApiError('forbidden');
        return {
          status: 202,
          body: await service().printNotice(h, principal, params.ticketId, body),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/printers',
      summary:
        "The hall's ticket printers: connected, ready, or which problem (paper end 缺纸, cover open 机盖打开 …)",
      tags: ['printing'],
      access: 'anyone',
      params: HallParams,
      responses: {
        200: {
          description: 'printer states',
          schema: z.object({ printers: z.array(PrinterState) }),
        },
      },
      errors: ['hall_not_found'],
      handler: async ({ params }) => {
        const h = hall(params.hallId);
        return { status: 200, body: { printers: printing ? await printing.printers(h) : [] } };
      },
    }),
  ];
}
