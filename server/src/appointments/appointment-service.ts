import { randomBytes, randomInt } from 'node:crypto';
import type {
  Appointment,
  AppointmentDay,
  AppointmentKind,
  AppointmentSlot,
  BookAppointmentBody,
  SlotClosureBody,
} from '@hall/protocol';
import { DateTime } from 'luxon';
import type { Clock, Principal } from '../auth/principal.js';
import type { Lang } from '../halls/presenter.js';
import type { HallConfig, ServiceConfig } from '../config/hall-config.js';
import { slotsOn, outsideOpeningHours, type Slot } from '../domain/appointment-slots.js';
import { businessDay, toHallIso } from '../domain/business-day.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import { checkInWindow } from '../domain/check-in.js';
import { ApiError } from '../errors.js';
import {
  closureFields,
  type AppointmentStore,
  type Placement,
  type StoredAppointment,
} from './appointment-store.js';

/** Codes use digits and capitals without look-alikes (no 0/O, 1/I/L): 31^8 ≈ 8.5·10^11 codes. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;
const KEEP_MS = 40 * 24 * 3600 * 1000;

/** A fresh appointment code: crypto-random, so neither guessable nor sequential. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

function maskName(name: string): string {
  return `${[...name][0] ?? ''}*`;
}

/** Who booked or acts: a staff id, or device:<id> for a booking site. */
function actor(principal: Principal): string {
  return principal.kind === 'staff' ? principal.user.id : `device:${principal.device.id}`;
}

/**
 * Appointment slots per service (预约服务, DOMAIN rule 11): generated from the opening hours,
 * capacity per slot, closable days and slots; bookings by staff and by a booking site's device;
 * cancel, reschedule, and no-shows recorded when the check-in window has passed (on read).
 */
export class AppointmentService {
  constructor(
    private readonly store: AppointmentStore,
    private readonly clock: Clock,
    private readonly calendar: HolidayCalendar,
  ) {}

  private service(hall: HallConfig, serviceId: string): ServiceConfig {
    const s = hall.services.find((x) => x.id === serviceId);
    if (!s) throw new ApiError('service_not_found');
    return s;
  }

  /** A service's slot length, capacity and whether it takes appointments. */
  settings(hall: HallConfig, serviceId: string) {
    const own = hall.appointments.services[serviceId] ?? {};
    return {
      enabled: own.enabled ?? true,
      slotMinutes: own.slotMinutes ?? hall.appointments.slotMinutes,
      capacity: own.capacity ?? hall.appointments.capacity,
    };
  }

  slots(hall: HallConfig, service: ServiceConfig, date: string): Slot[] {
    const s = this.settings(hall, service.id);
    if (!s.enabled) return [];
    return slotsOn(
      service.schedule ?? hall.schedule,
      date,
      hall.timeZone,
      this.calendar,
      s.slotMinutes,
    );
  }

  /** Whether `day` is one residents may book now: today up to bookDaysAhead. */
  private bookableDay(hall: HallConfig, day: string): boolean {
    const today = DateTime.fromISO(businessDay(this.clock.now(), hall.timeZone), { zone: 'UTC' });
    const d = DateTime.fromISO(day, { zone: 'UTC' });
    const ahead = d.diff(today, 'days').days;
    return ahead >= 0 && ahead <= hall.appointments.bookDaysAhead;
  }

  /** Where a booking for this service and start goes, or the error that refuses it. */
  private place(
    hall: HallConfig,
    serviceId: string,
    slotStart: string,
    kind: AppointmentKind,
    clerkId: string | undefined,
  ): Placement {
    const service = this.service(hall, serviceId);
    const ms = Date.parse(slotStart);
    const day = businessDay(ms, hall.timeZone);
    const now = this.clock.now();
    if (!this.bookableDay(hall, day) || ms <= now) throw new ApiError('slot_unavailable');
    const settings = this.settings(hall, serviceId);
    if (!settings.enabled) throw new ApiError('slot_unavailable');
    const base = { day, serviceId, slotMs: ms, slotIso: toHallIso(ms, hall.timeZone) };
    if (kind === 'after_hours') {
      if (clerkId === undefined) throw new ApiError('invalid_request', { field: 'clerkId' });
      if (!hall.staff.some((s) => s.id === clerkId)) throw new ApiError('clerk_not_found');
      const end = ms + settings.slotMinutes * 60_000;
      const schedule = service.schedule ?? hall.schedule;
      if (ms % 60_000 !== 0) throw new ApiError('slot_unavailable');
      if (!outsideOpeningHours(schedule, ms, end, hall.timeZone, this.calendar))
        throw new ApiError('during_opening_hours');
      return { ...base, slotEndMs: end, countField: `after|${clerkId}|${ms}`, capacity: 1 };
    }
    if (clerkId !== undefined) throw new ApiError('invalid_request', { field: 'clerkId' });
    const slot = this.slots(hall, service, day).find((s) => s.startMs === ms);
    if (!slot) throw new ApiError('slot_unavailable');
    return {
      ...base,
      slotEndMs: slot.endMs,
      countField: `${serviceId}|${ms}`,
      capacity: settings.capacity,
    };
  }

  async book(
    hall: HallConfig,
    principal: Principal,
    body: BookAppointmentBody,
    lang: Lang = 'zh',
  ): Promise<Appointment> {
    const kind = body.kind ?? 'normal';
    const p = this.place(hall, body.serviceId, body.slotStart, kind, body.clerkId);
    const now = this.clock.now();
    const id = `ap_${randomBytes(9).toString('base64url')}`;
    const event = { appointmentId: id, serviceId: p.serviceId, slotStart: p.slotIso, kind };
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newCode();
      const stored = {
        code,
        id,
        kind,
        createdAt: now,
        bookedBy: actor(principal),
        notifyConsent: body.notifyConsent === true && body.phone !== undefined,
        ...(body.clerkId !== undefined ? { clerkId: body.clerkId } : {}),
        ...(body.phone !== undefined ? { phone: body.phone } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
      };
      const booked = await this.store.book(
        hall.id,
        p,
        stored,
        p.slotIso,
        now,
        p.slotEndMs + KEEP_MS,
        event,
      );
      if (booked) return this.present(hall, principal, await this.mustGet(hall, code), lang);
    }
    throw new Error('no free appointment code after 5 draws');
  }

  private async mustGet(hall: HallConfig, code: string): Promise<StoredAppointment> {
    const a = await this.store.get(hall.id, code);
    if (!a) throw new ApiError('appointment_not_found');
    return a;
  }

  /** An appointment by its code (check-in), after recording its no-show if it is due. */
  async find(hall: HallConfig, code: string): Promise<StoredAppointment | null> {
    const a = await this.store.get(hall.id, code);
    if (a?.status !== 'booked') return a;
    await this.sweep(hall, a.day);
    return this.store.get(hall.id, code);
  }

  private sweeper: NodeJS.Timeout | null = null;

  /**
   * Records no-shows every `everyMs` for today and yesterday of each hall, so the event stream
   * (and what reads it) has them within that time even if nobody looks at the day. Every node
   * may run it: marking is idempotent.
   */
  startSweeping(halls: HallConfig[], everyMs: number, onError: (err: unknown) => void): void {
    this.sweeper = setInterval(() => {
      for (const hall of halls) {
        const today = businessDay(this.clock.now(), hall.timeZone);
        const yesterday = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: 1 }).toISODate();
        for (const day of [yesterday ?? today, today]) this.sweep(hall, day).catch(onError);
      }
    }, everyMs);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /** Records the no-shows of a day: booked appointments whose check-in window has closed. */
  async sweep(hall: HallConfig, day: string): Promise<number> {
    const now = this.clock.now();
    const latest = now - hall.appointments.checkInLateMinutes * 60_000;
    return this.store.markNoShows(hall.id, day, latest, now);
  }

  async cancel(
    hall: HallConfig,
    principal: Principal,
    code: string,
    lang: Lang = 'zh',
  ): Promise<Appointment> {
    const a = await this.find(hall, code);
    const onlyOf = principal.kind === 'device' ? actor(principal) : '';
    if (!a || (onlyOf !== '' && a.bookedBy !== onlyOf)) throw new ApiError('appointment_not_found');
    await this.store.cancel(hall.id, a, this.clock.now(), actor(principal), onlyOf);
    return this.present(hall, principal, await this.mustGet(hall, code), lang);
  }

  async reschedule(
    hall: HallConfig,
    principal: Principal,
    code: string,
    body: { slotStart: string; serviceId?: string | undefined },
    lang: Lang = 'zh',
  ): Promise<Appointment> {
    const a = await this.find(hall, code);
    if (!a) throw new ApiError('appointment_not_found');
    if (a.status !== 'booked') throw new ApiError('appointment_not_active');
    const p = this.place(hall, body.serviceId ?? a.serviceId, body.slotStart, a.kind, a.clerkId);
    await this.store.reschedule(hall.id, a, p, this.clock.now(), p.slotEndMs + KEEP_MS);
    return this.present(hall, principal, await this.mustGet(hall, code), lang);
  }

  /** Closes or reopens a day, a service's day or one slot; bookings already made stay. */
  async setClosure(hall: HallConfig, body: SlotClosureBody): Promise<void> {
    if (body.serviceId !== undefined) this.service(hall, body.serviceId);
    let slotMs: number | null = null;
    if (body.slotStart !== undefined) {
      if (body.serviceId === undefined)
        throw new ApiError('invalid_request', { field: 'serviceId' });
      slotMs = Date.parse(body.slotStart);
      if (businessDay(slotMs, hall.timeZone) !== body.date)
        throw new ApiError('invalid_request', { field: 'slotStart' });
    }
    const field = `${body.date}|${body.serviceId ?? '*'}|${slotMs ?? '*'}`;
    const event = {
      date: body.date,
      closed: body.closed,
      ...(body.serviceId !== undefined ? { serviceId: body.serviceId } : {}),
      ...(slotMs !== null ? { slotStart: toHallIso(slotMs, hall.timeZone) } : {}),
    };
    const expireAt =
      DateTime.fromISO(body.date, { zone: hall.timeZone }).endOf('day').toMillis() + KEEP_MS;
    await this.store.setClosure(hall.id, field, body.closed, this.clock.now(), event, expireAt);
  }

  /** A day's slots per service (capacity, booked, closed) and its appointments. */
  async day(
    hall: HallConfig,
    principal: Principal,
    date: string,
    serviceId?: string,
    lang: Lang = 'zh',
  ): Promise<AppointmentDay> {
    if (serviceId !== undefined) this.service(hall, serviceId);
    if (date <= businessDay(this.clock.now(), hall.timeZone)) await this.sweep(hall, date);
    const { appointments, counts, closures } = await this.store.day(hall.id, date);
    const now = this.clock.now();
    const tz = hall.timeZone;
    const services = hall.services
      .filter((s) => serviceId === undefined || s.id === serviceId)
      .map((service) => {
        const { capacity } = this.settings(hall, service.id);
        const serviceClosed =
          closures.has(`${date}|*|*`) || closures.has(`${date}|${service.id}|*`);
        const slots: AppointmentSlot[] = this.slots(hall, service, date).map((slot) => {
          const booked = Number(counts[`${service.id}|${slot.startMs}`] ?? 0);
          const closed = closureFields({
            day: date,
            serviceId: service.id,
            slotMs: slot.startMs,
          }).some((f) => closures.has(f));
          return {
            start: toHallIso(slot.startMs, tz),
            end: toHallIso(slot.endMs, tz),
            capacity,
            booked,
            left: Math.max(0, capacity - booked),
            closed,
            past: slot.startMs <= now,
          };
        });
        const name = lang === 'en' && service.nameEn ? service.nameEn : service.name;
        return { serviceId: service.id, name, closed: serviceClosed, slots };
      });
    const mine = principal.kind === 'device' ? actor(principal) : null;
    return {
      date,
      closed: closures.has(`${date}|*|*`),
      services,
      appointments: appointments
        .filter((a) => serviceId === undefined || a.serviceId === serviceId)
        .filter((a) => mine === null || a.bookedBy === mine)
        .map((a) => this.present(hall, principal, a, lang)),
    };
  }

  /** The appointment as this caller may see it: a device gets the phone and name masked. */
  present(
    hall: HallConfig,
    principal: Principal,
    a: StoredAppointment,
    lang: Lang = 'zh',
  ): Appointment {
    const tz = hall.timeZone;
    const service = hall.services.find((s) => s.id === a.serviceId);
    const device = principal.kind === 'device';
    const w = checkInWindow(a.slotMs, hall.appointments);
    const out: Appointment = {
      code: a.code,
      id: a.id,
      serviceId: a.serviceId,
      serviceName:
        (lang === 'en' && service?.nameEn ? service.nameEn : service?.name) ?? a.serviceId,
      kind: a.kind,
      slotStart: toHallIso(a.slotMs, tz),
      slotEnd: toHallIso(a.slotEndMs, tz),
      checkInFrom: toHallIso(w.from, tz),
      checkInUntil: toHallIso(w.until, tz),
      status: a.status,
      createdAt: toHallIso(a.createdAt, tz),
      bookedBy: a.bookedBy,
      notifyConsent: a.notifyConsent,
    };
    if (a.clerkId) out.clerkId = a.clerkId;
    if (a.phone) out.phone = device ? maskPhone(a.phone) : a.phone;
    if (a.name) out.name = device ? maskName(a.name) : a.name;
    if (a.rescheduledFrom) out.rescheduledFrom = a.rescheduledFrom;
    if (a.checkIn) out.checkIn = a.checkIn;
    if (a.checkedInAt !== undefined) out.checkedInAt = toHallIso(a.checkedInAt, tz);
    if (a.ticketId && !device) out.ticketId = a.ticketId;
    return out;
  }
}
