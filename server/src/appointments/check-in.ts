import type { IssueTicketBody } from '@hall/protocol';
import type { Redis } from 'ioredis';
import type { HallConfig } from '../config/hall-config.js';
import { toHallIso } from '../domain/business-day.js';
import { checkInVerdict, type CheckInVerdict } from '../domain/check-in.js';
import { ApiError } from '../errors.js';
import { hallKeys } from '../store/keys.js';
import {
  appointmentsByPhone,
  parseAppointment,
  type StoredAppointment,
} from './appointment-store.js';

/**
 * Counts a caller's check-in lookups this minute in the same round trip as the first read, so
 * nobody tries codes or phone numbers faster than they may take tickets (the issue script's own
 * limit counts only requests that reach it).
 */
async function limited(
  redis: Redis,
  hallId: string,
  caller: string,
  perMinute: number,
  read: (pipe: ReturnType<Redis['pipeline']>) => void,
): Promise<unknown> {
  const key = hallKeys(hallId).checkInRate(caller);
  const pipe = redis.pipeline().incr(key).pexpire(key, 60_000, 'NX');
  read(pipe);
  const results = (await pipe.exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  if (perMinute > 0 && Number(results[0]?.[1]) > perMinute)
    throw new ApiError('rate_limited', { retryAfter: 60 });
  return results[2]?.[1];
}

/** The appointment a ticket request checks in with, as read before the issue script. */
export interface CheckInPlan {
  code: string;
  serviceId: string;
  /** 预约延时服务: booked outside opening hours, so the service being closed does not refuse it. */
  afterHours: boolean;
  /** What the verdict is now; the issue script decides again in its atomic step. */
  verdict: 'on_time' | 'late';
}

const RANK: Record<CheckInVerdict['verdict'], number> = {
  on_time: 0,
  late: 1,
  early: 2,
  used: 3,
  cancelled: 4,
};

/**
 * Finds the appointment of a ticket request (by code, or by the phone it was booked with
 * today) and refuses, with its named code, what may not become a ticket: not found, another
 * service than the one asked for, too early (with `comeBackAt`), used, cancelled. The issue
 * script checks the same again atomically (store/lua/issue-ticket.lua), so two kiosks racing
 * with one code get one ticket.
 */
export async function planCheckIn(
  redis: Redis,
  hall: HallConfig,
  body: IssueTicketBody,
  now: number,
  today: string,
  caller: string,
): Promise<CheckInPlan | null> {
  const window = hall.appointments;
  const perMinute = hall.rateLimits.ticketsPerMinutePerDevice;
  let candidates: StoredAppointment[];
  const code = body.appointmentCode;
  if (code !== undefined) {
    const raw = await limited(redis, hall.id, caller, perMinute, (pipe) =>
      pipe.hgetall(hallKeys(hall.id).appointment(code)),
    );
    const a = parseAppointment((raw ?? {}) as Record<string, string>);
    candidates = a ? [a] : [];
  } else if (body.appointmentPhone !== undefined) {
    await limited(redis, hall.id, caller, perMinute, () => undefined);
    candidates = await appointmentsByPhone(redis, hall.id, today, body.appointmentPhone);
    if (body.serviceId !== undefined) {
      const same = candidates.filter((a) => a.serviceId === body.serviceId);
      if (same.length > 0) candidates = same;
    }
  } else {
    return null;
  }
  const judged = candidates
    .map((a) => ({
      a,
      v: checkInVerdict({ status: a.status, slotStartMs: a.slotMs }, now, window),
    }))
    .sort((x, y) => RANK[x.v.verdict] - RANK[y.v.verdict] || x.a.slotMs - y.a.slotMs);
  const best = judged[0];
  if (!best) throw new ApiError('appointment_not_found');
  const { a, v } = best;
  if (body.serviceId !== undefined && a.serviceId !== body.serviceId)
    throw new ApiError('appointment_other_service');
  switch (v.verdict) {
    case 'early':
      throw new ApiError('appointment_too_early', {
        comeBackAt: toHallIso(v.comeBackAt, hall.timeZone),
      });
    case 'used':
      throw new ApiError('appointment_used');
    case 'cancelled':
      throw new ApiError('appointment_cancelled');
    case 'on_time':
    case 'late':
      return {
        code: a.code,
        serviceId: a.serviceId,
        afterHours: a.kind === 'after_hours',
        verdict: v.verdict,
      };
  }
}
