import type { Redis } from 'ioredis';
import { hallKeys } from '../store/keys.js';
import { ModuleScripts } from '../store/module-scripts.js';
import { toRecord } from '../store/reply.js';

type ScriptName =
  | 'book-appointment'
  | 'cancel-appointment'
  | 'reschedule-appointment'
  | 'mark-appointment-no-shows'
  | 'close-appointment-slots';

/** The day's phone index serves check-in only: it goes a day after the day's last slot booked with a phone. */
const PHONE_INDEX_KEEP_MS = 24 * 3600 * 1000;

/** An appointment as Redis keeps it (book-appointment-5.lua). */
export interface StoredAppointment {
  code: string;
  id: string;
  serviceId: string;
  kind: 'normal' | 'after_hours';
  clerkId?: string;
  slotMs: number;
  slotEndMs: number;
  day: string;
  status: 'booked' | 'cancelled' | 'no_show' | 'checked_in';
  createdAt: number;
  bookedBy: string;
  phone?: string;
  name?: string;
  notifyConsent: boolean;
  rescheduledFrom?: string;
  checkIn?: 'on_time' | 'late';
  checkedInAt?: number;
  ticketId?: string;
}

/** Where one booking lands: the day, the count it takes and the closures that stop it. */
export interface Placement {
  day: string;
  serviceId: string;
  slotMs: number;
  slotEndMs: number;
  slotIso: string;
  countField: string;
  capacity: number;
}

/** The closure fields a placement is checked against: the day, the service's day, the slot. */
export function closureFields(p: { day: string; serviceId: string; slotMs: number }): string[] {
  return [`${p.day}|*|*`, `${p.day}|${p.serviceId}|*`, `${p.day}|${p.serviceId}|${p.slotMs}`];
}

/** An appointment hash as read from Redis, or null when absent. */
export function parseAppointment(r: Record<string, string>): StoredAppointment | null {
  if (!r.code || !r.status) return null;
  const a: StoredAppointment = {
    code: r.code,
    id: r.id ?? '',
    serviceId: r.serviceId ?? '',
    kind: r.kind === 'after_hours' ? 'after_hours' : 'normal',
    slotMs: Number(r.slotMs),
    slotEndMs: Number(r.slotEndMs),
    day: r.day ?? '',
    status: r.status as StoredAppointment['status'],
    createdAt: Number(r.createdAt),
    bookedBy: r.bookedBy ?? '',
    notifyConsent: r.notifyConsent === '1',
  };
  if (r.clerkId) a.clerkId = r.clerkId;
  if (r.phone) a.phone = r.phone;
  if (r.name) a.name = r.name;
  if (r.rescheduledFrom) a.rescheduledFrom = r.rescheduledFrom;
  // written by the ticket script at check-in (store/lua/issue-ticket.lua)
  if (r.checkIn === 'on_time' || r.checkIn === 'late') a.checkIn = r.checkIn;
  if (r.checkedInAt) a.checkedInAt = Number(r.checkedInAt);
  if (r.ticketId) a.ticketId = r.ticketId;
  return a;
}

/** Appointment state of each hall: one Lua script per change, each with its event. */
export class AppointmentStore {
  private readonly scripts: ModuleScripts<ScriptName>;

  constructor(readonly redis: Redis) {
    this.scripts = new ModuleScripts(redis, new URL('./lua/', import.meta.url), 'appointments');
  }

  /** Books; false when the code is taken (the caller draws another). */
  async book(
    hallId: string,
    p: Placement,
    a: Omit<StoredAppointment, 'status' | 'slotMs' | 'slotEndMs' | 'day' | 'serviceId'>,
    slotIso: string,
    now: number,
    expireAt: number,
    event: object,
  ): Promise<boolean> {
    const k = hallKeys(hallId);
    const fields: Record<string, string> = {
      code: a.code,
      id: a.id,
      serviceId: p.serviceId,
      kind: a.kind,
      slotMs: String(p.slotMs),
      slotEndMs: String(p.slotEndMs),
      slotIso,
      day: p.day,
      createdAt: String(a.createdAt),
      bookedBy: a.bookedBy,
      notifyConsent: a.notifyConsent ? '1' : '0',
    };
    if (a.clerkId) fields.clerkId = a.clerkId;
    if (a.phone) fields.phone = a.phone;
    if (a.name) fields.name = a.name;
    const reply = await this.scripts.run(
      'book-appointment',
      [
        k.events,
        k.appointment(a.code),
        k.appointmentDay(p.day),
        k.appointmentCounts(p.day),
        k.appointmentClosures,
        k.appointmentPhones(p.day),
        k.appointmentPhoneEnds,
      ],
      [
        p.countField,
        p.capacity,
        ...closureFields(p),
        JSON.stringify(fields),
        a.code,
        p.slotMs,
        now,
        expireAt,
        JSON.stringify(event),
        p.slotEndMs + PHONE_INDEX_KEEP_MS,
      ],
    );
    return reply[0] === 'OK';
  }

  async cancel(
    hallId: string,
    a: StoredAppointment,
    now: number,
    by: string,
    onlyOf: string,
  ): Promise<void> {
    const k = hallKeys(hallId);
    await this.scripts.run(
      'cancel-appointment',
      [k.events, k.appointment(a.code), k.appointmentCounts(a.day)],
      [now, by, onlyOf],
    );
  }

  async reschedule(
    hallId: string,
    a: StoredAppointment,
    p: Placement,
    now: number,
    expireAt: number,
  ): Promise<void> {
    const k = hallKeys(hallId);
    await this.scripts.run(
      'reschedule-appointment',
      [
        k.events,
        k.appointment(a.code),
        k.appointmentDay(a.day),
        k.appointmentCounts(a.day),
        k.appointmentDay(p.day),
        k.appointmentCounts(p.day),
        k.appointmentClosures,
        k.appointmentPhones(p.day),
        k.appointmentPhoneEnds,
      ],
      [
        p.countField,
        p.capacity,
        ...closureFields(p),
        a.code,
        p.slotMs,
        p.slotEndMs,
        p.slotIso,
        p.serviceId,
        p.day,
        now,
        expireAt,
        p.slotEndMs + PHONE_INDEX_KEEP_MS,
      ],
    );
  }

  /** Records the no-shows of a day whose slots started at or before `latestSlotMs`. */
  async markNoShows(
    hallId: string,
    day: string,
    latestSlotMs: number,
    now: number,
  ): Promise<number> {
    const k = hallKeys(hallId);
    const reply = await this.scripts.run(
      'mark-appointment-no-shows',
      [k.events, k.appointmentDay(day)],
      [k.prefix, latestSlotMs, now],
    );
    return Number(reply[1]);
  }

  async setClosure(
    hallId: string,
    field: string,
    closed: boolean,
    now: number,
    event: object,
    expireAt: number,
  ): Promise<boolean> {
    const k = hallKeys(hallId);
    const reply = await this.scripts.run(
      'close-appointment-slots',
      [k.events, k.appointmentClosures],
      [field, closed ? '1' : '0', now, JSON.stringify(event), expireAt],
    );
    return reply[0] === 'OK';
  }

  async get(hallId: string, code: string): Promise<StoredAppointment | null> {
    return parseAppointment(await this.redis.hgetall(hallKeys(hallId).appointment(code)));
  }

  /** A day's appointments (every status), by slot, and its booked counts and closures. */
  async day(
    hallId: string,
    day: string,
  ): Promise<{
    appointments: StoredAppointment[];
    counts: Record<string, string>;
    closures: Set<string>;
  }> {
    const k = hallKeys(hallId);
    const codes = await this.redis.zrange(k.appointmentDay(day), 0, -1);
    const pipe = this.redis.pipeline();
    for (const code of codes) pipe.hgetall(k.appointment(code));
    pipe.hgetall(k.appointmentCounts(day));
    pipe.hkeys(k.appointmentClosures);
    const results = (await pipe.exec()) ?? [];
    const values = results.map(([err, v]) => {
      if (err) throw err;
      return v;
    });
    const closures = new Set((values.pop() as string[] | undefined) ?? []);
    const counts = (values.pop() as Record<string, string> | undefined) ?? {};
    const appointments = values
      .map((v) => parseAppointment(toRecordOf(v)))
      .filter((a): a is StoredAppointment => a !== null);
    return { appointments, counts, closures };
  }
}

/** The appointments of a day booked with this phone (check-in by phone), any status. */
export async function appointmentsByPhone(
  redis: Redis,
  hallId: string,
  day: string,
  phone: string,
): Promise<StoredAppointment[]> {
  const k = hallKeys(hallId);
  const codes = (await redis.hget(k.appointmentPhones(day), phone))?.split(',') ?? [];
  if (codes.length === 0) return [];
  const pipe = redis.pipeline();
  for (const code of codes) pipe.hgetall(k.appointment(code));
  const results = (await pipe.exec()) ?? [];
  return results
    .map(([err, v]) => {
      if (err) throw err;
      return parseAppointment(toRecordOf(v));
    })
    .filter((a): a is StoredAppointment => a !== null && a.day === day && a.phone === phone);
}

function toRecordOf(v: unknown): Record<string, string> {
  return Array.isArray(v) ? toRecord(v) : ((v ?? {}) as Record<string, string>);
}
