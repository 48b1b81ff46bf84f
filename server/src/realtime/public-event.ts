import { eventDataSchemas, type HallEvent, type HallEventType } from '@hall/protocol';
import type { Principal } from '../auth/principal.js';

/**
 * Who may receive an event: everyone (hall screens, phones, window displays), or
 * only supervisors and admins (alerts about a clerk's bad rating and its 回访).
 */
export type Audience = 'public' | 'supervisor';

const SUPERVISOR_ONLY: ReadonlySet<string> = new Set<HallEventType>([
  'rating.alert',
  'follow_up.created',
  'follow_up.closed',
  'follow_up.escalated',
]);

const allowedKeys = new Map<string, ReadonlySet<string>>(
  (Object.keys(eventDataSchemas) as HallEventType[]).map((type) => [
    type,
    new Set(Object.keys(eventDataSchemas[type].shape)),
  ]),
);

/** The audience of a socket's principal: supervisors and admins see alerts, everyone else public events. */
export function audienceOf(principal: Principal | null | undefined): Audience {
  return principal?.kind === 'staff' && principal.user.role !== 'clerk' ? 'supervisor' : 'public';
}

/** Whether a subscriber with this audience receives the event. */
export function mayReceive(audience: Audience, event: HallEvent): boolean {
  return audience === 'supervisor' || !SUPERVISOR_ONLY.has(event.type);
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
