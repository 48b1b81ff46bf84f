import {
  serviceTimeLimits,
  type AlertKind,
  type HallEventType,
  type LimitPair,
} from '@hall/protocol';
import type { HallConfig } from '../config/hall-config.js';
import { eventsOfTypes, type RawEvent, type StreamEntry } from '../realtime/event-reader.js';

/** (Re)starts a cause: its alert is due at `y` (yellow) and turns red at `r`. */
export interface SetCause {
  o: 'set';
  c: string;
  kind: AlertKind;
  start: number;
  y: number;
  r: number;
  ly: number;
  lr: number;
  serviceId?: string | undefined;
  windowId?: string | undefined;
  clerkId?: string | undefined;
  ticketId?: string | undefined;
  number?: string | undefined;
  pauseKind?: 'brief' | 'closed' | undefined;
  score?: number | undefined;
  /** Raised once and done: nothing ends it but an acknowledgement (bad_rating). */
  final?: 1;
  /** Nothing can be running under this name yet (a new ticket's wait): no end to look for. */
  fresh?: 1;
}
/** The cause ended: its alert clears. */
export interface EndCause {
  o: 'end';
  c: string;
  at: number;
}
/** Look at the service's lanes and windows now: 空岗 starts or ends. */
export interface CheckStaffing {
  o: 'staff';
  svc: string;
  windows: string[];
  at: number;
  lim: number;
}
export type CauseOp = SetCause | EndCause | CheckStaffing;

/** A stream entry's type, time (ms) and data as the script wrote them. */

/** The event types that start or end a cause; every other event changes none. */
export const causeEventTypes: ReadonlySet<string> = new Set<HallEventType>([
  'ticket.issued',
  'ticket.called',
  'ticket.started',
  'ticket.finished',
  'ticket.no_show',
  'ticket.transferred',
  'ticket.requeued',
  'ticket.expired',
  'window.opened',
  'window.paused',
  'window.resumed',
  'window.closed',
  'rating.alert',
  'follow_up.escalated',
  'follow_up.closed',
  'day.rolled_over',
]);

/**
 * The stream entries that can change a cause, as events: the type is looked at first, and only
 * those entries' data is parsed (a ticket's print.updated, the alerts' own events and the like
 * cost no JSON.parse).
 */
export function causeEvents(entries: StreamEntry[]): RawEvent[] {
  return eventsOfTypes(entries, causeEventTypes);
}

const MINUTE = 60_000;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Causes are named by what they concern, so the event that ends one finds it. */
export const causeKey = {
  wait: (ticketId: string) => `wait:${ticketId}`,
  call: (ticketId: string) => `call:${ticketId}`,
  service: (ticketId: string) => `service:${ticketId}`,
  pause: (windowId: string) => `pause:${windowId}`,
  idle: (windowId: string) => `idle:${windowId}`,
  rating: (ticketId: string) => `rating:${ticketId}`,
  followUp: (followUpId: string) => `followup:${followUpId}`,
};

/**
 * What a batch of hall events starts and ends, in order (docs/decisions/039-alerts-folded-from-the-event-stream.md):
 * waiting from issue to first call, called until the resident arrives, service until it ends,
 * a pause until the window resumes or closes, an open window with nothing done (脱岗), a service
 * with people waiting and no open window (空岗, checked against the live lanes), a bad rating,
 * an overdue 回访 until it is closed.
 */
export function causeOps(hall: HallConfig, events: RawEvent[]): CauseOp[] {
  const ops: CauseOp[] = [];
  const limits = hall.limits;
  const serviceLimits = (serviceId: string | undefined) =>
    serviceTimeLimits(limits, hall.services.find((s) => s.id === serviceId)?.limits);
  const set = (
    c: string,
    kind: AlertKind,
    start: number,
    pair: LimitPair,
    subject: Omit<SetCause, 'o' | 'c' | 'kind' | 'start' | 'y' | 'r' | 'ly' | 'lr' | 'fresh'>,
    fresh?: 1,
  ) =>
    ops.push({
      o: 'set',
      c,
      kind,
      start,
      y: start + Math.round(pair.yellow * MINUTE),
      r: start + Math.round(pair.red * MINUTE),
      ly: pair.yellow,
      lr: pair.red,
      ...subject,
      ...(fresh ? { fresh } : {}),
    });
  const idlePair = { yellow: limits.idlePostMinutes, red: limits.idlePostMinutes };
  const idleFrom = (windowId: string, at: number) =>
    set(causeKey.idle(windowId), 'idle_post', at, idlePair, { windowId });
  const staffing = new Map<string, number>();
  const touch = (serviceIds: string[], at: number) => {
    for (const s of serviceIds) staffing.set(s, at);
  };
  const servicesOfWindow = (windowId: string) =>
    hall.windows.find((w) => w.id === windowId)?.services ?? [];

  for (const ev of events) {
    const d = ev.data;
    const ticketId = str(d.ticketId);
    const windowId = str(d.windowId);
    const serviceId = str(d.serviceId);
    const ticket = { ticketId, number: str(d.number), serviceId };
    switch (ev.type) {
      case 'ticket.issued':
        // a ticket id is never used twice (96 random bits): its wait cannot be running yet
        if (ticketId)
          set(
            causeKey.wait(ticketId),
            'wait_limit',
            ev.at,
            serviceLimits(serviceId).waitMinutes,
            ticket,
            1,
          );
        if (serviceId) touch([serviceId], ev.at);
        break;
      case 'ticket.called':
        if (!ticketId || !windowId) break;
        ops.push({ o: 'end', c: causeKey.wait(ticketId), at: ev.at });
        ops.push({ o: 'end', c: causeKey.idle(windowId), at: ev.at });
        set(causeKey.call(ticketId), 'call_limit', ev.at, serviceLimits(serviceId).callMinutes, {
          ...ticket,
          windowId,
        });
        if (serviceId) touch([serviceId], ev.at);
        break;
      case 'ticket.started':
        if (!ticketId || !windowId) break;
        ops.push({ o: 'end', c: causeKey.call(ticketId), at: ev.at });
        set(
          causeKey.service(ticketId),
          'service_limit',
          ev.at,
          serviceLimits(serviceId).serviceMinutes,
          {
            ...ticket,
            windowId,
          },
        );
        break;
      case 'ticket.finished':
      case 'ticket.no_show':
      case 'ticket.transferred': {
        if (!ticketId) break;
        ops.push({ o: 'end', c: causeKey.call(ticketId), at: ev.at });
        ops.push({ o: 'end', c: causeKey.service(ticketId), at: ev.at });
        const from = windowId ?? str(d.fromWindowId);
        if (from) idleFrom(from, ev.at);
        if (ev.type === 'ticket.transferred') touch([str(d.toServiceId) ?? serviceId ?? ''], ev.at);
        break;
      }
      case 'ticket.requeued':
        if (serviceId) touch([serviceId], ev.at);
        break;
      case 'ticket.expired':
        if (ticketId) ops.push({ o: 'end', c: causeKey.wait(ticketId), at: ev.at });
        if (serviceId) touch([serviceId], ev.at);
        break;
      case 'window.opened':
        if (!windowId) break;
        ops.push({ o: 'end', c: causeKey.pause(windowId), at: ev.at });
        idleFrom(windowId, ev.at);
        touch(servicesOfWindow(windowId), ev.at);
        break;
      case 'window.paused': {
        if (!windowId) break;
        const kind = d.kind === 'closed' ? 'closed' : 'brief';
        ops.push({ o: 'end', c: causeKey.idle(windowId), at: ev.at });
        const pair = kind === 'closed' ? limits.closedPauseMinutes : limits.briefPauseMinutes;
        set(causeKey.pause(windowId), 'pause_limit', ev.at, pair, { windowId, pauseKind: kind });
        touch(servicesOfWindow(windowId), ev.at);
        break;
      }
      case 'window.resumed':
        if (!windowId) break;
        ops.push({ o: 'end', c: causeKey.pause(windowId), at: ev.at });
        idleFrom(windowId, ev.at);
        touch(servicesOfWindow(windowId), ev.at);
        break;
      case 'window.closed':
        if (!windowId) break;
        ops.push({ o: 'end', c: causeKey.pause(windowId), at: ev.at });
        ops.push({ o: 'end', c: causeKey.idle(windowId), at: ev.at });
        touch(servicesOfWindow(windowId), ev.at);
        break;
      case 'rating.alert':
        if (!ticketId) break;
        set(
          causeKey.rating(ticketId),
          'bad_rating',
          ev.at,
          { yellow: 0, red: 0 },
          {
            ...ticket,
            ...(windowId ? { windowId } : {}),
            ...(str(d.clerkId) ? { clerkId: str(d.clerkId) } : {}),
            ...(typeof d.score === 'number' ? { score: d.score } : {}),
            final: 1,
          },
        );
        break;
      case 'follow_up.escalated': {
        // 回访 past its due date: red until the follow-up is closed (or acknowledged)
        const id = str(d.followUpId);
        if (!id) break;
        set(
          causeKey.followUp(id),
          'follow_up_overdue',
          ev.at,
          { yellow: 0, red: 0 },
          {
            ...ticket,
            ...(windowId ? { windowId } : {}),
            ...(str(d.clerkId) ? { clerkId: str(d.clerkId) } : {}),
          },
        );
        break;
      }
      case 'follow_up.closed': {
        const id = str(d.followUpId);
        if (id) ops.push({ o: 'end', c: causeKey.followUp(id), at: ev.at });
        break;
      }
      case 'day.rolled_over':
        touch(
          hall.services.map((s) => s.id),
          ev.at,
        );
        break;
      default:
        // other events (and the alerts' own) change no cause
        break;
    }
  }
  for (const [svc, at] of staffing) {
    if (!hall.services.some((s) => s.id === svc)) continue;
    ops.push({
      o: 'staff',
      svc,
      windows: hall.windows.filter((w) => w.services.includes(svc)).map((w) => w.id),
      at,
      lim: limits.unstaffedQueueMinutes,
    });
  }
  return ops;
}
