import type { HallConfig } from '../config/hall-config.js';
import type { EstimateInputs } from '../tickets/estimator.js';
import { hallKeys, SERVICE_LANES } from './keys.js';
import { check, toRecord } from './reply.js';
import type { RunScript } from './scripts.js';

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
  /** The estimate's inputs as the script read them; null for a duplicate. */
  inputs: EstimateInputs | null;
}

/**
 * Issues a ticket, with its print job when `printerId` is set, in one script; the reply
 * carries what the response's estimate needs (no second read).
 */
export async function runIssueTicket(
  run: RunScript,
  hall: HallConfig,
  p: IssueParams,
): Promise<IssueResult> {
  const k = hallKeys(hall.id);
  const printer = p.printerId ?? '-';
  const keys = [
    k.events,
    k.seq,
    k.dayNumbers(p.day),
    k.dayTickets(p.day),
    k.lane(p.serviceId, p.priority),
    k.lane(p.serviceId, 'front'),
    k.lane(p.serviceId, 'green'),
    k.request(p.deviceId, p.requestId ?? ''),
    k.printer(printer),
    k.printerJobs(printer),
    k.ticketRate(p.deviceId),
    k.lane(p.serviceId, 'appointment'),
    k.appointment(p.appointmentCode ?? '-'),
    ...hall.windows.map((w) => k.window(w.id)),
    ...hall.services.map((s) => k.service(s.id)),
    ...hall.services.flatMap((s) => SERVICE_LANES.map((l) => k.lane(s.id, l))),
  ];
  const reply = check(
    await run('issue-ticket', keys, [
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
      p.appointmentCode !== undefined ? '1' : '',
      p.phone ?? '',
      2 * 24 * 3600,
      p.printerId ?? '',
      `t.${p.ticketId}`,
      p.printStaleBefore,
      hall.windows.length,
      hall.services.length,
      p.perMinute,
      p.checkInEarlyMs ?? 0,
      p.checkInLateMs ?? 0,
      p.byStaff ?? '',
      p.reason ?? '',
    ]),
  );
  const duplicate = reply[0] === 'DUP';
  if (duplicate) {
    return {
      eventId: '',
      ticket: toRecord(reply[2]),
      duplicate,
      waitingAhead: null,
      inputs: null,
    };
  }
  const [windows, means, lanes] = [reply[4], reply[5], reply[6]] as [string[], string[], number[]];
  const windowStatus = new Map(hall.windows.map((w, i) => [w.id, String(windows[i] ?? 'closed')]));
  const per = SERVICE_LANES.length;
  const waiting = new Map(
    hall.services.map((s, i) => [
      s.id,
      lanes.slice(i * per, i * per + per).reduce((sum, n) => sum + Number(n), 0),
    ]),
  );
  const learned = new Map(hall.services.map((s, i) => [s.id, String(means[i] ?? '')]));
  return {
    eventId: String(reply[1]),
    ticket: toRecord(reply[2]),
    duplicate,
    waitingAhead: Number(reply[3]),
    inputs: {
      windowStatus: (id) => windowStatus.get(id),
      waiting: (id) => waiting.get(id) ?? 0,
      learnedMeanMs: (id) => learned.get(id),
    },
  };
}
