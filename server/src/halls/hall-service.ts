import type {
  HallSnapshot,
  Notice,
  PublicWindow,
  Rating,
  Ticket,
  TicketStatus,
} from '@hall/protocol';
import type { HallConfig, StaffConfig, WindowConfig } from '../config/hall-config.js';
import type { Clock, Principal } from '../auth/principal.js';
import { businessDay, previousDay, toHallIso } from '../domain/business-day.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import { availability, type Availability } from '../domain/schedule.js';
import { ApiError } from '../errors.js';
import type { QueueStore, TicketRecord } from '../store/queue-store.js';
import { presentTicket, type Lang } from './presenter.js';
import { hallSnapshot, toPublicWindow } from './hall-snapshot.js';
import type { LiveHallConfig } from '../hall-admin/live-config.js';
import { estimator, type Estimate } from '../tickets/estimator.js';

const WAITING: ReadonlySet<string> = new Set<TicketStatus>(['waiting', 'transferred']);

/** Printing as the hall needs it (server/src/printing): a kiosk's ticket goes to its printer. */
export interface TicketPrinting {
  /** The printer a ticket issued by this caller prints on (its job is queued with the ticket). */
  printerForTicket(hall: HallConfig, principal: Principal): string | null;
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
 * Issuing lives in tickets/issue-ticket.ts.
 */
export class HallService {
  /** Set by the server when printing runs; tickets are issued without paper otherwise. */
  printing: TicketPrinting | null = null;
  /** Set by the server: the ticket's phone page link with its key (server/src/tickets). */
  phoneLinks: { url(ticketId: string): string } | null = null;
  /** Set by the server; bad ratings stay on the pending list for the follow-up job otherwise. */
  followUps: RatingFollowUps | null = null;
  /** Set by the server; without it the snapshot has no notices. */
  notices: HallNotices | null = null;

  /** Asked before each snapshot: brings this node's configuration up to the stored version. */
  configCheck: (() => Promise<void>) | null = null;

  constructor(
    /** The hall's configuration, live: read at use time (server/src/hall-admin). */
    readonly live: LiveHallConfig,
    readonly store: QueueStore,
    readonly clock: Clock,
    readonly calendar: HolidayCalendar,
  ) {}

  get config(): HallConfig {
    return this.live.current;
  }

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
    if (this.phoneLinks) ticket.phoneUrl = this.phoneLinks.url(ticket.id);
    return ticket;
  }

  /** The estimator of this instant (docs/wait-estimate.md), from one read of the hall. */
  async estimator(hall?: Awaited<ReturnType<QueueStore['readHall']>>): Promise<Estimate> {
    const k = this.store.keys(this.id);
    const meansRead = this.store.redis.pipeline();
    for (const s of this.config.services) meansRead.hget(k.service(s.id), 'estMs');
    const [means, state] = await Promise.all([
      meansRead.exec(),
      hall ?? this.store.readHall(this.config),
    ]);
    const learned = new Map(
      this.config.services.map((s, i) => [s.id, (means?.[i]?.[1] as string | null) ?? null]),
    );
    return estimator(this.config, {
      windowStatus: (id) => state.windows.get(id)?.status,
      waiting: (id) => {
        const l = state.lanes.get(id);
        return l ? l.front + l.green + l.normal : 0;
      },
      learnedMeanMs: (id) => learned.get(id),
    });
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
      if (!['evaluator', 'display'].includes(d.kind)) throw new ApiError('forbidden');
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
    return toPublicWindow(this, w, windows.get(w.id) ?? {}, lang);
  }

  /** The public state of the hall at one instant, with the id of the newest event it reflects. */
  snapshot(lang: Lang): Promise<HallSnapshot> {
    return hallSnapshot(this, lang);
  }

  /**
   * Ends the previous business day if the day has changed: its tickets still
   * waiting become 'expired' (counted in the day.rolled_over event). Safe to run
   * any number of times; the scheduler runs it just after midnight and at start-up.
   */
  async rollOver(now = this.clock.now()): Promise<number | null> {
    const today = this.today(now);
    const ended = previousDay(today);
    // the stream is trimmed by the reports' history once folded and archived (server/src/reports)
    return this.store.rollOverDay(this.config, ended, today, now);
  }
}
