import { useEffect } from 'react';
import { api } from './api';
import type { Session } from './session';

const EVERY_MS = 60_000;

/**
 * Tells the server the clerk is at the console, at most once a minute and only
 * after a key press or a mouse move since the last time, so an open console at an
 * empty desk is still signed out after the hall's idle time.
 */
export function usePresence(session: Session, windowId: string): void {
  useEffect(() => {
    let used = true;
    const mark = () => {
      used = true;
    };
    const events = ['keydown', 'pointerdown', 'pointermove'] as const;
    for (const e of events) window.addEventListener(e, mark, { passive: true });
    const send = () => {
      if (!used) return;
      used = false;
      void api
        .windowAction(session.hallId, windowId, 'presence', session.token, 'zh')
        .catch(() => undefined);
    };
    send();
    const timer = setInterval(send, EVERY_MS);
    return () => {
      clearInterval(timer);
      for (const e of events) window.removeEventListener(e, mark);
    };
  }, [session, windowId]);
}
