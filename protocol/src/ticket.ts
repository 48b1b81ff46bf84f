import { z } from 'zod';
import { IsoTime, Slug } from './common.js';
import { PrintState } from './printing.js';

export const TicketStatus = z
  .enum(['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'expired'])
  .meta({
    description:
      'waiting: in a queue; called: called to a window; serving: at the window; done: finished (see outcome); ' +
      'no_show: did not come when called (a clerk may re-queue it); transferred: handed on and waiting at the ' +
      'front of its new queue; expired: still waiting when the business day ended',
  });
export type TicketStatus = z.infer<typeof TicketStatus>;

export const Priority = z.enum(['normal', 'green']).meta({
  description: 'green: green channel 绿色通道 (elderly, sick, disabled, pregnant, veterans)',
});
export type Priority = z.infer<typeof Priority>;

/** The lane a ticket waits in: a kiosk asks for normal or green; appointment comes from check-in. */
export const TicketPriority = z.enum(['normal', 'green', 'appointment']).meta({
  description:
    'green: green channel 绿色通道; appointment: 预约, checked in on time with an appointment ' +
    '(called before green and normal tickets, at most rules.maxAppointmentInRow in a row)',
});
export type TicketPriority = z.infer<typeof TicketPriority>;

/** What check-in with an appointment gave the ticket: on_time (appointment priority) or late (normal). */
export const CheckInResult = z.enum(['on_time', 'late']).meta({
  description:
    'on_time: checked in inside the window around the slot, the ticket has appointment priority; ' +
    'late: after the window, the ticket queues as a normal one (已超过签到时间，按普通号排队)',
});
export type CheckInResult = z.infer<typeof CheckInResult>;

export const Outcome = z.enum(['done', 'materials_missing', 'rejected', 'consulted']);
export type Outcome = z.infer<typeof Outcome>;

export const RatingSource = z.enum(['device', 'screen', 'mobile']);
export type RatingSource = z.infer<typeof RatingSource>;

export const Score = z
  .number()
  .int()
  .min(1)
  .max(5)
  .meta({ description: '5 非常满意 / 4 满意 / 3 基本满意 / 2 不满意 / 1 非常不满意' });

export const CallReasonCode = z.enum([
  'window_queue',
  'transferred',
  'green',
  'green_interleave',
  'appointment',
  'appointment_interleave',
  'requeued',
  'oldest',
  'chosen',
]);
export type CallReasonCode = z.infer<typeof CallReasonCode>;

/** Why call-next chose this ticket, for the console ("why is this one next"). */
export const CallReason = z
  .object({
    code: CallReasonCode,
    text: z.string().meta({ example: '绿色通道（连续第1位）' }),
    fromWindowId: Slug.optional(),
    greenInRow: z.number().int().optional(),
    appointmentInRow: z.number().int().optional(),
    note: z.string().optional(),
  })
  .meta({ id: 'CallReason' });
export type CallReason = z.infer<typeof CallReason>;

export const Ticket = z
  .object({
    id: z.string().meta({ description: 'unguessable; the phone page URL holds it' }),
    hallId: Slug,
    number: z.string().meta({ example: 'A023' }),
    serviceId: Slug,
    serviceName: z.string(),
    status: TicketStatus,
    priority: TicketPriority,
    businessDay: z.string().meta({ example: '2026-11-23' }),
    issuedAt: IsoTime,
    calledAt: IsoTime.optional(),
    startedAt: IsoTime.optional(),
    finishedAt: IsoTime.optional(),
    windowId: Slug.optional(),
    windowName: z.string().optional(),
    windowIds: z.array(Slug).meta({ description: 'windows that serve this ticket now' }),
    callCount: z.number().int(),
    firstWindowId: Slug.optional().meta({
      description: '首问窗口: the first window that took this resident',
    }),
    transferredFromWindowId: Slug.optional(),
    requeued: z.boolean(),
    phoneUrl: z
      .string()
      .optional()
      .meta({
        description:
          "the resident's phone page with the ticket's key (?k=), as in the printed ticket's QR code; " +
          'only the key proves that one holds the ticket',
      }),
    appointmentCode: z.string().optional().meta({
      description: 'never filled: the code is what the resident holds; see appointmentId',
    }),
    appointmentId: z.string().optional().meta({
      description: 'the appointment checked in with this ticket (预约), on time or late',
    }),
    checkIn: CheckInResult.optional(),
    outcome: Outcome.optional(),
    missingMaterials: z.array(z.string()).optional(),
    rating: z.object({ score: Score, source: RatingSource, at: IsoTime }).optional(),
    ratingDeadline: IsoTime.optional(),
    ratingStatus: z.enum(['awaiting', 'rated', 'unrated']).optional().meta({
      description:
        'after finish: awaiting (prompt open), rated, or unrated (未评价: the prompt timed out unanswered)',
    }),
    evaluatorAtWindow: z.boolean().optional().meta({
      description:
        'with windowId: the window has its own evaluator device; when false the phone page offers the rating',
    }),
    waitingAhead: z
      .number()
      .int()
      .meta({ description: 'tickets before this one in its queue (0 when not waiting)' }),
    estimatedWaitMinutes: z.number().int().nullable(),
    reason: CallReason.optional(),
    print: PrintState.optional().meta({
      description: 'the printed ticket: queued, printing, printed or held by a printer problem',
    }),
    oneTimeNotice: z
      .object({
        at: IsoTime,
        windowId: Slug,
        missingMaterials: z.array(z.string()),
        print: PrintState,
      })
      .optional()
      .meta({ description: '一次性告知单: the last one-time notice printed for this ticket' }),
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof Ticket>;
