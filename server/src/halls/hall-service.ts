import { randomBytes } from 'node:crypto';
import type {
  HallSnapshot,
  IssueTicketBody,
  Notice,
  PublicService,
  PrintState,
  PublicWindow,
  Rating,
  Ticket,
  TicketStatus,
  WindowStatus,
} from '@hall/protocol';
import type { HallConfig, StaffConfig, WindowConfig } from '../config/hall-config.js';
import type { Clock, Principal } from '../auth/principal.js';
import { businessDay, previousDay, startOfBusinessDay, toHallIso } from '../domain/business-day.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import { estimateWaitMinutes, serversFor } from '../domain/estimate.js';
import {
  chooseNext,
  nextGreenInRow,
  type LaneHead,
  type ServiceQueueView,
} from '../domain/queue.js';
import { availability, hoursOn, type Availability } from '../domain/schedule.js';
import { ApiError } from '../errors.js';
import type { QueueStore, TicketRecord, WindowRecord } from '../store/queue-store.js';
import { presentReason, presentTicket, type Lang } from './presenter.js';

const WAITING: ReadonlySet<string> = new Set<TicketStatus>(['waiting', 'transferred']);

/** Printing as the hall needs it (server/src/printing): a kiosk's ticket goes to its printer. */
export interface TicketPrinting {
  ticketIssued(hall: HallService, principal: Principal, ticket: Ticket): Promise<PrintState | null>;
}

/** The hall's rolling notices (server/src/notices), as the public snapshot shows them. */
export interface HallNotices {
  active(hall: HallConfig, now: number, lang: Lang): Promise<Notice[]>;
}

/** Ratings follow-up as the hall needs it (server/src/ratings): a bad rating starts a 回访 task. */
export interface RatingFollowUps {
  badRating(hall: HallService, ticketId: string): Promise<void>;
}

export interface CalledTicket {
  ticket: Ticket;
  eventId: string;
}

/**
 * One hall's operations, as the API and jobs use them: each checks what needs
 * the configuration, runs one atomic store script and presents the result.
 */
/** Minutes a ticket of a service waits with `ahead` tickets before it (null: no open window). */
type Estimate = (serviceId: string, ahead: number) => number | null;

export class HallService {
  /** Set by the server when printing runs; tickets are issued without paper otherwise. */
  printing: TicketPrinting | null = null;
  /** The address residents' phones reach (PUBLIC_URL), for the ticket's phone page link. */
  publicUrl: string | null = null;
  /** Set by the server; bad ratings stay on the pending list for the follow-up job otherwise. */
  followUps: RatingFollowUps | null = null;
  /** Set by the server; without it the snapshot has no notices. */
  notices: HallNotices | null = null;

  constructor(
    readonly config: HallConfig,
    private readonly store: QueueStore,
    private readonly clock: Clock,
    private readonly calendar: HolidayCalendar,
  ) {}

  get id(): string {
    return this.config.id;
  }

  today(now = this.clock.now()): string {
    return businessDay(now, this.config.timeZone);
  }

  /** Whether a service issues tickets now (its own hours, else the hall's). */
  serviceAvailability(serviceId: string, now = this.clock.now()): Availability {
    const own = this.config.services.find((s) => s.id === serviceId)?.schedule;
    return availability(own ?? this.config.schedule, now, this.config.timeZone, this.calendar);
  }

  window(windowId: string): WindowConfig {
    const w = this.config.windows.find((x) => x.id === windowId);
    if (!w) throw new ApiError('window_not_found');
    return w;
  }

  staff(userId: string): StaffConfig | undefined {
    return this.config.staff.find((s) => s.id === userId);
  }

  async issueTicket(
    principal: Principal,
    body: IssueTicketBody,
    lang: Lang,
  ): Promise<{ ticket: Ticket; duplicate: boolean }> {
    const service = this.config.services.find((s) => s.id === body.serviceId);
    if (!service) throw new ApiError('service_not_found', { field: 'serviceId' });
    const now = this.clock.now();
    const deviceId =
      principal.kind === 'device' ? principal.device.id : `staff-${principal.user.id}`;
    const open = this.serviceAvailability(service.id, now);
    if (!open.open) {
      // a retry of a ticket issued just before closing still gets that ticket
      if (body.requestId) {
        const existing = await this.store.redis.get(
          this.store.keys(this.id).request(deviceId, body.requestId),
        );
        if (existing) {
          const t = await this.store.getTicket(this.id, existing);
          if (t) return { ticket: await this.present(t, lang), duplicate: true };
        }
      }
      throw new ApiError(
        'service_closed',
        open.opensAt === null ? {} : { opensAt: toHallIso(open.opensAt, this.config.timeZone) },
      );
    }
    const result = await this.store.issueTicket(this.config, {
      ticketId: `${this.id}.${randomBytes(12).toString('base64url')}`,
      serviceId: service.id,
      prefix: service.prefix,
      priority: body.priority ?? 'normal',
      now,
      day: this.today(now),
      quota: service.dailyQuota,
      deviceId,
      ...(body.requestId !== undefined ? { requestId: body.requestId } : {}),
      ...(body.appointmentCode !== undefined ? { appointmentCode: body.appointmentCode } : {}),
      ...(body.phone !== undefined ? { phone: body.phone } : {}),
    });
    const ticket = await this.present(result.ticket, lang, result.waitingAhead ?? undefined);
    if (!result.duplicate && this.printing) {
      const print = await this.printing.ticketIssued(this, principal, ticket);
      if (print) ticket.print = print;
    }
    return { ticket, duplicate: result.duplicate };
  }

  async getTicket(ticketId: string, lang: Lang): Promise<Ticket> {
    const t = await this.store.getTicket(this.id, ticketId);
    if (!t) throw new ApiError('ticket_not_found');
    return this.present(t, lang);
  }

  /** A ticket record as the API shows it, with people ahead and the wait estimate while it waits. */
  async present(
    t: TicketRecord,
    lang: Lang,
    knownAhead?: number,
    /** One estimator for a list of tickets read at the same moment. */
    knownEstimate?: Estimate,
  ): Promise<Ticket> {
    const status = t.status ?? '';
    const serviceId = t.serviceId ?? '';
    const toWindow = t.lane === 'window' ? t.toWindowId : undefined;
    const windowIds = toWindow
      ? [toWindow]
      : this.config.windows.filter((w) => w.services.includes(serviceId)).map((w) => w.id);
    if (!WAITING.has(status)) {
      const ticket = presentTicket(
        this.config,
        t,
        { waitingAhead: 0, estimatedWaitMinutes: null, windowIds },
        lang,
      );
      // 未评价 is decided on read: the prompt's deadline passed without a rating
      if (t.ratingScore) ticket.ratingStatus = 'rated';
      else if (t.ratingDeadline) {
        ticket.ratingStatus = this.clock.now() > Number(t.ratingDeadline) ? 'unrated' : 'awaiting';
      }
      return this.withPhoneUrl(ticket);
    }
    const [ahead, estimate] = await Promise.all([
      knownAhead ?? this.store.ticketsAhead(this.id, t),
      knownEstimate ?? this.estimator(),
    ]);
    return this.withPhoneUrl(
      presentTicket(
        this.config,
        t,
        { waitingAhead: ahead, estimatedWaitMinutes: estimate(serviceId, ahead), windowIds },
        lang,
      ),
    );
  }

  /** The phone page's address, the same one the printed ticket's QR code holds. */
  private withPhoneUrl(ticket: Ticket): Ticket {
    if (this.publicUrl)
      ticket.phoneUrl = `${this.publicUrl.replace(/\/+$/, '')}/kiosk/t/${encodeURIComponent(ticket.id)}`;
    return ticket;
  }

  /**
   * Estimates from the windows open now, the work waiting at each service and each
   * service's learned mean (docs/wait-estimate.md).
   */
  private async estimator(hall?: Awaited<ReturnType<QueueStore['readHall']>>): Promise<Estimate> {
    const [means, state] = await Promise.all([
      this.store.serviceMeans(this.config),
      hall ?? this.store.readHall(this.config),
    ]);
    const windows = this.config.windows.map((w) => {
      const status = state.windows.get(w.id)?.status;
      return {
        services: w.services,
        mode: w.mode,
        open: status === 'open' || status === 'brief_pause',
      };
    });
    const waiting = new Map(
      this.config.services.map((s) => {
        const l = state.lanes.get(s.id);
        return [s.id, l ? l.front + l.green + l.normal : 0];
      }),
    );
    const meanMs = new Map(this.config.services.map((s) => [s.id, means.get(s.id) ?? 8 * 60_000]));
    return (serviceId, ahead) =>
      estimateWaitMinutes({
        ahead,
        meanServiceMs: meanMs.get(serviceId) ?? 8 * 60_000,
        servers: serversFor(serviceId, windows, { waiting, meanMs }),
      });
  }

  private async windowStatuses(): Promise<Map<string, string>> {
    const k = this.store.keys(this.id);
    const pipeline = this.store.redis.pipeline();
    for (const w of this.config.windows) pipeline.hget(k.window(w.id), 'status');
    const results = (await pipeline.exec()) ?? [];
    return new Map(
      this.config.windows.map((w, i) => [w.id, (results[i]?.[1] as string | null) ?? 'closed']),
    );
  }

  // ---- the clerk's actions at a window -------------------------------------------------------

  private clerk(principal: Principal): StaffConfig {
    if (principal.kind !== 'staff') throw new ApiError('forbidden');
    return principal.user;
  }

  async openWindow(principal: Principal, windowId: string, lang: Lang): Promise<PublicWindow> {
    const user = this.clerk(principal);
    this.window(windowId);
    await this.store.openWindow(
      this.config,
      windowId,
      { id: user.id, name: user.name, jobNo: user.jobNo },
      this.clock.now(),
    );
    return this.publicWindow(windowId, lang);
  }

  async closeWindow(principal: Principal, windowId: string, lang: Lang): Promise<PublicWindow> {
    const user = this.clerk(principal);
    this.window(windowId);
    await this.store.closeWindow(this.config, windowId, user.id, this.clock.now());
    return this.publicWindow(windowId, lang);
  }

  async pauseWindow(
    principal: Principal,
    windowId: string,
    kind: 'brief' | 'closed',
    note: string | undefined,
    lang: Lang,
  ): Promise<PublicWindow> {
    const user = this.clerk(principal);
    this.window(windowId);
    await this.store.pauseWindow(
      this.config,
      windowId,
      user.id,
      kind,
      note ?? '',
      this.clock.now(),
    );
    return this.publicWindow(windowId, lang);
  }

  async resumeWindow(principal: Principal, windowId: string, lang: Lang): Promise<PublicWindow> {
    const user = this.clerk(principal);
    this.window(windowId);
    await this.store.resumeWindow(this.config, windowId, user.id, this.clock.now());
    return this.publicWindow(windowId, lang);
  }

  /** null when nobody the window serves is waiting (HTTP 204). */
  async callNext(principal: Principal, windowId: string, lang: Lang): Promise<Ticket | null> {
    const user = this.clerk(principal);
    const r = await this.store.callNext(
      this.config,
      this.window(windowId),
      user.id,
      this.clock.now(),
    );
    return r ? this.present(r.ticket, lang) : null;
  }

  async callChosen(
    principal: Principal,
    windowId: string,
    ticketId: string,
    note: string,
    lang: Lang,
  ): Promise<Ticket> {
    const user = this.clerk(principal);
    const window = this.window(windowId);
    if (!ticketId.startsWith(`${this.id}.`)) throw new ApiError('ticket_not_found');
    const r = await this.store.callChosen(
      this.config,
      window,
      user.id,
      ticketId,
      note,
      this.clock.now(),
    );
    return this.present(r.ticket, lang);
  }

  async recall(principal: Principal, windowId: string, lang: Lang): Promise<Ticket> {
    const user = this.clerk(principal);
    const r = await this.store.recall(
      this.config,
      this.window(windowId),
      user.id,
      this.clock.now(),
    );
    return this.present(r.ticket, lang);
  }

  async start(principal: Principal, windowId: string, lang: Lang): Promise<Ticket> {
    const user = this.clerk(principal);
    this.window(windowId);
    const r = await this.store.start(this.config, windowId, user.id, this.clock.now());
    return this.present(r.ticket, lang);
  }

  async finish(
    principal: Principal,
    windowId: string,
    outcome: string,
    missing: string[],
    lang: Lang,
  ): Promise<Ticket> {
    const user = this.clerk(principal);
    this.window(windowId);
    const r = await this.store.finish(
      this.config,
      windowId,
      user.id,
      outcome,
      missing,
      this.clock.now(),
    );
    return this.present(r.ticket, lang);
  }

  async noShow(principal: Principal, windowId: string, lang: Lang): Promise<Ticket> {
    const user = this.clerk(principal);
    this.window(windowId);
    const r = await this.store.noShow(this.config, windowId, user.id, this.clock.now());
    return this.present(r.ticket, lang);
  }

  async requeue(
    principal: Principal,
    windowId: string,
    ticketId: string,
    lang: Lang,
  ): Promise<Ticket> {
    const user = this.clerk(principal);
    this.window(windowId);
    const t = ticketId.startsWith(`${this.id}.`)
      ? await this.store.getTicket(this.id, ticketId)
      : null;
    if (!t) throw new ApiError('ticket_not_found');
    const now = this.clock.now();
    const r = await this.store.requeue(this.config, windowId, user.id, t, now, this.today(now));
    return this.present(r.ticket, lang);
  }

  async transfer(
    principal: Principal,
    windowId: string,
    target: {
      toServiceId?: string | undefined;
      toWindowId?: string | undefined;
      note?: string | undefined;
    },
    lang: Lang,
  ): Promise<Ticket> {
    const user = this.clerk(principal);
    this.window(windowId);
    if (
      target.toServiceId !== undefined &&
      !this.config.services.some((s) => s.id === target.toServiceId)
    ) {
      throw new ApiError('service_not_found', { field: 'toServiceId' });
    }
    if (target.toWindowId !== undefined) {
      if (!this.config.windows.some((w) => w.id === target.toWindowId)) {
        throw new ApiError('window_not_found', { field: 'toWindowId' });
      }
      if (target.toWindowId === windowId)
        throw new ApiError('transfer_to_self', { field: 'toWindowId' });
    }
    const r = await this.store.transfer(
      this.config,
      windowId,
      user.id,
      {
        ...(target.toServiceId !== undefined ? { toServiceId: target.toServiceId } : {}),
        ...(target.toWindowId !== undefined ? { toWindowId: target.toWindowId } : {}),
        ...(target.note !== undefined ? { note: target.note } : {}),
      },
      this.clock.now(),
    );
    return this.present(r.ticket, lang);
  }

  /** Ratings come from the window's evaluator or tablet (device token) or the resident's phone (ticket id). */
  async rate(
    principal: Principal | null,
    windowId: string,
    body: {
      score: number;
      source: 'device' | 'screen' | 'mobile';
      ticketId?: string | undefined;
      pressedAt?: string | undefined;
    },
  ): Promise<Rating> {
    this.window(windowId);
    const now = this.clock.now();
    // a device's rating queued while the server was unreachable counts from when it was pressed
    let pressedAt: number | undefined;
    if (body.pressedAt !== undefined) {
      if (principal?.kind !== 'device' || body.ticketId === undefined) {
        throw new ApiError('invalid_request', { field: 'pressedAt' });
      }
      pressedAt = Math.min(Date.parse(body.pressedAt), now);
    }
    if (principal === null) {
      if (body.source !== 'mobile' || body.ticketId === undefined)
        throw new ApiError('unauthorized');
    } else if (principal.kind === 'device') {
      const d = principal.device;
      if (!['evaluator', 'display', 'kiosk'].includes(d.kind)) throw new ApiError('forbidden');
      if (d.windowId !== undefined && d.windowId !== windowId) throw new ApiError('forbidden');
    } else {
      // staff may not rate their own service
      throw new ApiError('forbidden');
    }
    const { ticket: t } = await this.store.rate(
      this.config,
      windowId,
      body.score,
      body.source,
      body.ticketId,
      now,
      pressedAt,
    );
    if (body.score <= 2) await this.followUps?.badRating(this, t.id ?? '');
    return {
      ticketId: t.id ?? '',
      windowId,
      clerkId: t.clerkId ?? '',
      serviceId: t.serviceId ?? '',
      score: Number(t.ratingScore),
      source: body.source,
      at: toHallIso(Number(t.ratingAt), this.config.timeZone),
    };
  }

  // ---- reads ----------------------------------------------------------------------------------

  async publicWindow(windowId: string, lang: Lang): Promise<PublicWindow> {
    const w = this.window(windowId);
    const { windows } = await this.store.readHall(this.config);
    return this.toPublicWindow(w, windows.get(w.id) ?? {}, lang);
  }

  /** The public state of the hall at one instant, with the id of the newest event it reflects. */
  async snapshot(lang: Lang): Promise<HallSnapshot> {
    const now = this.clock.now();
    const hall = await this.store.readHall(this.config);
    const { lastEventId, windows, lanes } = hall;
    const estimate = await this.estimator(hall);
    const day = this.today(now);
    const issued = await this.store.redis.hgetall(this.store.keys(this.id).dayNumbers(day));
    const services: PublicService[] = this.config.services.map((s) => {
      const l = lanes.get(s.id) ?? { front: 0, green: 0, normal: 0 };
      const waiting = l.front + l.green + l.normal;
      const quotaLeft =
        s.dailyQuota === null ? null : Math.max(0, s.dailyQuota - Number(issued[s.id] ?? 0));
      const a = this.serviceAvailability(s.id, now);
      const service: PublicService = {
        id: s.id,
        name: (lang === 'en' ? s.nameEn : undefined) ?? s.name,
        prefix: s.prefix,
        open: a.open && quotaLeft !== 0,
        waiting,
        estimatedWaitMinutes: estimate(s.id, waiting),
        quotaLeft,
        materials: (lang === 'en' ? s.materialsEn : undefined) ?? s.materials,
      };
      if (!a.open) {
        service.closedReason = a.reason;
        if (a.opensAt !== null) service.opensAt = toHallIso(a.opensAt, this.config.timeZone);
      } else if (quotaLeft === 0) {
        service.closedReason = 'quota_exhausted';
      }
      return service;
    });
    return {
      id: this.id,
      name: (lang === 'en' ? this.config.nameEn : undefined) ?? this.config.name,
      timeZone: this.config.timeZone,
      businessDay: day,
      now: toHallIso(now, this.config.timeZone),
      services,
      windows: this.config.windows.map((w) =>
        this.toPublicWindow(w, windows.get(w.id) ?? {}, lang),
      ),
      notices: this.notices ? await this.notices.active(this.config, now, lang) : [],
      hoursToday: hoursOn(this.config.schedule, day, this.calendar),
      lastEventId,
    };
  }

  private toPublicWindow(w: WindowConfig, r: WindowRecord, lang: Lang): PublicWindow {
    const status = (r.status || 'closed') as WindowStatus;
    const name = (lang === 'en' ? w.nameEn : undefined) ?? w.name;
    const out: PublicWindow = { id: w.id, name, serviceIds: w.services, status };
    if (status !== 'closed' && r.clerkId) {
      const staff = this.staff(r.clerkId);
      if (staff) {
        out.staffName = staff.name;
        out.staffJobNo = staff.jobNo;
        if (staff.photoUrl) out.staffPhotoUrl = staff.photoUrl;
      }
    }
    if (r.current && r.currentNumber) {
      out.currentTicketId = r.current;
      out.currentNumber = r.currentNumber;
      out.currentStatus = r.currentStatus as TicketStatus;
    }
    if (r.pauseNote) out.pauseNote = r.pauseNote;
    const deadline = Number(r.rateDeadline || 0);
    if (r.rateTicket && deadline > this.clock.now()) {
      out.awaitingRating = {
        ticketId: r.rateTicket,
        deadline: toHallIso(deadline, this.config.timeZone),
      };
    }
    return out;
  }

  /**
   * The tickets a window will call, in the order it will call them if nothing
   * else happens, each with the reason — the same rules as call-next, run ahead.
   */
  async upcoming(windowId: string, limit: number, lang: Lang): Promise<Ticket[]> {
    const window = this.window(windowId);
    const k = this.store.keys(this.id);
    const records = new Map<string, TicketRecord>();
    const load = async (key: string): Promise<LaneHead[]> => {
      const recs = await this.store.laneTickets(this.id, key, limit);
      const scores = recs.length
        ? await this.store.redis.zmscore(key, ...recs.map((r) => r.id ?? ''))
        : [];
      return recs.map((r, i) => {
        records.set(r.id ?? '', r);
        return {
          ticketId: r.id ?? '',
          score: Number(scores[i] ?? 0),
          requeued: r.requeued === '1',
          ...(r.transferredFrom ? { fromWindowId: r.transferredFrom } : {}),
        };
      });
    };
    const personal = await load(k.windowLane(windowId));
    const lanes = await Promise.all(
      window.services.map(async (s) => {
        const [front, green, normal, greenInRow] = await Promise.all([
          load(k.lane(s, 'front')),
          load(k.lane(s, 'green')),
          load(k.lane(s, 'normal')),
          this.store.redis.hget(k.service(s), 'greenInRow'),
        ]);
        return { serviceId: s, front, green, normal, greenInRow: Number(greenInRow ?? 0) };
      }),
    );
    const chosen: { rec: TicketRecord; choice: NonNullable<ReturnType<typeof chooseNext>> }[] = [];
    while (chosen.length < limit) {
      const views: ServiceQueueView[] = lanes.map((l) => ({
        serviceId: l.serviceId,
        greenInRow: l.greenInRow,
        ...(l.front[0] ? { front: l.front[0] } : {}),
        ...(l.green[0] ? { green: l.green[0] } : {}),
        ...(l.normal[0] ? { normal: l.normal[0] } : {}),
      }));
      const choice = chooseNext(
        { mode: window.mode, services: views, ...(personal[0] ? { personal: personal[0] } : {}) },
        this.config.rules,
      );
      if (!choice) break;
      if (choice.lane === 'window') personal.shift();
      const lane = lanes.find((x) => x.serviceId === choice.serviceId);
      if (lane && choice.lane !== 'window') {
        const normalWaiting = lane.normal.length > 0;
        lane[choice.lane].shift();
        lane.greenInRow = nextGreenInRow(lane.greenInRow, choice.lane, normalWaiting);
      }
      const rec = records.get(choice.ticketId);
      if (rec) chosen.push({ rec, choice });
    }
    const estimate = await this.estimator();
    return Promise.all(
      chosen.map(async ({ rec, choice }) => {
        const ticket = await this.present(rec, lang, undefined, estimate);
        ticket.reason = presentReason(
          this.config,
          {
            ...rec,
            reasonCode: choice.reason,
            reasonFrom: choice.fromWindowId ?? '',
            reasonGreenInRow: choice.greenInRow === undefined ? '' : String(choice.greenInRow),
          },
          lang,
        );
        return ticket;
      }),
    );
  }

  /**
   * Ends the previous business day if the day has changed: its tickets still
   * waiting become 'expired' (counted in the day.rolled_over event). Safe to run
   * any number of times; the scheduler runs it just after midnight and at start-up.
   */
  async rollOver(now = this.clock.now()): Promise<number | null> {
    const today = this.today(now);
    const ended = previousDay(today);
    const keepSince = startOfBusinessDay(ended, this.config.timeZone);
    return this.store.rollOverDay(this.config, ended, today, now, keepSince);
  }
}
