import {
  connectHall,
  type ConnectionStatus,
  type HallEvent,
  type HallSnapshot,
} from '@hall/protocol';
import { io } from 'socket.io-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Lang } from './i18n';

export interface HallView {
  hall: HallSnapshot | null;
  status: ConnectionStatus;
  /** Each live event once, in order (e.g. to refresh the waiting list). */
  onEvent: (listener: (event: HallEvent) => void) => () => void;
}

/**
 * The hall's live public state through the shared realtime client: a snapshot,
 * then every event applied in order; after a lost connection it subscribes again
 * from the last event it saw, so the screen recovers by itself.
 */
export function useHall(
  hallId: string | null,
  lang: Lang,
  /** The clerk's or the display device's token: its window's own events (ratings) come too. */
  token?: string | null,
): HallView {
  const [hall, setHall] = useState<HallSnapshot | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const listeners = useRef(new Set<(event: HallEvent) => void>());

  useEffect(() => {
    if (!hallId) return undefined;
    const connection = connectHall({
      url: '',
      hallId,
      io,
      lang,
      ...(token ? { token } : {}),
      refetchDelayMs: 500,
      socketOptions: { reconnectionDelay: 500, reconnectionDelayMax: 3000 },
    });
    const offState = connection.on('state', (state) => setHall(state));
    const offStatus = connection.on('status', (s) => setStatus(s));
    const offEvent = connection.on('event', (event) => {
      for (const l of listeners.current) l(event);
    });
    return () => {
      offState();
      offStatus();
      offEvent();
      connection.close();
    };
  }, [hallId, lang, token]);

  const onEvent = useCallback((listener: (event: HallEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  return { hall, status, onEvent };
}
