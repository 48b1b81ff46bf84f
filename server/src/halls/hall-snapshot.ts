import type {
  HallSnapshot,
  Notice,
  PublicService,
  PublicWindow,
  TicketStatus,
  WindowStatus,
} from '@hall/protocol';
import type { WindowConfig } from '../config/hall-config.js';
import { toHallIso } from '../domain/business-day.js';
import { hoursOn } from '../domain/schedule.js';
import type { Clock } from '../auth/principal.js';
import type { HallConfig, StaffConfig } from '../config/hall-config.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import type { Availability } from '../domain/schedule.js';
import type { Estimate } from '../tickets/estimator.js';
import type { LiveHallConfig } from '../hall-admin/live-config.js';
import type { QueueStore, WindowRecord } from '../store/queue-store.js';
import type { Lang } from './presenter.js';

/** What a snapshot reads of a hall (HallService). */
export interface SnapshotSource {
  readonly id: string;
  readonly live: LiveHallConfig;
  readonly config: HallConfig;
  readonly store: QueueStore;
  readonly clock: Clock;
  readonly calendar: HolidayCalendar;
  configCheck: (() => Promise<void>) | null;
  notices: { active(hall: HallConfig, now: number, lang: Lang): Promise<Notice[]> } | null;
  today(now?: number): string;
  serviceAvailability(serviceId: string, now?: number): Availability;
  estimator(hall?: Awaited<ReturnType<QueueStore['readHall']>>): Promise<Estimate>;
  staff(userId: string): StaffConfig | undefined;
}

/**
 * The public state of the hall at one instant, with the id of the newest event it reflects
 * and the configuration version it was built with. Services removed while people waited are
 * still called at their windows but are not shown here (the kiosk no longer offers them).
 */
export async function hallSnapshot(h: SnapshotSource, lang: Lang): Promise<HallSnapshot> {
  // a node that missed a change announcement catches up before anyone reads the hall from it
  await h.configCheck?.();
  const config = h.live.saved;
  const effective = h.config;
  const now = h.clock.now();
  const hall = await h.store.readHall(effective);
  const { lastEventId, windows, lanes } = hall;
  const estimate = await h.estimator(hall);
  const day = h.today(now);
  const issued = await h.store.redis.hgetall(h.store.keys(h.id).dayNumbers(day));
  const services: PublicService[] = config.services.map((s) => {
    const l = lanes.get(s.id) ?? { front: 0, green: 0, normal: 0 };
    const waiting = l.front + l.green + l.normal;
    const quotaLeft =
      s.dailyQuota === null ? null : Math.max(0, s.dailyQuota - Number(issued[s.id] ?? 0));
    const a = h.serviceAvailability(s.id, now);
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
      if (a.opensAt !== null) service.opensAt = toHallIso(a.opensAt, config.timeZone);
    } else if (quotaLeft === 0) {
      service.closedReason = 'quota_exhausted';
    }
    return service;
  });
  return {
    id: h.id,
    name: (lang === 'en' ? config.nameEn : undefined) ?? config.name,
    timeZone: config.timeZone,
    businessDay: day,
    now: toHallIso(now, config.timeZone),
    services,
    windows: config.windows.map((w) => toPublicWindow(h, w, windows.get(w.id) ?? {}, lang)),
    notices: h.notices ? await h.notices.active(effective, now, lang) : [],
    hoursToday: hoursOn(config.schedule, day, h.calendar),
    lastEventId,
    configVersion: h.live.version,
  };
}

/** A window as the public sees it: its sign, the clerk on duty (挂牌上岗), its current number. */
export function toPublicWindow(
  h: SnapshotSource,
  w: WindowConfig,
  r: WindowRecord,
  lang: Lang,
): PublicWindow {
  const status = (r.status || 'closed') as WindowStatus;
  const name = (lang === 'en' ? w.nameEn : undefined) ?? w.name;
  const out: PublicWindow = { id: w.id, name, serviceIds: w.services, status };
  if (status !== 'closed' && r.clerkId) {
    const staff = h.staff(r.clerkId);
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
  if (r.rateTicket && deadline > h.clock.now()) {
    out.awaitingRating = {
      ticketId: r.rateTicket,
      deadline: toHallIso(deadline, h.config.timeZone),
    };
  }
  return out;
}
