import type { ConnectionStatus, HallEvent, Ticket } from '@hall/protocol';
import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { api, ApiFailure } from './api';
import type { Lang } from './i18n';
import type { Session } from './session';

/**
 * The tickets this window will call, read again after any ticket event (debounced), a day's
 * roll-over, and a reconnect (the list may have changed meanwhile).
 */
export function useUpcoming(o: {
  session: Session;
  windowId: string;
  lang: Lang;
  status: ConnectionStatus;
  onEvent: (listener: (event: HallEvent) => void) => () => void;
  onUnauthorized: () => void;
}): { upcoming: Ticket[]; setUpcoming: Dispatch<SetStateAction<Ticket[]>>; reload: () => void } {
  const { session, windowId, lang, status, onEvent, onUnauthorized } = o;
  const [upcoming, setUpcoming] = useState<Ticket[]>([]);
  const load = useCallback(async () => {
    try {
      setUpcoming(await api.upcoming(session.hallId, windowId, session.token, lang));
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) onUnauthorized();
    }
  }, [session, windowId, lang, onUnauthorized]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onEvent((event) => {
      if (event.type.startsWith('ticket.') || event.type === 'day.rolled_over') {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void load(), 120);
      }
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [onEvent, load]);
  useEffect(() => {
    if (status === 'live') void load();
  }, [status, load]);
  const reload = useCallback(() => void load(), [load]);
  return { upcoming, setUpcoming, reload };
}
