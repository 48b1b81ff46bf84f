import type { HallEvent, HallEventData, HallEventType } from './events.js';
import type { HallSnapshot, PublicService } from './hall.js';
import type { PublicWindow } from './window.js';

/** Event ids are Redis stream ids `ms-seq`; they compare as (ms, seq) pairs, never as strings. */
export function compareEventIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}

type Change = (h: HallSnapshot) => HallSnapshot;

const onService =
  (id: string, change: (s: PublicService) => PublicService): Change =>
  (h) => ({ ...h, services: h.services.map((s) => (s.id === id ? change(s) : s)) });

/**
 * The service with `delta` more waiting. Between two reads of the server its wait estimate
 * follows the count: the server's grows with the people ahead, (ahead + ½) × mean time per
 * window (docs/wait-estimate.md), so a screen never shows a long queue's minutes for a short one.
 */
const withWaiting = (s: PublicService, delta: number): PublicService => {
  const waiting = Math.max(0, s.waiting + delta);
  const est = s.estimatedWaitMinutes;
  const estimatedWaitMinutes =
    est === null ? null : Math.round((est * (waiting + 0.5)) / (s.waiting + 0.5));
  return { ...s, waiting, estimatedWaitMinutes };
};

const addWaiting = (id: string, delta: number): Change =>
  onService(id, (s) => withWaiting(s, delta));

const onWindow =
  (id: string, change: (w: PublicWindow) => PublicWindow): Change =>
  (h) => ({ ...h, windows: h.windows.map((w) => (w.id === id ? change(w) : w)) });

const clearCurrent = (w: PublicWindow): PublicWindow => {
  const { currentTicketId: _i, currentNumber: _n, currentStatus: _s, ...rest } = w;
  return rest;
};

const withoutPauseNote = (w: PublicWindow): PublicWindow => {
  const { pauseNote: _p, ...rest } = w;
  return rest;
};

const callEffect = (d: HallEventData<'ticket.called'>, first: boolean): Change => {
  const show = onWindow(d.windowId, (w) => ({
    ...w,
    currentTicketId: d.ticketId,
    currentNumber: d.number,
    currentStatus: 'called',
  }));
  // a first call takes the ticket out of its service's queue; a window's own queue is not counted there
  if (!first || d.reason === 'window_queue') return show;
  const leave = addWaiting(d.serviceId, -1);
  return (h) => show(leave(h));
};

/** What each event type changes; types not named here change nothing events can tell. */
const effects: { [T in HallEventType]?: (data: HallEventData<T>) => Change } = {
  'ticket.issued': (d) =>
    onService(d.serviceId, (s) => {
      const quotaLeft = s.quotaLeft === null ? null : Math.max(0, s.quotaLeft - 1);
      const out: PublicService = { ...withWaiting(s, 1), quotaLeft };
      if (quotaLeft === 0 && s.open) {
        out.open = false;
        out.closedReason = 'quota_exhausted';
      }
      return out;
    }),
  'ticket.called': (d) => callEffect(d, true),
  'ticket.recalled': (d) => callEffect(d, false),
  'ticket.started': (d) =>
    onWindow(d.windowId, (w) =>
      w.currentTicketId === d.ticketId ? { ...w, currentStatus: 'serving' } : w,
    ),
  'ticket.finished': (d) =>
    onWindow(d.windowId, (w) => ({
      ...clearCurrent(w),
      awaitingRating: { ticketId: d.ticketId, deadline: d.ratingDeadline },
    })),
  'ticket.no_show': (d) =>
    onWindow(d.windowId, (w) => (w.currentTicketId === d.ticketId ? clearCurrent(w) : w)),
  'ticket.requeued': (d) => addWaiting(d.serviceId, 1),
  'ticket.transferred': (d) => {
    const leave = onWindow(d.fromWindowId, (w) =>
      w.currentTicketId === d.ticketId ? clearCurrent(w) : w,
    );
    if (d.toServiceId === undefined) return leave;
    const join = addWaiting(d.toServiceId, 1);
    return (h) => join(leave(h));
  },
  'ticket.expired': (d) => addWaiting(d.serviceId, -1),
  'window.opened': (d) =>
    onWindow(d.windowId, (w) => ({
      ...withoutPauseNote(w),
      status: 'open',
      staffName: d.staffName,
      staffJobNo: d.staffJobNo,
    })),
  'window.closed': (d) =>
    onWindow(d.windowId, (w) => {
      const { staffName: _n, staffJobNo: _j, ...rest } = withoutPauseNote(w);
      return { ...rest, status: 'closed' };
    }),
  'window.paused': (d) =>
    onWindow(d.windowId, (w) => ({ ...w, status: d.kind === 'brief' ? 'brief_pause' : 'paused' })),
  'window.resumed': (d) =>
    onWindow(d.windowId, (w) => ({ ...withoutPauseNote(w), status: 'open' })),
  'rating.recorded': (d) =>
    onWindow(d.windowId, (w) => {
      if (w.awaitingRating?.ticketId !== d.ticketId) return w;
      const { awaitingRating: _a, ...rest } = w;
      return rest;
    }),
  'day.rolled_over': (d) => (h) => ({ ...h, businessDay: d.businessDay }),
};

/**
 * What one event changes in the public hall state, as a new snapshot (the old one
 * is left untouched, so UI frameworks see the change by reference).
 *
 * Events tell who is called where, window signs and staff, the evaluation prompt
 * and how many wait in each service's queue. They do not tell the numbers the
 * server derives (opensAt; estimatedWaitMinutes only scaled with the count) nor the text
 * of notices and pause notes: for those see `eventNeedsRefetch` and
 * `eventChangesEstimates`. One waiting count is approximate: a ticket transferred to
 * one window waits in that window's own queue, which the service counts leave out,
 * and a chosen call (指定叫号) of such a ticket does not say so; the next refetch
 * corrects it.
 */
export function applyEvent(snapshot: HallSnapshot, event: HallEvent): HallSnapshot {
  const effect = effects[event.type] as ((data: unknown) => Change) | undefined;
  const next = effect ? effect(event.data)(snapshot) : snapshot;
  return { ...next, lastEventId: event.id };
}

/** Events whose text a client cannot know from the event: notice texts, pause notes, a new day's quotas. */
const refetchAfter: ReadonlySet<string> = new Set<HallEventType>([
  'window.paused',
  'notice.updated',
  'day.rolled_over',
  'config.changed',
]);

/** Events after which the server's wait estimates (minutes) and opening states may differ. */
const estimatesAfter: ReadonlySet<string> = new Set<HallEventType>([
  'ticket.issued',
  'ticket.called',
  'ticket.finished',
  'ticket.requeued',
  'ticket.transferred',
  'ticket.expired',
  'window.opened',
  'window.closed',
  'window.resumed',
]);

/**
 * Whether the state after this event holds text only the server has (notice texts, pause
 * notes, quotas after a new day), so that a client showing it should fetch
 * `GET /api/v1/halls/{hallId}` again soon. Everything else an event changes, `applyEvent`
 * applies (docs/decisions/025-clients-apply-events.md).
 */
export function eventNeedsRefetch(event: HallEvent): boolean {
  return refetchAfter.has(event.type);
}

/**
 * Whether the event changes the server's wait estimates or opening states: numbers in
 * minutes that a client refreshes on a slow clock, not after every event.
 */
export function eventChangesEstimates(event: HallEvent): boolean {
  return estimatesAfter.has(event.type);
}

/**
 * Takes from a snapshot fetched over HTTP what events cannot tell, keeping
 * everything events told. When both reflect the same event the fetched one is
 * simply the state.
 */
export function mergeFetchedSnapshot(current: HallSnapshot, fetched: HallSnapshot): HallSnapshot {
  if (fetched.lastEventId === current.lastEventId) return fetched;
  // a new configuration (services, windows, names) is taken whole from a read at least as new
  if (
    (fetched.configVersion ?? 0) > (current.configVersion ?? 0) &&
    compareEventIds(fetched.lastEventId, current.lastEventId) >= 0
  )
    return fetched;
  const byId = new Map(fetched.services.map((s) => [s.id, s]));
  const windowsById = new Map(fetched.windows.map((w) => [w.id, w]));
  return {
    ...current,
    now: fetched.now,
    notices: fetched.notices,
    services: current.services.map((s) => {
      const f = byId.get(s.id);
      if (!f) return s;
      const out: PublicService = {
        ...s,
        estimatedWaitMinutes: f.estimatedWaitMinutes,
        materials: f.materials,
        open: f.open,
        quotaLeft: f.quotaLeft,
      };
      delete out.opensAt;
      delete out.closedReason;
      if (f.opensAt !== undefined) out.opensAt = f.opensAt;
      if (f.closedReason !== undefined) out.closedReason = f.closedReason;
      return out;
    }),
    windows: current.windows.map((w) => {
      const f = windowsById.get(w.id);
      if (!f || f.status !== w.status) return w;
      const out = { ...w };
      delete out.pauseNote;
      if (f.pauseNote !== undefined) out.pauseNote = f.pauseNote;
      return out;
    }),
  };
}
