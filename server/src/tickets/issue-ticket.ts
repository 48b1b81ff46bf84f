import { randomBytes } from 'node:crypto';
import type { IssueTicketBody, Ticket } from '@hall/protocol';
import type { Principal } from '../auth/principal.js';
import { toHallIso } from '../domain/business-day.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { Lang } from '../halls/presenter.js';
import { estimator } from './estimator.js';

/**
 * A ticket from a kiosk or a clerk: one script checks the caller's rate limit, issues the
 * ticket, queues its print job on the kiosk's printer and returns the estimate's inputs, so the
 * request costs one round trip to Redis (docs/performance.md). A repeated requestId returns the
 * first ticket with its print state.
 */
export async function issueTicket(
  hall: HallService,
  principal: Principal,
  body: IssueTicketBody,
  lang: Lang,
): Promise<{ ticket: Ticket; duplicate: boolean }> {
  const config = hall.config;
  // a service removed from the configuration is still served, but no longer issues tickets
  const service = hall.live.isRetired(body.serviceId)
    ? undefined
    : config.services.find((s) => s.id === body.serviceId);
  if (!service) throw new ApiError('service_not_found', { field: 'serviceId' });
  const now = hall.clock.now();
  const deviceId = principal.kind === 'device' ? principal.device.id : `staff-${principal.user.id}`;
  const open = hall.serviceAvailability(service.id, now);
  if (!open.open) {
    // a retry of a ticket issued just before closing still gets that ticket
    if (body.requestId) {
      const existing = await hall.store.redis.get(
        hall.store.keys(hall.id).request(deviceId, body.requestId),
      );
      if (existing) {
        const t = await hall.store.getTicket(hall.id, existing);
        if (t) return { ticket: await hall.present(t, lang), duplicate: true };
      }
    }
    throw new ApiError(
      'service_closed',
      open.opensAt === null ? {} : { opensAt: toHallIso(open.opensAt, config.timeZone) },
    );
  }
  const result = await hall.store.issueTicket(config, {
    ticketId: `${hall.id}.${randomBytes(12).toString('base64url')}`,
    serviceId: service.id,
    prefix: service.prefix,
    priority: body.priority ?? 'normal',
    now,
    day: hall.today(now),
    quota: service.dailyQuota,
    deviceId,
    printerId: hall.printing?.printerForTicket(config, principal) ?? null,
    printStaleBefore: now - config.printing.jobMaxAgeMinutes * 60_000,
    perMinute: config.rateLimits.ticketsPerMinutePerDevice,
    ...(body.requestId !== undefined ? { requestId: body.requestId } : {}),
    ...(body.appointmentCode !== undefined ? { appointmentCode: body.appointmentCode } : {}),
    ...(body.phone !== undefined ? { phone: body.phone } : {}),
  });
  const ticket = result.inputs
    ? await hall.present(
        result.ticket,
        lang,
        result.waitingAhead ?? undefined,
        estimator(config, result.inputs),
      )
    : await hall.present(result.ticket, lang);
  return { ticket, duplicate: result.duplicate };
}
