/**
 * Pairing: `/kiosk?hall={hallId}&device={token}` is opened once on the kiosk. The
 * token is kept in this browser's storage and removed from the address bar at once,
 * so it never shows on screen again. Optional setup parameters: `idle` (seconds of
 * no touch before a screen goes back to the start, default 60) and `ticket` (seconds
 * a ticket stays on screen, default 30).
 */
export interface Pairing {
  hallId: string;
  token: string;
  idleSeconds: number;
  ticketSeconds: number;
}

const KEY = 'hall-kiosk.pairing';

const seconds = (value: string | null, fallback: number): number => {
  const n = Number(value);
  return value !== null && Number.isFinite(n) && n >= 3 && n <= 3600 ? Math.round(n) : fallback;
};

/** Reads (and stores) the pairing from the address, else the stored one. */
export function loadPairing(): Pairing | null {
  const url = new URL(window.location.href);
  const hallId = url.searchParams.get('hall');
  const token = url.searchParams.get('device');
  let stored: Pairing | null = null;
  try {
    stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Pairing | null;
  } catch {
    stored = null;
  }
  if (hallId && token) {
    const pairing: Pairing = {
      hallId,
      token,
      idleSeconds: seconds(url.searchParams.get('idle'), 60),
      ticketSeconds: seconds(url.searchParams.get('ticket'), 30),
    };
    localStorage.setItem(KEY, JSON.stringify(pairing));
    stored = pairing;
  }
  if (
    url.searchParams.has('device') ||
    url.searchParams.has('idle') ||
    url.searchParams.has('ticket')
  ) {
    for (const p of ['hall', 'device', 'idle', 'ticket']) url.searchParams.delete(p);
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  if (stored && typeof stored.hallId === 'string' && typeof stored.token === 'string') {
    return {
      hallId: stored.hallId,
      token: stored.token,
      idleSeconds: stored.idleSeconds || 60,
      ticketSeconds: stored.ticketSeconds || 30,
    };
  }
  return null;
}
