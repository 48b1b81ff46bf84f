import type { PriorityBody, Ticket } from '@hall/protocol';
import type { Redis } from 'ioredis';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import type { Lang } from '../halls/presenter.js';
import { hallKeys, hallOfTicket } from '../store/keys.js';
import { ModuleScripts } from '../store/module-scripts.js';
import { toRecord } from '../store/reply.js';

const scriptsOf = new WeakMap<Redis, ModuleScripts<'set-priority'>>();

function scripts(redis: Redis): ModuleScripts<'set-priority'> {
  let s = scriptsOf.get(redis);
  if (!s) {
    s = new ModuleScripts(redis, new URL('./lua/', import.meta.url), 'tickets');
    scriptsOf.set(redis, s);
  }
  return s;
}

/** A reason staff give for a priority: at least 2 characters once trimmed. */
export function requireReason(reason: string | undefined): string {
  const r = reason?.trim() ?? '';
  if ([...r].length < 2) throw new ApiError('reason_required');
  return r;
}

/**
 * A clerk or supervisor marks a waiting ticket green channel (绿色通道) or takes the mark off:
 * one script moves it between the green and normal lanes of its service keeping its place in
 * time, and appends `ticket.priority_changed` with who and why (tickets/lua/set-priority-5.lua).
 */
export async function changePriority(
  hall: HallService,
  principal: Principal,
  ticketId: string,
  body: PriorityBody,
  lang: Lang,
): Promise<Ticket> {
  if (principal.kind !== 'staff') throw new ApiError('forbidden');
  const reason = requireReason(body.reason);
  if (hallOfTicket(ticketId) !== hall.id) throw new ApiError('ticket_not_found');
  const redis = hall.store.redis;
  const k = hallKeys(hall.id);
  const serviceId = await redis.hget(k.ticket(ticketId), 'serviceId');
  if (serviceId === null) throw new ApiError('ticket_not_found');
  const reply = await scripts(redis).run(
    'set-priority',
    [
      k.events,
      k.ticket(ticketId),
      k.lane(serviceId, 'appointment'),
      k.lane(serviceId, 'green'),
      k.lane(serviceId, 'normal'),
    ],
    [body.green ? '1' : '0', principal.user.id, reason, hall.clock.now()],
  );
  return hall.present(toRecord(reply[2]), lang);
}
