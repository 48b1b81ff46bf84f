import { z } from 'zod';
import { IsoTime, Slug } from './common.js';
import { TicketStatus } from './ticket.js';

export const WindowStatus = z.enum(['closed', 'open', 'brief_pause', 'paused']).meta({
  description:
    'closed: nobody signed in; open: serving; brief_pause: 对不起，请稍候; paused: 此窗口暂停服务',
});
export type WindowStatus = z.infer<typeof WindowStatus>;

/** A window as everyone may see it (hall screen, window display, public snapshot). */
export const PublicWindow = z
  .object({
    id: Slug,
    name: z.string(),
    serviceIds: z.array(Slug),
    status: WindowStatus,
    currentTicketId: z.string().optional(),
    currentNumber: z.string().optional(),
    currentStatus: TicketStatus.optional(),
    staffName: z.string().optional(),
    staffJobNo: z.string().optional(),
    staffPhotoUrl: z
      .string()
      .optional()
      .meta({ description: "挂牌上岗: the clerk's photo, if configured" }),
    pauseNote: z.string().optional(),
    awaitingRating: z
      .object({
        ticketId: z.string().optional().meta({
          description: 'for staff and devices of the hall; not in the anonymous snapshot',
        }),
        deadline: IsoTime,
      })
      .optional(),
  })
  .meta({ id: 'Window' });
export type PublicWindow = z.infer<typeof PublicWindow>;
