import type { HallConfig } from '../config/hall-config.js';
import { estimatePlan, plannedEstimate, type Estimate } from '../tickets/estimator.js';
import { hallKeys } from './keys.js';
import { check, toRecord } from './reply.js';
import type { RunScript } from './scripts.js';

/** How long a request id finds its ticket again (s). */
const REQUEST_TTL_S = 2 * 24 * 3600;

export interface IssueParams {
  ticketId: string;
  serviceId: string;
  prefix: string;
  priority: 'normal' | 'green';
  now: number;
  day: string;
  quota: number | null;
  deviceId: string;
  requestId?: string;
  /** Check in with this appointment (its code, already normalised); the script decides on_time or late. */
  appointmentCode?: string;
  phone?: string;
  /** Check-in opens this long before the slot and closes this long after its start (ms). */
  checkInEarlyMs?: number;
  checkInLateMs?: number;
  /** A staff member (or service-desk kiosk) issuing for a resident, and their reason. */
  byStaff?: string;
  reason?: string;
  /** The printer of the issuing kiosk; null: no paper. */
  printerId: string | null;
  /** Print jobs queued before this (ms) are expired. */
  printStaleBefore: number;
  /** Ticket requests this caller (`deviceId`) may make per minute; 0: no limit. */
  perMinute: number;
}

export interface IssueResult {
  eventId: string;
  ticket: Record<string, string>;
  duplicate: boolean;
  waitingAhead: number | null;
  /** The ticket's wait estimate from what the script read; null for a duplicate. */
  estimate: Estimate | null;
}

/**
 * Issues a ticket, with its print job when `printerId` is set, in one script; the reply
 * carries what the response's estimate needs (no second read). The script takes one key and
 * builds the others from the prefix (store/lua/includes/common.lua mirrors keys.ts), and reads
 * only what this service's estimate needs (tickets/estimator.ts estimatePlan).
 */
export async function runIssueTicket(
  run: RunScript,
  hall: HallConfig,
  p: IssueParams,
): Promise<IssueResult> {
  const k = hallKeys(hall.id);
  const plan = estimatePlan(hall, p.serviceId);
  // '-' is a code no appointment has: asked to check in with an empty code, it is not found
  const code = p.appointmentCode === undefined ? '' : p.appointmentCode || '-';
  const reply = check(
    await run(
      'issue-ticket',
      [k.events],
      [
        k.prefix,
        p.ticketId,
        hall.id,
        p.serviceId,
        p.prefix,
        p.priority,
        p.now,
        p.day,
        p.quota ?? 0,
        p.requestId ?? '',
        p.deviceId,
        code,
        p.phone ?? '',
        REQUEST_TTL_S,
        p.printerId ?? '',
        p.printStaleBefore,
        p.perMinute,
        p.checkInEarlyMs ?? 0,
        p.checkInLateMs ?? 0,
        p.byStaff ?? '',
        p.reason ?? '',
        ...plan.args,
      ],
    ),
  );
  if (reply[0] === 'DUP') {
    return {
      eventId: '',
      ticket: toRecord(reply[2]),
      duplicate: true,
      waitingAhead: null,
      estimate: null,
    };
  }
  const [, eventId, number, ord, priority, checkIn, appointmentId, printStatus, printProblem] =
    reply as string[];
  // the ticket as the script's one HSET wrote it (issue-ticket.lua; issue-ticket.test.ts
  // compares it with the stored hash)
  const ticket: Record<string, string> = {
    id: p.ticketId,
    hallId: hall.id,
    number: String(number),
    serviceId: p.serviceId,
    status: 'waiting',
    priority: String(priority),
    day: p.day,
    ord: String(ord),
    issuedAt: String(p.now),
    callCount: '0',
    requeued: '0',
    queue: k.lane(p.serviceId, priority as 'normal' | 'green' | 'appointment'),
    lane: String(priority),
    phone: p.phone ?? '',
    requestId: p.requestId ?? '',
  };
  if (appointmentId) {
    ticket.appointmentId = String(appointmentId);
    ticket.checkIn = String(checkIn);
  }
  if (p.byStaff) {
    ticket.byStaff = p.byStaff;
    ticket.staffReason = p.reason ?? '';
  }
  if (p.printerId) {
    ticket.printJobId = `t.${p.ticketId}`;
    ticket.printerId = p.printerId;
    ticket.printStatus = String(printStatus);
    ticket.printProblem = String(printProblem);
  }
  return {
    eventId: String(eventId),
    ticket,
    duplicate: false,
    waitingAhead: Number(reply[9]),
    estimate: plannedEstimate(plan, {
      statuses: reply[10] as string[],
      means: reply[11] as string[],
      waiting: reply[12] as number[],
    }),
  };
}
