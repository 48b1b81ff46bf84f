import {
  applyEvent,
  compareEventIds,
  connectHall,
  eventChangesEstimates,
  eventNeedsRefetch,
  mergeFetchedSnapshot,
  type HallEvent,
  type HallSnapshot,
  type PrintState,
} from '@hall/protocol';
import { io } from 'socket.io-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure, getHall } from './api';
import type { Lang } from './i18n';

/** ok; offline: the server is not reached; unavailable: it answers 503 (e.g. Redis down). */
export type HallHealth = 'ok' | 'offline' | 'unavailable' | 'not_found';

export interface HallView {
  hall: HallSnapshot | null;
  health: HallHealth;
  /** Subscribes to the hall's events (e.g. print.updated of the ticket on screen). */
  onEvent: (listener: (event: HallEvent) => void) => () => void;
  /**
   * The newest print state of a ticket seen on the event stream: the printer may finish before
   * the ticket's screen is shown (its response and the event travel different ways).
   */
  printOf: (ticketId: string) => PrintState | undefined;
}

/** Print states kept for tickets not (yet) on screen. */
const PRINTS_KEPT = 50;

const POLL_OK_MS = 15_000;
const POLL_PROBLEM_MS = 3_000;
/** After events that change wait estimates, the server's numbers are read at most this often. */
const ESTIMATES_MS = 5_000;

/**
 * The hall as the kiosk shows it: the public snapshot in the screen's language, with
 * each live event applied to it at once (waiting counts, quotas, windows); the server's
 * own numbers (wait estimates) are read again at most every few seconds after events
 * that change them, texts (notices, a new day) soon after theirs; and polled so that a
 * lost server or Redis is noticed and the screen recovers by itself once it is back
 * (docs/decisions/025-clients-apply-events.md).
 */
export function useHall(hallId: string | null, lang: Lang): HallView {
  const [hall, setHall] = useState<HallSnapshot | null>(null);
  const [health, setHealth] = useState<HallHealth>('ok');
  const listeners = useRef(new Set<(event: HallEvent) => void>());
  const prints = useRef(new Map<string, PrintState>());

  useEffect(() => {
    if (!hallId) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let inFlight = false;
    let again = false;
    // while the live connection is down, check the server often so the screen follows it
    let realtimeDown = false;

    let due = Infinity;
    // the sooner of two schedules wins, so a stream of events cannot postpone a read forever
    const schedule = (ms: number) => {
      if (timer && due <= Date.now() + ms) return;
      if (timer) clearTimeout(timer);
      due = Date.now() + ms;
      timer = setTimeout(() => {
        timer = null;
        due = Infinity;
        void refresh();
      }, ms);
    };
    const refresh = async (): Promise<void> => {
      if (stopped) return;
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      let next: HallHealth = 'ok';
      try {
        const snapshot = await getHall(hallId, lang);
        // a read that an applied event overtook keeps what the events told
        if (!stopped)
          setHall((h) =>
            h && compareEventIds(snapshot.lastEventId, h.lastEventId) < 0
              ? mergeFetchedSnapshot(h, snapshot)
              : snapshot,
          );
      } catch (err) {
        const code = err instanceof ApiFailure ? err.code : 'network';
        next =
          code === 'hall_not_found' ? 'not_found' : code === 'network' ? 'offline' : 'unavailable';
      } finally {
        inFlight = false;
      }
      if (stopped) return;
      setHealth(next);
      if (again) {
        again = false;
        schedule(50);
      } else {
        schedule(next === 'ok' && !realtimeDown ? POLL_OK_MS : POLL_PROBLEM_MS);
      }
    };

    const connection = connectHall({
      url: '',
      hallId,
      io: io,
      fetch: false,
      socketOptions: { reconnectionDelayMax: 3000 },
    });
    const offEvent = connection.on('event', (event) => {
      if (event.type === 'print.updated' && event.data.kind === 'ticket') {
        const d = event.data;
        prints.current.delete(d.ticketId); // the newest last, the oldest dropped first
        prints.current.set(d.ticketId, {
          status: d.status,
          printerId: d.printerId,
          ...(d.problem ? { problem: d.problem } : {}),
        });
        if (prints.current.size > PRINTS_KEPT)
          prints.current.delete(prints.current.keys().next().value as string);
      }
      for (const l of listeners.current) l(event);
      setHall((h) =>
        h && compareEventIds(event.id, h.lastEventId) > 0 ? applyEvent(h, event) : h,
      );
      if (eventNeedsRefetch(event)) schedule(150);
      else if (eventChangesEstimates(event)) schedule(ESTIMATES_MS);
    });
    const offStatus = connection.on('status', (status) => {
      // lost, reconnecting or back: find out now whether the server answers, not at the next poll
      realtimeDown = status !== 'live';
      schedule(50);
    });
    void refresh();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      offEvent();
      offStatus();
      connection.close();
    };
  }, [hallId, lang]);

  const onEvent = useCallback((listener: (event: HallEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const printOf = useCallback((ticketId: string) => prints.current.get(ticketId), []);
  return { hall, health, onEvent, printOf };
}
