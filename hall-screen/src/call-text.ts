/** What the hall screen knows of one call. */
export interface CallEntry {
  /** The event id: one entry per call event. */
  key: string;
  ticketId: string;
  number: string;
  serviceId: string;
  windowId: string;
  windowName: string;
  recall: boolean;
  /** ISO time of the call ('' when only the snapshot told of it). */
  at: string;
}

/**
 * The sentence spoken for a call, from the hall's template:
 * {number} the ticket number, {window} the window's name, {windowId} its id.
 */
export function callText(
  template: string,
  call: Pick<CallEntry, 'number' | 'windowId' | 'windowName'>,
): string {
  return template
    .replaceAll('{number}', call.number)
    .replaceAll('{windowId}', call.windowId)
    .replaceAll('{window}', call.windowName);
}

/** Minutes since midnight in the hall's time zone. */
export function hallMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** Whether `now` falls in one of the periods "HH:MM-HH:MM" (hall time; a period may pass midnight). */
export function inQuietHours(periods: readonly string[], now: Date, timeZone: string): boolean {
  if (periods.length === 0) return false;
  const m = hallMinutes(now, timeZone);
  return periods.some((p) => {
    const [from = '', to = ''] = p.split('-');
    const toMin = (hm: string) => {
      const [h = 0, mm = 0] = hm.split(':').map(Number);
      return h * 60 + mm;
    };
    const a = toMin(from);
    const b = toMin(to);
    return a <= b ? m >= a && m < b : m >= a || m < b;
  });
}

/** Whether a call received now should still be spoken (not one from long before a reconnect). */
export function freshEnough(at: string, nowMs: number, maxAgeSeconds: number): boolean {
  const t = Date.parse(at);
  return Number.isNaN(t) || nowMs - t <= maxAgeSeconds * 1000;
}
