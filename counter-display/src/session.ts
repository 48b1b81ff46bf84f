import type { User } from '@hall/protocol';

/** The clerk's session in this browser: kept across reloads, dropped on logout or a refused token. */
export interface Session {
  token: string;
  user: User;
  hallId: string;
}

const KEY = 'hall-counter.session';

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    return s.token && s.user && s.hallId ? (s as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  try {
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable: the session lasts for this page only
  }
}

/** The hall named in the address (?hall=), if any. */
export function hallFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get('hall');
}
