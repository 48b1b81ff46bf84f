import { z } from 'zod';
import { IsoTime, PlainText, Slug, TimeZone } from './common.js';

/**
 * Printing: what the server sends to a printer agent (printer-driver), what the
 * agent reports back, and the print state the kiosk and the supervisor see.
 */

/** A print job's state: queued, printing, printed, or held by a printer problem. */
export const PrintStatus = z
  .enum(['queued', 'printing', 'printed', 'printer_problem', 'expired', 'skipped'])
  .meta({
    description:
      'queued: waiting for the printer; printing: bytes are going to the printer; printed: done; ' +
      'printer_problem: held until the printer is ready again (the ticket stays valid meanwhile); ' +
      'expired: not printed, it waited longer than the hall allows (printing.jobMaxAgeMinutes); ' +
      'skipped: not printed, its ticket was no longer waiting when the printer could take it',
  });
export type PrintStatus = z.infer<typeof PrintStatus>;

export const PrinterProblem = z
  .enum(['paper_end', 'cover_open', 'offline', 'error', 'agent_offline'])
  .meta({
    description:
      'paper_end: 缺纸; cover_open: 机盖打开; offline: the printer does not answer; error: printer error; ' +
      'agent_offline: no printer agent is connected',
  });
export type PrinterProblem = z.infer<typeof PrinterProblem>;

/** The print state of a ticket or a notice, as the kiosk and the phone page show it. */
export const PrintState = z
  .object({
    status: PrintStatus,
    printerId: Slug,
    problem: PrinterProblem.optional(),
  })
  .meta({ id: 'PrintState' });
export type PrintState = z.infer<typeof PrintState>;

/** A printer's state as the agent last reported it (or agent_offline when none is connected). */
export const PrinterState = z
  .object({
    printerId: Slug,
    connected: z.boolean().meta({ description: 'a printer agent is connected for this printer' }),
    ready: z.boolean(),
    problem: PrinterProblem.optional(),
    paperNearEnd: z.boolean(),
    pending: z.number().int().meta({ description: 'jobs not yet printed' }),
    updatedAt: IsoTime.optional(),
  })
  .meta({ id: 'PrinterState' });
export type PrinterState = z.infer<typeof PrinterState>;

/**
 * Text that goes onto paper. Control characters are refused: bytes below 0x20
 * (ESC, GS, FS, DLE …) would be read by the printer as commands.
 */
const PrintableText = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters');
const NonEmptyPrintableText = (max: number) => PrintableText(max).min(1);

/** A ticket number as called in the hall, e.g. A023: printed at the largest size. */
const TicketNumber = z.string().regex(/^[A-Z0-9]{1,8}$/, 'A-Z and 0-9, 1 to 8 characters');
const Id = z.string().min(1).max(128);

/** The queue ticket a resident takes at the kiosk (取号凭条); the agent adds its paper width. */
export const TicketPrintData = z
  .object({
    kind: z.literal('ticket'),
    jobId: Id,
    hallName: NonEmptyPrintableText(64),
    ticketId: Id,
    number: TicketNumber,
    serviceName: NonEmptyPrintableText(64),
    /** Window names that serve this service, e.g. "3号窗口". */
    windows: z.array(NonEmptyPrintableText(32)).max(20),
    waitingAhead: z.int().nonnegative(),
    /** null when there is no basis for an estimate. */
    estimatedWaitMinutes: z.number().nonnegative().nullable(),
    issuedAt: IsoTime,
    timeZone: TimeZone,
    /** 办事须知: the materials to bring, one per entry. */
    materials: z.array(NonEmptyPrintableText(200)).max(50),
    /** The phone page, printed as a native QR code. */
    qrUrl: z.url().max(1024),
    /** e.g. what happens after a missed call. */
    notice: PrintableText(300),
    /** Printed under the number: 绿色通道 (green channel) or 预约 (checked-in appointment). */
    mark: z.enum(['green', 'appointment']).optional(),
    /** e.g. 本号当日有效: the ticket is only good on the business day it was taken. */
    validity: PrintableText(60).optional(),
    /** The hall's opening hours as residents read them (hall file `printing.hours`). */
    hours: PrintableText(120).optional(),
    /** The hall's telephone for questions (hall file `printing.telephone`). */
    telephone: PrintableText(40).optional(),
  })
  .meta({ id: 'TicketPrintData' });
export type TicketPrintData = z.infer<typeof TicketPrintData>;

/** 一次性告知单 (DOMAIN rule 4): the complete list of missing materials, in writing. */
export const NoticePrintData = z
  .object({
    kind: z.literal('notice'),
    jobId: Id,
    hallName: NonEmptyPrintableText(64),
    ticketId: Id,
    ticketNumber: TicketNumber,
    serviceName: NonEmptyPrintableText(64),
    windowName: NonEmptyPrintableText(32),
    /** 工号: the clerk's job number, never the clerk's name. */
    clerkJobNo: NonEmptyPrintableText(32),
    missingMaterials: z.array(NonEmptyPrintableText(200)).min(1).max(50),
    issuedAt: IsoTime,
    timeZone: TimeZone,
    /** 2 when the hall keeps a copy (第2联 窗口留存). */
    copies: z.union([z.literal(1), z.literal(2)]),
  })
  .meta({ id: 'NoticePrintData' });
export type NoticePrintData = z.infer<typeof NoticePrintData>;

export const PrintJobData = z.discriminatedUnion('kind', [TicketPrintData, NoticePrintData]);
export type PrintJobData = z.infer<typeof PrintJobData>;

/** Body of POST /halls/{hallId}/tickets/{ticketId}/notice (the clerk at a window). */
export const PrintNoticeBody = z
  .object({
    windowId: Slug.meta({ description: 'the window the clerk is signed in at' }),
    missingMaterials: z.array(PlainText(200)).min(1).max(50),
    copies: z
      .union([z.literal(1), z.literal(2)])
      .optional()
      .meta({ description: "default: the hall's setting (2: one copy is kept at the window)" }),
  })
  .strict()
  .meta({ id: 'PrintNoticeBody' });
export type PrintNoticeBody = z.infer<typeof PrintNoticeBody>;

export const PrintNoticeResult = z
  .object({ jobId: z.string(), ticketId: z.string(), print: PrintState })
  .meta({ id: 'PrintNoticeResult' });
export type PrintNoticeResult = z.infer<typeof PrintNoticeResult>;

// ---- the printer agent's socket.io namespace /printers ------------------------------------

/** What the agent says after trying a job. */
export const PrintJobResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('printed'), after: PrinterProblem.optional() }),
  z.object({ outcome: z.literal('already_printed') }),
  z.object({ outcome: z.literal('problem'), problem: PrinterProblem }),
  z.object({ outcome: z.literal('failed'), message: z.string().max(500) }),
  /** Nothing was printed (e.g. the claim got no answer): send the job again. */
  z.object({ outcome: z.literal('retry'), message: z.string().max(500) }),
]);
export type PrintJobResult = z.infer<typeof PrintJobResult>;

/** The agent's report of its printer, before and after each job and while it waits. */
export const PrinterStatusReport = z.object({
  ready: z.boolean(),
  problem: PrinterProblem.optional(),
  paperNearEnd: z.boolean().default(false),
});
export type PrinterStatusReport = z.infer<typeof PrinterStatusReport>;

export type ClaimResult = { go: true } | { go: false; reason: 'already_sent' | 'unknown_job' };

export interface PrinterServerToAgentEvents {
  /** One job at a time, in queue order; the ack is the agent's {@link PrintJobResult}. */
  'print:job': (job: PrintJobData, ack: (result: PrintJobResult) => void) => void;
}

export interface PrinterAgentToServerEvents {
  'printer:status': (report: PrinterStatusReport) => void;
  /**
   * Asked just before the bytes go to the printer: go only if no earlier delivery
   * of this job got this far (BullMQ delivers at least once; paper only once).
   */
  'print:claim': (request: { jobId: string }, ack: (result: ClaimResult) => void) => void;
}
