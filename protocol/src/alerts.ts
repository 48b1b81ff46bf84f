import { z } from 'zod';
import { IsoTime, Slug } from './common.js';
import { LimitPair, TimeLimits } from './limits.js';

/** What an alert is about (DOMAIN rules 5, 6, 8, 15). */
export const AlertKind = z
  .enum([
    'wait_limit',
    'call_limit',
    'service_limit',
    'pause_limit',
    'unstaffed_queue',
    'idle_post',
    'bad_rating',
    'follow_up_overdue',
  ])
  .meta({ id: 'AlertKind' });
export type AlertKind = z.infer<typeof AlertKind>;

/** A yellow card warns before the limit; a red one says it is passed. */
export const AlertLevel = z.enum(['yellow', 'red']).meta({ id: 'AlertLevel' });
export type AlertLevel = z.infer<typeof AlertLevel>;

export const AlertAction = z.enum(['raised', 'escalated', 'acknowledged', 'cleared']);
export type AlertAction = z.infer<typeof AlertAction>;

/** One step of an alert's history. */
export const AlertStep = z
  .object({
    action: AlertAction,
    at: IsoTime,
    level: AlertLevel.optional(),
    by: Slug.optional().meta({ description: 'who acknowledged' }),
    note: z.string().optional(),
  })
  .meta({ id: 'AlertStep' });
export type AlertStep = z.infer<typeof AlertStep>;

/** What an alert names: the service, window, clerk and ticket it concerns, where they apply. */
const AlertSubject = {
  serviceId: Slug.optional(),
  windowId: Slug.optional(),
  clerkId: Slug.optional(),
  ticketId: z.string().optional(),
  number: z.string().optional().meta({ description: 'the ticket number, e.g. A023' }),
  pauseKind: z.enum(['brief', 'closed']).optional().meta({ description: 'pause_limit only' }),
  score: z.number().int().optional().meta({ description: 'bad_rating only' }),
};

/** A supervisor's alert with its history. Staff only: never on a public screen. */
export const Alert = z
  .object({
    id: z.string(),
    kind: AlertKind,
    level: AlertLevel,
    ...AlertSubject,
    since: IsoTime.meta({ description: 'when the cause began (issued, called, paused, …)' }),
    limitMinutes: z.number().nullable().meta({
      description: 'the limit the current level stands for (null: bad_rating, follow_up_overdue)',
    }),
    raisedAt: IsoTime,
    escalatedAt: IsoTime.optional(),
    acknowledgedAt: IsoTime.optional(),
    acknowledgedBy: Slug.optional(),
    note: z.string().optional().meta({ description: "the acknowledging supervisor's note" }),
    clearedAt: IsoTime.optional().meta({ description: 'when the cause ended by itself' }),
    open: z
      .boolean()
      .meta({ description: 'neither acknowledged (since its last level) nor cleared' }),
    history: z.array(AlertStep),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof Alert>;

export const AlertList = z.object({ alerts: z.array(Alert) }).meta({ id: 'AlertList' });
export type AlertList = z.infer<typeof AlertList>;

export const AlertQuery = z
  .object({
    state: z
      .enum(['open', 'all'])
      .default('open')
      .meta({ description: 'open: every open alert; all: every alert raised on `date`' }),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
      .optional()
      .meta({ description: 'business day (default today); with state=all' }),
  })
  .strict();
export type AlertQuery = z.infer<typeof AlertQuery>;

export const AckAlertBody = z
  .object({ note: z.string().trim().max(500).default('') })
  .strict()
  .meta({ id: 'AckAlertBody' });
export type AckAlertBody = z.infer<typeof AckAlertBody>;

/** The limits that apply to one service's tickets (its own, else the hall's). */
export const ServiceLimitsView = z.object({
  serviceId: Slug,
  waitMinutes: LimitPair,
  callMinutes: LimitPair,
  serviceMinutes: LimitPair,
});
export type ServiceLimitsView = z.infer<typeof ServiceLimitsView>;

/** The hall's limits as the consoles read them: the hall's and each service's resolved. */
export const LimitsView = z
  .object({ hall: TimeLimits, services: z.array(ServiceLimitsView) })
  .meta({ id: 'LimitsView' });
export type LimitsView = z.infer<typeof LimitsView>;

/**
 * The live board's timers: since when each window's ticket is called or served or the window
 * paused, and since when each service's longest-waiting ticket waits.
 */
export const SupervisionView = z
  .object({
    now: IsoTime,
    limits: LimitsView,
    windows: z.array(
      z.object({
        windowId: Slug,
        state: z.enum(['closed', 'idle', 'called', 'serving', 'brief_pause', 'paused']),
        since: IsoTime.nullable().meta({ description: 'start of the state (null: closed)' }),
        number: z.string().optional(),
        serviceId: Slug.optional(),
      }),
    ),
    services: z.array(
      z.object({
        serviceId: Slug,
        waiting: z.number().int(),
        longestWaitSince: IsoTime.nullable().meta({
          description: 'issue time of the longest-waiting ticket (null: nobody waits)',
        }),
        longestWaitNumber: z.string().optional(),
        staffed: z.boolean().meta({ description: 'an open window serves it' }),
      }),
    ),
  })
  .meta({ id: 'SupervisionView' });
export type SupervisionView = z.infer<typeof SupervisionView>;
