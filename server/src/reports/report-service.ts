import type {
  Attendance,
  CaseRecord,
  Ranking,
  RankingEntry,
  Report,
  ReportBy,
  ReportRow,
} from '@hall/protocol';
import { DateTime } from 'luxon';
import type { HallConfig } from '../config/hall-config.js';
import { toHallIso } from '../domain/business-day.js';
import { ApiError } from '../errors.js';
import type { Lang } from '../halls/presenter.js';
import type { AttendanceEntry, StoredCase } from './case-record.js';
import { HALL_KEY } from './fold.js';
import { DIM, reportRow, sumAggregates, waitBands } from './figures.js';
import type { History } from './history.js';
import type { ReportStore } from './report-store.js';

/** The longest period one report covers. */
export const MAX_REPORT_DAYS = 366;

/** Every date from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const start = DateTime.fromISO(from, { zone: 'UTC' });
  const end = DateTime.fromISO(to, { zone: 'UTC' });
  const n = Math.round(end.diff(start, 'days').days) + 1;
  if (n > MAX_REPORT_DAYS) {
    throw new ApiError('invalid_request', {
      field: 'to',
      message: `统计期间最长${MAX_REPORT_DAYS}天 (at most ${MAX_REPORT_DAYS} days)`,
    });
  }
  return Array.from({ length: n }, (_, i) => start.plus({ days: i }).toISODate() ?? '');
}

/**
 * toHallIso for many instants: the zone's offset is looked up once per quarter
 * hour (a day's ledger formats tens of thousands of times).
 */
export function hallIsoFormatter(timeZone: string): (ms: number) => string {
  const slots = new Map<number, { offset: number; suffix: string }>();
  return (ms) => {
    const slot = Math.floor(ms / 900_000);
    let zone = slots.get(slot);
    if (!zone) {
      const local = DateTime.fromMillis(ms, { zone: timeZone });
      zone = { offset: local.offset, suffix: (local.toISO() ?? '').slice(23) };
      slots.set(slot, zone);
    }
    return `${new Date(ms + zone.offset * 60_000).toISOString().slice(0, 23)}${zone.suffix}`;
  };
}

/** The days as periods to read: a whole calendar month as YYYY-MM, other days as themselves. */
export function wholeMonths(days: string[]): string[] {
  const byMonth = new Map<string, string[]>();
  for (const day of days) {
    const month = day.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), day]);
  }
  return [...byMonth].flatMap(([month, list]) => {
    const length = DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).daysInMonth ?? 0;
    return list.length === length ? [month] : list;
  });
}

/** Reports, the ledger, the ranking and attendance of one hall, read from its folded history. */
export class ReportService {
  private readonly iso: (ms: number) => string;

  constructor(
    private readonly store: ReportStore,
    readonly history: History,
  ) {
    this.iso = hallIsoFormatter(history.hall.timeZone);
  }

  get hall(): HallConfig {
    return this.history.hall;
  }

  /** The names of a breakdown's keys, configured ones first (English names where the hall has them). */
  private names(by: ReportBy, lang: Lang): Map<string, string> {
    const h = this.hall;
    const en = lang === 'en';
    switch (by) {
      case 'hall':
        return new Map([[HALL_KEY, (en && h.nameEn) || h.name]]);
      case 'service':
        return new Map(h.services.map((s) => [s.id, (en && s.nameEn) || s.name]));
      case 'window':
        return new Map(h.windows.map((w) => [w.id, (en && w.nameEn) || w.name]));
      case 'clerk':
        return new Map(
          h.staff
            .filter((s) => s.role === 'clerk')
            .map((s) => [s.id, en ? `${s.name} (${s.jobNo})` : `${s.name}（${s.jobNo}）`]),
        );
    }
  }

  /** A report for a period; folds what is not folded yet first, so it is up to the last event. */
  async report(from: string, to: string, by: ReportBy, lang: Lang = 'zh'): Promise<Report> {
    const days = daysBetween(from, to);
    await this.history.fold();
    const [aggregates, hallDays] = await Promise.all([
      this.store.aggregates(this.hall.id, wholeMonths(days), DIM[by]),
      this.store.aggregates(this.hall.id, days, DIM.hall),
    ]);
    const sums = sumAggregates(aggregates);
    const names = this.names(by, lang);
    const keys = [...names.keys(), ...[...sums.keys()].filter((k) => !names.has(k)).sort()];
    const rows = keys.map((key) => reportRow(key, names.get(key) ?? key, sums.get(key)));
    const hallSums = by === 'hall' ? sums : sumAggregates(hallDays);
    const total = reportRow(
      HALL_KEY,
      this.names('hall', lang).get(HALL_KEY) ?? '',
      hallSums.get(HALL_KEY),
    );
    return {
      hallId: this.hall.id,
      hallName: this.hall.name,
      from,
      to,
      by,
      rows,
      total,
      days: days.map((date, i) => {
        const row = reportRow(HALL_KEY, date, sumAggregates([hallDays[i] ?? {}]).get(HALL_KEY));
        return {
          date,
          issued: row.issued,
          served: row.served,
          waitMean: row.waitMinutes.mean,
          satisfactionRate: row.satisfactionRate,
        };
      }),
      waitDistribution: waitBands(hallSums.get(HALL_KEY) ?? new Map<string, number>()),
    };
  }

  /** The ledger (台帐) of a day, filtered. */
  async cases(
    date: string,
    filter: {
      number?: string | undefined;
      windowId?: string | undefined;
      clerkId?: string | undefined;
    },
  ): Promise<CaseRecord[]> {
    await this.history.fold();
    const all = await this.store.cases(this.hall.id, date);
    const number = filter.number?.toUpperCase();
    return all
      .filter(
        (c) =>
          (!number || c.n.toUpperCase() === number) &&
          (!filter.windowId || c.ws.includes(filter.windowId)) &&
          (!filter.clerkId || c.cls.includes(filter.clerkId)),
      )
      .map((c) => this.presentCase(c));
  }

  private presentCase(c: StoredCase): CaseRecord {
    const toIso = this.iso;
    const iso = (ms: number | null) => (ms === null ? null : toIso(ms));
    const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 6000) / 10);
    const service = this.hall.services.find((s) => s.id === c.s);
    return {
      number: c.n,
      serviceId: c.s,
      serviceName: service?.name ?? c.s,
      priority: c.p,
      checkIn: c.ci ?? null,
      issuedBy: c.by ? { by: c.by.by, reason: c.by.why } : null,
      priorityChanges: (c.pc ?? []).map((x) => ({
        at: toIso(x.t),
        from: x.from,
        to: x.to,
        by: x.by,
        reason: x.why,
      })),
      issuedAt: iso(c.i),
      calls: c.calls.map((call) => ({
        at: toIso(call.t),
        windowId: call.w,
        clerkId: call.c,
        recall: call.r,
        reason: call.why,
      })),
      startedAt: iso(c.st),
      finishedAt: iso(c.f),
      windowIds: c.ws,
      clerkIds: c.cls,
      status: c.status,
      outcome: (c.o as CaseRecord['outcome']) ?? null,
      transfers: c.tr.map((t) => ({
        at: toIso(t.t),
        fromWindowId: t.from,
        toServiceId: t.toS,
        toWindowId: t.toW,
        note: t.note,
      })),
      chosenReasons: c.chosen,
      missingMaterials: c.mm,
      rating: c.rt
        ? {
            score: c.rt.s,
            source: c.rt.src as 'device' | 'screen' | 'mobile',
            at: toIso(c.rt.t),
          }
        : null,
      waitMinutes: minutes(c.wait),
      serviceMinutes: minutes(c.svc),
      withinLimit: c.within,
    };
  }

  /** The month's 流动红旗 ranking of windows and clerks, by the hall file's rule. */
  async ranking(month: string, lang: Lang = 'zh'): Promise<Ranking> {
    const start = DateTime.fromISO(`${month}-01`, { zone: 'UTC' });
    const from = start.toISODate() ?? '';
    const to = start.endOf('month').toISODate() ?? '';
    const [windows, clerks] = await Promise.all([
      this.report(from, to, 'window', lang),
      this.report(from, to, 'clerk', lang),
    ]);
    const rule = this.hall.ranking;
    const rank = (rows: ReportRow[]): RankingEntry[] => {
      const active = rows.filter((r) => r.served > 0 || r.ratingsGiven > 0);
      const busiest = Math.max(0, ...active.map((r) => r.served));
      const round = (n: number) => Math.round(n * 100) / 100;
      const scored = active.map((r) => {
        const parts = {
          served: round(busiest > 0 ? (rule.served * r.served) / busiest : 0),
          satisfaction: round(rule.satisfaction * (r.satisfactionRate ?? 0)),
          withinLimit: round(rule.withinLimit * (r.withinLimitRate ?? 0)),
          noComplaints: round(Math.max(0, rule.noComplaints - rule.perComplaint * r.badRatings)),
        };
        return {
          rank: 0,
          key: r.key,
          name: r.name,
          served: r.served,
          satisfactionRate: r.satisfactionRate,
          withinLimitRate: r.withinLimitRate,
          badRatings: r.badRatings,
          parts,
          score: round(parts.served + parts.satisfaction + parts.withinLimit + parts.noComplaints),
        };
      });
      scored.sort((a, b) => b.score - a.score || b.served - a.served || a.key.localeCompare(b.key));
      scored.forEach((e, i) => {
        const prev = scored[i - 1];
        e.rank = prev && prev.score === e.score ? prev.rank : i + 1;
      });
      return scored;
    };
    return { month, rule, windows: rank(windows.rows), clerks: rank(clerks.rows) };
  }

  /** Sign-ins, sign-outs, pauses and handovers of each clerk, as the events told them. */
  async attendance(from: string, to: string): Promise<Attendance> {
    const days = daysBetween(from, to);
    await this.history.fold();
    const entries = await this.store.attendance(this.hall.id, days);
    return { from, to, clerks: presentAttendance(this.hall, entries) };
  }
}

/** Pairs sign-ins with sign-outs and pauses with resumes, per clerk and window. */
export function presentAttendance(
  hall: HallConfig,
  entries: AttendanceEntry[],
): Attendance['clerks'] {
  const tz = hall.timeZone;
  const minutes = (a: number, b: number) => Math.round((b - a) / 6000) / 10;
  type Session = Attendance['clerks'][number]['sessions'][number] & { start: number };
  const byClerk = new Map<string, Session[]>();
  const open = new Map<string, Session>();
  const pauses = new Map<string, { kind: 'brief' | 'closed'; start: number }>();
  const closePause = (w: string, t: number) => {
    const p = pauses.get(w);
    const s = open.get(w);
    if (!p) return;
    pauses.delete(w);
    s?.pauses.push({
      kind: p.kind,
      from: toHallIso(p.start, tz),
      to: toHallIso(t, tz),
      minutes: minutes(p.start, t),
    });
  };
  for (const e of entries) {
    if (e.kind === 'in' && e.c) {
      const s: Session = {
        start: e.t,
        windowId: e.w,
        signedInAt: toHallIso(e.t, tz),
        signedOutAt: null,
        minutes: 0,
        handoverFrom: e.from ?? null,
        handoverTo: null,
        idleSignOut: false,
        pauses: [],
      };
      open.set(e.w, s);
      let list = byClerk.get(e.c);
      if (!list) byClerk.set(e.c, (list = []));
      list.push(s);
    } else if (e.kind === 'out') {
      closePause(e.w, e.t);
      const s = open.get(e.w);
      if (!s) continue;
      open.delete(e.w);
      s.signedOutAt = toHallIso(e.t, tz);
      s.minutes = minutes(s.start, e.t);
      s.handoverTo = e.to ?? null;
      s.idleSignOut = e.auto === true && !e.to;
    } else if (e.kind === 'pause') {
      closePause(e.w, e.t);
      pauses.set(e.w, { kind: e.pause ?? 'brief', start: e.t });
    } else {
      closePause(e.w, e.t);
    }
  }
  for (const [w, p] of pauses) {
    open.get(w)?.pauses.push({ kind: p.kind, from: toHallIso(p.start, tz), to: null, minutes: 0 });
  }
  const staff = new Map(hall.staff.map((s) => [s.id, s]));
  return [...byClerk.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([clerkId, sessions]) => {
      const list = sessions.map(({ start: _start, ...s }) => s);
      const pauseMinutes = (kind: 'brief' | 'closed') =>
        Math.round(
          list
            .flatMap((s) => s.pauses)
            .filter((p) => p.kind === kind)
            .reduce((a, p) => a + p.minutes, 0) * 10,
        ) / 10;
      return {
        clerkId,
        name: staff.get(clerkId)?.name ?? clerkId,
        jobNo: staff.get(clerkId)?.jobNo ?? '',
        sessions: list,
        signedInMinutes: Math.round(list.reduce((a, s) => a + s.minutes, 0) * 10) / 10,
        briefPauseMinutes: pauseMinutes('brief'),
        closedPauseMinutes: pauseMinutes('closed'),
      };
    });
}
