import type { IssueTicketBody, Ticket } from '@hall/protocol';
import { planCheckIn, type CheckInPlan } from '../appointments/check-in.js';
import type { Principal } from '../auth/principal.js';
import { toHallIso } from '../domain/business-day.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { Lang } from '../halls/presenter.js';
import { newTicketId } from './ticket-id.js';

/**
 * Who issues for a resident and may give the green channel: a signed-in clerk or supervisor,
 * or a kiosk of the service desk (its device id); null for a resident's own kiosk.
 */
export function staffIssuer(principal: Principal): string | null {
  if (principal.kind === 'staff') return principal.user.id;
  return principal.device.serviceDesk === true ? principal.device.id : null;
}

/**
 * A ticket from a kiosk or a clerk: one script checks the caller's rate limit, issues the
 * ticket, queues its print job on the kiosk's printer and returns the estimate's inputs, so the
 * request costs one round trip to Redis (docs/performance.md). A repeated requestId returns the
 * first ticket with its print state. With `appointmentCode` or `appointmentPhone` the
 * appointment is read first (appointments/check-in.ts) and checked in by the same script.
 */
export async function issueTicket(
  hall: HallService,
  principal: Principal,
  body: IssueTicketBody,
  lang: Lang,
): Promise<{ ticket: Ticket; duplicate: boolean }> {
  const config = hall.config;
  const now = hall.clock.now();
  const green = body.green === true || body.priority === 'green';
  const issuer = staffIssuer(principal);
  if (green && issuer === null && config.rules.greenChannel === 'ask_staff')
    throw new ApiError('green_needs_staff');
  const reason = body.reason?.trim() ?? '';
  if (green && issuer !== null && [...reason].length < 2) throw new ApiError('reason_required');
  const deviceId = principal.kind === 'device' ? principal.device.id : `staff-${principal.user.id}`;
  // a retry (same requestId) gets the ticket the first request got
  const retried = async (): Promise<{ ticket: Ticket; duplicate: boolean } | null> => {
    if (!body.requestId) return null;
    const existing = await hall.store.redis.get(
      hall.store.keys(hall.id).request(deviceId, body.requestId),
    );
    const t = existing ? await hall.store.getTicket(hall.id, existing) : null;
    return t ? { ticket: await hall.present(t, lang), duplicate: true } : null;
  };
  let checkIn: CheckInPlan | null = null;
  if (body.appointmentCode !== undefined || body.appointmentPhone !== undefined) {
    try {
      checkIn = await planCheckIn(hall.store.redis, config, body, now, hall.today(now), deviceId);
    } catch (err) {
      const first = err instanceof ApiError && err.code === 'appointment_used' && (await retried());
      if (first) return first;
      throw err;
    }
  }
  const serviceId = checkIn?.serviceId ?? body.serviceId;
  // a service removed from the configuration is still served, but no longer issues tickets
  const service =
    serviceId === undefined || hall.live.isRetired(serviceId)
      ? undefined
      : config.services.find((s) => s.id === serviceId);
  if (!service) throw new ApiError('service_not_found', { field: 'serviceId' });
  const open = hall.serviceAvailability(service.id, now);
  // 预约延时服务 is booked outside opening hours: checked in on time, it is served then
  const afterHours = checkIn?.afterHours === true && checkIn.verdict === 'on_time';
  if (!open.open && !afterHours) {
    // a retry of a ticket issued just before closing still gets that ticket
    const first = await retried();
    if (first) return first;
    throw new ApiError(
      'service_closed',
      open.opensAt === null ? {} : { opensAt: toHallIso(open.opensAt, config.timeZone) },
    );
  }
  const result = await hall.store.issueTicket(config, {
    ticketId: newTicketId(hall.id),
    serviceId: service.id,
    prefix: service.prefix,
    priority: green ? 'green' : 'normal',
    now,
    day: hall.today(now),
    quota: service.dailyQuota,
    deviceId,
    printerId: hall.printing?.printerForTicket(config, principal) ?? null,
    printStaleBefore: now - config.printing.jobMaxAgeMinutes * 60_000,
    perMinute: config.rateLimits.ticketsPerMinutePerDevice,
    ...(body.requestId !== undefined ? { requestId: body.requestId } : {}),
    ...(checkIn
      ? {
          appointmentCode: checkIn.code,
          checkInEarlyMs: config.appointments.checkInEarlyMinutes * 60_000,
          checkInLateMs: config.appointments.checkInLateMinutes * 60_000,
        }
      : {}),
    ...(issuer !== null ? { byStaff: issuer, reason: green ? reason : '' } : {}),
    ...(body.phone !== undefined ? { phone: body.phone } : {}),
  });
  const ticket = result.estimate
    ? await hall.present(result.ticket, lang, result.waitingAhead ?? undefined, result.estimate)
    : await hall.present(result.ticket, lang);
  return { ticket, duplicate: result.duplicate };
}
