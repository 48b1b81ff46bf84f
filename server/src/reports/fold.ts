import { limitLevel, serviceTimeLimits } from '@hall/protocol';
import type { HallConfig } from '../config/hall-config.js';
import { dayAndHourClock } from '../domain/business-day.js';
import { eventsOfTypes, type RawEvent, type StreamEntry } from '../realtime/event-reader.js';
import {
  newCase,
  type AttendanceEntry,
  type CasePriority,
  type StoredCase,
} from './case-record.js';

/**
 * The pure half of folding: events in, aggregate increments and case records out.
 * No Redis here; report-store.ts reads the state a batch needs, runs this and
 * writes the result in one atomic step guarded by the fold cursor. Every figure
 * is defined in docs/reports.md; change the two together.
 */

/** What a batch changes: counters per day, case records, attendance entries, the window map. */
export interface FoldResult {
  /** day -> field -> increment */
  incr: Map<string, Map<string, number>>;
  /** ticket id -> case record (those touched) */
  cases: Map<string, StoredCase>;
  /** ticket ids newly seen, per day, in order */
  newCases: Map<string, string[]>;
  attendance: Map<string, AttendanceEntry[]>;
  windowClerks: Record<string, string>;
}

export const HALL_KEY = 'hall';

/** The event types the fold counts; any other event changes no figure and no case record. */
export const FOLDED_TYPES: ReadonlySet<string> = new Set([
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.finished',
  'ticket.no_show',
  'ticket.requeued',
  'ticket.priority_changed',
  'ticket.transferred',
  'ticket.expired',
  'rating.recorded',
  'window.opened',
  'window.closed',
  'window.paused',
  'window.resumed',
]);

/**
 * The entries the fold counts, parsed; the others (print jobs, alerts, notices: most of a
 * busy hall's stream) are passed over before their data is parsed.
 */
export function foldableEntries(entries: StreamEntry[]): RawEvent[] {
  return eventsOfTypes(entries, FOLDED_TYPES);
}

/** The ticket ids a batch of events touches (their case records are read before folding). */
export function ticketIdsOf(events: RawEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type.startsWith('ticket.') || e.type === 'rating.recorded') {
      const id = str(e.data.ticketId);
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function materials(v: unknown): string[] {
  let list: unknown = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v) as unknown;
    } catch {
      return [];
    }
  }
  return Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string') : [];
}

/**
 * Folds a batch of events onto the state read for it. `cases` holds the records
 * of the batch's tickets (missing ones are created); `windowClerks` is the map
 * of who is signed in where. Both are updated in place and returned as changes.
 */
export function foldEvents(
  hall: HallConfig,
  events: RawEvent[],
  cases: Map<string, StoredCase>,
  windowClerks: Record<string, string>,
): FoldResult {
  const clock = dayAndHourClock(hall.timeZone);
  const result: FoldResult = {
    incr: new Map(),
    cases: new Map(),
    newCases: new Map(),
    attendance: new Map(),
    windowClerks,
  };
  const services = new Map(hall.services.map((s) => [s.id, s]));
  const hourOf = (ms: number) => clock(ms).hour;
  const add = (day: string, field: string, n = 1) => {
    let m = result.incr.get(day);
    if (!m) result.incr.set(day, (m = new Map<string, number>()));
    m.set(field, (m.get(field) ?? 0) + n);
  };
  /** Counts a figure for the hall and each named service, window and clerk. */
  const count = (
    day: string,
    figure: string,
    who: { s?: string | null; w?: string | null; c?: string | null; hall?: boolean },
    n = 1,
  ) => {
    if (who.hall !== false) add(day, `h|${HALL_KEY}|${figure}`, n);
    if (who.s) add(day, `s|${who.s}|${figure}`, n);
    if (who.w) add(day, `w|${who.w}|${figure}`, n);
    if (who.c) add(day, `c|${who.c}|${figure}`, n);
  };
  const attend = (e: RawEvent, entry: AttendanceEntry) => {
    const day = clock(e.at).day;
    let list = result.attendance.get(day);
    if (!list) result.attendance.set(day, (list = []));
    list.push(entry);
  };
  const caseOf = (e: RawEvent): StoredCase | null => {
    const id = str(e.data.ticketId);
    if (!id) return null;
    let c = cases.get(id);
    if (!c) {
      // a ticket issued before the history began: its day is the event's
      const serviceId = str(e.data.serviceId) ?? '';
      c = newCase(id, str(e.data.number) ?? '', clock(e.at).day, serviceId, 'normal', null);
      cases.set(id, c);
      addNew(result, c);
    }
    result.cases.set(id, c);
    return c;
  };
  const take = (c: StoredCase, w: string, clerk: string | null) => {
    c.w = w;
    c.c = clerk;
    if (!c.ws.includes(w)) c.ws.push(w);
    if (clerk && !c.cls.includes(clerk)) c.cls.push(clerk);
  };

  for (const e of events) {
    const d = e.data;
    switch (e.type) {
      case 'ticket.issued': {
        const id = str(d.ticketId);
        if (!id || cases.has(id)) break;
        const c = newCase(
          id,
          str(d.number) ?? '',
          clock(e.at).day,
          str(d.serviceId) ?? '',
          casePriority(d.priority),
          e.at,
        );
        if (d.checkIn === 'on_time' || d.checkIn === 'late') c.ci = d.checkIn;
        const by = str(d.byStaff);
        if (by) c.by = { by, why: str(d.reason) ?? '' };
        cases.set(id, c);
        result.cases.set(id, c);
        addNew(result, c);
        count(c.d, 'issued', { s: c.s });
        count(c.d, `arr:${hourOf(e.at)}`, { s: c.s });
        if (c.p === 'appointment') count(c.d, 'appt', { s: c.s });
        if (c.p === 'green') count(c.d, 'green', { s: c.s });
        if (c.by) count(c.d, 'byStaff', { s: c.s });
        break;
      }
      case 'ticket.called': {
        const c = caseOf(e);
        const w = str(d.windowId);
        if (!c || !w) break;
        const clerk = windowClerks[w] ?? null;
        const why = str(d.reason);
        const first = c.calls.length === 0;
        c.calls.push({ t: e.at, w, c: clerk, r: false, why });
        c.status = 'called';
        c.st = null;
        take(c, w, clerk);
        if (first) {
          // 首问受理: the first window and clerk own the case; the wait ends here
          count(c.d, 'issued', { w, c: clerk, hall: false });
          if (c.i !== null) {
            count(c.d, `arr:${hourOf(c.i)}`, { w, c: clerk, hall: false });
            c.wait = Math.max(0, e.at - c.i);
            const who = { s: c.s, w, c: clerk };
            count(c.d, 'waitN', who);
            count(c.d, 'waitSum', who, Math.round(c.wait / 1000));
            count(c.d, `wh:${Math.round(c.wait / 60_000)}`, who);
          }
        }
        count(c.d, `call:${hourOf(e.at)}`, { s: c.cs, w, c: clerk });
        if (why === 'chosen') {
          count(c.d, 'chosen', { s: c.cs, w, c: clerk });
          c.chosen.push(str(d.note) ?? '');
        }
        break;
      }
      case 'ticket.recalled': {
        const c = caseOf(e);
        const w = str(d.windowId);
        if (!c || !w) break;
        const clerk = windowClerks[w] ?? null;
        c.calls.push({ t: e.at, w, c: clerk, r: true, why: null });
        count(c.d, 'recalled', { s: c.cs, w, c: clerk });
        break;
      }
      case 'ticket.started': {
        const c = caseOf(e);
        if (!c) break;
        c.st = e.at;
        c.status = 'serving';
        break;
      }
      case 'ticket.finished': {
        const c = caseOf(e);
        const w = str(d.windowId) ?? c?.w ?? null;
        if (!c || !w) break;
        const clerk = c.w === w ? c.c : (windowClerks[w] ?? null);
        c.f = e.at;
        c.status = 'done';
        c.o = str(d.outcome);
        const who = { s: c.cs, w, c: clerk };
        count(c.d, 'served', who);
        count(c.d, 'offered', who);
        if (c.o === 'materials_missing') {
          c.mm = materials(d.missingMaterials);
          count(c.d, 'oneTime', who);
        }
        if (c.st !== null) {
          c.svc = Math.max(0, e.at - c.st);
          const svc = services.get(c.cs);
          const limit = serviceTimeLimits(hall.limits, svc?.limits).serviceMinutes;
          c.within = limitLevel(c.svc / 60_000, limit) !== 'red';
          count(c.d, 'svcN', who);
          count(c.d, 'svcSum', who, Math.round(c.svc / 1000));
          count(c.d, `sh:${Math.round(c.svc / 60_000)}`, who);
          if (c.within) count(c.d, 'within', who);
        }
        break;
      }
      case 'ticket.no_show': {
        const c = caseOf(e);
        if (!c) break;
        const w = str(d.windowId) ?? c.w;
        c.status = 'no_show';
        count(c.d, 'noShow', { s: c.cs, w, c: c.c });
        break;
      }
      case 'ticket.requeued': {
        const c = caseOf(e);
        if (c) c.status = 'waiting';
        break;
      }
      case 'ticket.priority_changed': {
        const c = caseOf(e);
        if (!c) break;
        (c.pc ??= []).push({
          t: e.at,
          from: casePriority(d.from),
          to: casePriority(d.to),
          by: str(d.by) ?? '',
          why: str(d.reason) ?? '',
        });
        count(c.d, 'priorityChanged', { s: c.cs });
        break;
      }
      case 'ticket.transferred': {
        const c = caseOf(e);
        const from = str(d.fromWindowId);
        if (!c || !from) break;
        const clerk = c.w === from ? c.c : (windowClerks[from] ?? null);
        count(c.d, 'transferred', { s: c.cs, w: from, c: clerk });
        c.tr.push({
          t: e.at,
          from,
          toS: str(d.toServiceId),
          toW: str(d.toWindowId),
          note: str(d.note) ?? '',
        });
        const toService = str(d.toServiceId);
        if (toService) c.cs = toService;
        c.status = 'transferred';
        c.st = null;
        break;
      }
      case 'ticket.expired': {
        const c = caseOf(e);
        if (!c) break;
        c.status = 'expired';
        count(c.d, 'expired', { s: c.cs });
        break;
      }
      case 'rating.recorded': {
        const c = caseOf(e);
        const score = Number(d.score);
        if (!c || !(score >= 1 && score <= 5)) break;
        c.rt = { s: score, src: str(d.source) ?? 'device', t: e.at };
        const who = { s: str(d.serviceId) ?? c.cs, w: str(d.windowId), c: str(d.clerkId) };
        count(c.d, 'rated', who);
        count(c.d, `score:${score}`, who);
        if (score >= 4) count(c.d, 'satisfied', who);
        if (score <= 2) count(c.d, 'bad', who);
        break;
      }
      case 'window.opened': {
        const w = str(d.windowId);
        const clerk = str(d.clerkId);
        if (!w || !clerk) break;
        windowClerks[w] = clerk;
        const from = str(d.handoverFrom);
        attend(e, { t: e.at, kind: 'in', w, c: clerk, ...(from ? { from } : {}) });
        break;
      }
      case 'window.closed': {
        const w = str(d.windowId);
        if (!w) break;
        const clerk = str(d.clerkId) ?? windowClerks[w] ?? null;
        if (windowClerks[w] === clerk) delete windowClerks[w];
        const to = str(d.handoverTo);
        attend(e, {
          t: e.at,
          kind: 'out',
          w,
          c: clerk,
          auto: d.auto === true,
          ...(to ? { to } : {}),
        });
        break;
      }
      case 'window.paused': {
        const w = str(d.windowId);
        if (!w) break;
        const pause = d.kind === 'closed' ? 'closed' : 'brief';
        attend(e, { t: e.at, kind: 'pause', w, c: windowClerks[w] ?? null, pause });
        break;
      }
      case 'window.resumed': {
        const w = str(d.windowId);
        if (w) attend(e, { t: e.at, kind: 'resume', w, c: windowClerks[w] ?? null });
        break;
      }
      default:
        // events reports do not count (alerts, printing, notices, types added later)
        break;
    }
  }
  return result;
}

function addNew(result: FoldResult, c: StoredCase): void {
  let list = result.newCases.get(c.d);
  if (!list) result.newCases.set(c.d, (list = []));
  list.push(c.id);
}

function casePriority(v: unknown): CasePriority {
  return v === 'green' || v === 'appointment' ? v : 'normal';
}
