import { z } from 'zod';
import { IsoTime, Slug } from './common.js';
import { CallReasonCode, Outcome, Priority, RatingSource, Score } from './ticket.js';

const TicketRef = { ticketId: z.string(), number: z.string(), serviceId: Slug };

const CallData = z.object({
  ...TicketRef,
  windowId: Slug,
  windowName: z.string(),
  recall: z.boolean(),
  callCount: z.number().int(),
  reason: CallReasonCode.optional(),
});

/** Every event type with its data. Public: no resident names, phones or ID numbers ever. */
export const eventDataSchemas = {
  'ticket.issued': z.object({ ...TicketRef, priority: Priority, waitingAhead: z.number().int() }),
  'ticket.called': CallData,
  'ticket.recalled': CallData,
  'ticket.started': z.object({ ...TicketRef, windowId: Slug }),
  'ticket.finished': z.object({
    ...TicketRef,
    windowId: Slug,
    outcome: Outcome,
    ratingDeadline: IsoTime,
  }),
  'ticket.no_show': z.object({ ...TicketRef, windowId: Slug }),
  'ticket.requeued': z.object({ ...TicketRef, windowId: Slug, placesBehindHead: z.number().int() }),
  'ticket.transferred': z.object({
    ...TicketRef,
    fromWindowId: Slug,
    toServiceId: Slug.optional(),
    toWindowId: Slug.optional(),
    firstWindowId: Slug,
  }),
  'ticket.expired': z.object({ ...TicketRef, businessDay: z.string() }),
  'window.opened': z.object({
    windowId: Slug,
    clerkId: Slug,
    staffName: z.string(),
    staffJobNo: z.string(),
  }),
  'window.closed': z.object({ windowId: Slug, clerkId: Slug, auto: z.boolean() }),
  'window.paused': z.object({ windowId: Slug, kind: z.enum(['brief', 'closed']) }),
  'window.resumed': z.object({ windowId: Slug }),
  'rating.recorded': z.object({
    ticketId: z.string(),
    windowId: Slug,
    clerkId: Slug,
    serviceId: Slug,
    score: Score,
    source: RatingSource,
  }),
  'notice.updated': z.object({ noticeId: z.string() }),
  'day.rolled_over': z.object({ businessDay: z.string(), expired: z.number().int() }),
} as const;

export type HallEventType = keyof typeof eventDataSchemas;
export const hallEventTypes = Object.keys(eventDataSchemas) as HallEventType[];
export type HallEventData<T extends HallEventType> = z.infer<(typeof eventDataSchemas)[T]>;

export const HallEvent = z
  .discriminatedUnion(
    'type',
    hallEventTypes.map((type) =>
      z.object({
        id: z.string().meta({ description: 'Redis stream id; strictly increasing' }),
        hallId: Slug,
        type: z.literal(type),
        at: IsoTime,
        data: eventDataSchemas[type],
      }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ id: 'HallEvent' });

/** A hall event, typed by its `type`. */
export type HallEvent = {
  [T in HallEventType]: { id: string; hallId: string; type: T; at: string; data: HallEventData<T> };
}[HallEventType];
