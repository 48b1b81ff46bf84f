import { eventDataSchemas, type HallEvent, type HallEventType } from '@hall/protocol';
import type { Principal } from '../auth/principal.js';

/**
 * Who may receive an event. Everyone (hall screens, phones, kiosks) gets the
 * public events; supervisors and admins get everything of their hall; a window's
 * own channel — the clerk the event names, and the display or evaluator device
 * of that window — also gets the events about one clerk's service (a rating),
 * which the rest of the hall does not see.
 */
export type Audience = 'public' | 'supervisor' | { clerkId: string } | { windowId: string | null };

/** Alerts (time limits, 空岗, 脱岗, a clerk's bad rating), 回访 and transfer notes: supervisors only. */
const SUPERVISOR_ONLY: ReadonlySet<string> = new Set<HallEventType>([
  'rating.alert',
  'follow_up.created',
  'follow_up.closed',
  'follow_up.escalated',
  'alert.raised',
  'alert.escalated',
  'alert.acknowledged',
  'alert.cleared',
  // bookings and contacts concern residents: staff tools read them through the API
  'appointment.booked',
  'appointment.cancelled',
  'appointment.rescheduled',
  'appointment.no_show',
  'appointment.checked_in',
  'appointment.slots_changed',
  'contact.saved',
  'ticket.transfer_noted',
]);

/** A clerk's own service record: supervisors and that window's channel only. */
const WINDOW_ONLY: ReadonlySet<string> = new Set<HallEventType>(['rating.recorded']);

const allowedKeys = new Map<string, ReadonlySet<string>>(
  (Object.keys(eventDataSchemas) as HallEventType[]).map((type) => [
    type,
    new Set(Object.keys(eventDataSchemas[type].shape)),
  ]),
);

/** The audience of a socket's principal. */
export function audienceOf(principal: Principal | null | undefined): Audience {
  if (!principal) return 'public';
  if (principal.kind === 'staff')
    return principal.user.role === 'clerk' ? { clerkId: principal.user.id } : 'supervisor';
  const d = principal.device;
  if (d.kind === 'display' || d.kind === 'evaluator') return { windowId: d.windowId ?? null };
  return 'public';
}

/** Whether a subscriber with this audience receives the event. */
export function mayReceive(
  audience: Audience,
  event: Pick<HallEvent, 'type'> & { data?: unknown },
): boolean {
  if (audience === 'supervisor') return true;
  if (SUPERVISOR_ONLY.has(event.type)) return false;
  if (!WINDOW_ONLY.has(event.type)) return true;
  if (audience === 'public') return false;
  const data = (event.data ?? {}) as { clerkId?: unknown; windowId?: unknown };
  if ('clerkId' in audience) return data.clerkId === audience.clerkId;
  return audience.windowId === null || data.windowId === audience.windowId;
}

/**
 * The event as it may leave the server: only the data fields its protocol schema
 * names, so a field a script adds later (a phone number, a resident's name) never
 * reaches a screen until the contract says it may. Unknown types give null.
 */
export function toPublicEvent(event: HallEvent): HallEvent | null {
  const keys = allowedKeys.get(event.type);
  if (!keys) return null;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.data)) if (keys.has(key)) data[key] = value;
  return { ...event, data } as HallEvent;
}
