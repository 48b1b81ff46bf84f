import { z } from 'zod';
import { AlertKind, AlertLevel } from './alerts.js';
import { IsoTime, Slug } from './common.js';
import { PrinterProblem, PrintStatus } from './printing.js';
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
  /** The transferring clerk's note (转办留言), for the case record. Supervisors only. */
  'ticket.transfer_noted': z.object({
    ...TicketRef,
    fromWindowId: Slug,
    toServiceId: Slug.optional(),
    toWindowId: Slug.optional(),
    clerkId: Slug,
    note: z.string(),
  }),
  'ticket.expired': z.object({ ...TicketRef, businessDay: z.string() }),
  'window.opened': z.object({
    windowId: Slug,
    clerkId: Slug,
    staffName: z.string(),
    staffJobNo: z.string(),
    handoverFrom: Slug.optional().meta({
      description: 'AB岗: the post clerk this one took over from',
    }),
  }),
  'window.closed': z.object({
    windowId: Slug,
    clerkId: Slug,
    auto: z.boolean(),
    handoverTo: Slug.optional().meta({
      description: 'AB岗: signed out by the partner taking over',
    }),
  }),
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
  /** A bad rating (1 or 2): the supervisor's alert; a follow-up (回访) task follows. */
  'rating.alert': z.object({
    ...TicketRef,
    windowId: Slug,
    clerkId: Slug,
    score: Score,
  }),
  'follow_up.created': z.object({
    followUpId: z.string(),
    ...TicketRef,
    windowId: Slug,
    clerkId: Slug,
    score: Score,
    dueAt: IsoTime,
  }),
  'follow_up.closed': z.object({ followUpId: z.string(), ticketId: z.string(), closedBy: Slug }),
  /** An open follow-up passed its due date: the supervisor is alerted once. */
  'follow_up.escalated': z.object({
    followUpId: z.string(),
    ...TicketRef,
    windowId: Slug,
    clerkId: Slug,
    dueAt: IsoTime,
  }),
  'notice.updated': z.object({
    noticeId: z.string().meta({ description: "'' when the order of all notices changed" }),
    action: z.enum(['created', 'edited', 'ordered', 'expired']).optional(),
  }),
  /**
   * The hall's configuration changed (services, windows, hours, staff, devices …): clients fetch
   * `GET /halls/{hallId}` again. Public: it names the changed sections only, never a value.
   */
  'config.changed': z.object({
    version: z.number().int(),
    sections: z.array(z.string()),
  }),
  'day.rolled_over': z.object({ businessDay: z.string(), expired: z.number().int() }),
  'print.updated': z.object({
    jobId: z.string(),
    ticketId: z.string(),
    kind: z.enum(['ticket', 'notice']),
    printerId: Slug,
    status: PrintStatus,
    problem: PrinterProblem.optional(),
  }),
  /** Appointments (预约): staff and supervisors only; never the code, phone or name. */
  'appointment.booked': z.object({
    appointmentId: z.string(),
    serviceId: Slug,
    slotStart: IsoTime,
    kind: z.enum(['normal', 'after_hours']),
  }),
  'appointment.cancelled': z.object({
    appointmentId: z.string(),
    serviceId: Slug,
    slotStart: IsoTime,
  }),
  'appointment.rescheduled': z.object({
    appointmentId: z.string(),
    serviceId: Slug,
    slotStart: IsoTime,
    fromServiceId: Slug,
    fromSlotStart: IsoTime,
  }),
  'appointment.no_show': z.object({
    appointmentId: z.string(),
    serviceId: Slug,
    slotStart: IsoTime,
  }),
  'appointment.slots_changed': z.object({
    date: z.string(),
    serviceId: Slug.optional(),
    slotStart: IsoTime.optional(),
    closed: z.boolean(),
  }),
  /** A resident left a phone for notifications with a ticket (the number itself never leaves). */
  'contact.saved': z.object({ ticketId: z.string(), consent: z.boolean() }),
  'printer.status': z.object({
    printerId: Slug,
    connected: z.boolean(),
    ready: z.boolean(),
    problem: PrinterProblem.optional(),
    paperNearEnd: z.boolean(),
  }),
  /** A supervisor's alert was raised (yellow or red card, 空岗, 脱岗, bad rating). Supervisors only. */
  'alert.raised': z.object({
    alertId: z.string(),
    kind: AlertKind,
    level: AlertLevel,
    serviceId: Slug.optional(),
    windowId: Slug.optional(),
    clerkId: Slug.optional(),
    ticketId: z.string().optional(),
    number: z.string().optional(),
  }),
  /** A yellow alert turned red: its limit is passed. Supervisors only. */
  'alert.escalated': z.object({ alertId: z.string(), kind: AlertKind, level: AlertLevel }),
  /** A supervisor acknowledged the alert with a note. Supervisors only. */
  'alert.acknowledged': z.object({ alertId: z.string(), by: Slug, note: z.string() }),
  /** The cause ended (the ticket was called, the window opened …). Supervisors only. */
  'alert.cleared': z.object({ alertId: z.string(), kind: AlertKind }),
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
