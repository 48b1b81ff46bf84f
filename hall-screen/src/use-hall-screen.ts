import {
  connectHall,
  type ConnectionStatus,
  type HallSnapshot,
  type Notice,
  type ScreenSettings,
} from '@hall/protocol';
import { useEffect, useRef, useState } from 'react';
import { io } from 'socket.io-client';
import { ApiFailure, getHall, getTicket } from './api';
import { freshEnough, type CallEntry } from './call-text';
import type { Lang } from './i18n';

export interface HallScreenData {
  hall: HallSnapshot | null;
  status: ConnectionStatus;
  /** Newest first, each ticket once. */
  calls: CallEntry[];
  notices: Notice[];
  /** Service names in the screen's language. */
  serviceNames: ReadonlyMap<string, string>;
  /** The hall's name in the screen's language. */
  hallName: string | null;
  error: 'hall_not_found' | null;
}

const POLL_MS = 60_000;

/** The windows' called tickets, for a screen that starts (or starts over) from a snapshot. */
function callsFromSnapshot(hall: HallSnapshot): CallEntry[] {
  return hall.windows
    .filter((w) => w.currentTicketId && w.currentNumber && w.currentStatus === 'called')
    .map((w) => ({
      key: `snapshot:${w.currentTicketId ?? ''}`,
      ticketId: w.currentTicketId ?? '',
      number: w.currentNumber ?? '',
      serviceId: hall.services.find((s) => w.currentNumber?.startsWith(s.prefix))?.id ?? '',
      windowId: w.id,
      windowName: w.name,
      recall: false,
      at: '',
    }));
}

/** When each ticket was called (the snapshot does not say), so that the newest shows first. */
async function callTimes(
  calls: CallEntry[],
  token: string | undefined,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    calls.map(async (c) => {
      try {
        const ticket = await getTicket(c.ticketId, token);
        if (ticket.calledAt) out.set(c.ticketId, ticket.calledAt);
      } catch {
        // unknown: it keeps its place
      }
    }),
  );
  return out;
}

/** Newest call first; calls without a time keep their place after those with one. */
function byNewest(calls: CallEntry[]): CallEntry[] {
  const time = (c: CallEntry) => (c.at ? Date.parse(c.at) : -Infinity);
  return [...calls].sort((a, b) => time(b) - time(a));
}

/**
 * The hall as the screen shows it, live: the realtime client's state, every call
 * event once and in order (also those missed while the screen was away, which it
 * replays after a reconnect), and the notices and service names in the screen's
 * language, read again every minute so that notices start and end on time.
 */
export function useHallScreen(
  hallId: string | null,
  token: string | undefined,
  lang: Lang,
  settings: ScreenSettings | null,
  /** Each call once; `speak` is false for a call replayed after a reconnect that is too old to announce. */
  onCall: (call: CallEntry, speak: boolean) => void,
): HallScreenData {
  const [hall, setHall] = useState<HallSnapshot | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [calls, setCalls] = useState<CallEntry[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [serviceNames, setServiceNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [hallName, setHallName] = useState<string | null>(null);
  const [error, setError] = useState<HallScreenData['error']>(null);
  const onCallRef = useRef(onCall);
  onCallRef.current = onCall;

  useEffect(() => {
    if (!hallId || !settings) return undefined;
    const keep = settings.recentCalls + 1;
    let lastNotices: Notice[] | null = null;
    // server time minus this browser's time, so that a PC clock that is off does not age calls
    let offset = 0;
    const learnOffset = (serverNow: string) => {
      const t = Date.parse(serverNow);
      if (!Number.isNaN(t)) offset = t - Date.now();
    };
    let stopped = false;

    const connection = connectHall({
      url: '',
      hallId,
      token,
      io,
      lang,
      refetchDelayMs: 500,
      socketOptions: { reconnectionDelay: 500, reconnectionDelayMax: 2000 },
    });
    const offState = connection.on('state', (state, event) => {
      setHall(state);
      if (state.notices !== lastNotices) {
        lastNotices = state.notices;
        setNotices(state.notices);
      }
      if (!event) {
        learnOffset(state.now);
        // a fresh snapshot: add the windows' called tickets the list does not have yet
        const seeded = callsFromSnapshot(state);
        setCalls((prev) => {
          const known = new Set(prev.map((c) => c.ticketId));
          return [...prev, ...seeded.filter((c) => !known.has(c.ticketId))].slice(0, keep);
        });
        void callTimes(seeded, token).then((times) => {
          if (stopped || times.size === 0) return;
          setCalls((prev) =>
            byNewest(prev.map((c) => ({ ...c, at: c.at || times.get(c.ticketId) || '' }))),
          );
        });
      }
    });
    const offEvent = connection.on('event', (event, { replayed }) => {
      if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') return;
      const d = event.data;
      const call: CallEntry = {
        key: event.id,
        ticketId: d.ticketId,
        number: d.number,
        serviceId: d.serviceId,
        windowId: d.windowId,
        windowName: d.windowName,
        recall: event.type === 'ticket.recalled',
        at: event.at,
      };
      setCalls((prev) =>
        [call, ...prev.filter((c) => c.ticketId !== call.ticketId)].slice(0, keep),
      );
      const speak =
        !replayed || freshEnough(event.at, Date.now() + offset, settings.speakMaxAgeSeconds);
      onCallRef.current(call, speak);
    });
    const offStatus = connection.on('status', (s) => {
      setStatus(s);
      if (s === 'live') void poll();
    });
    const offError = connection.on('error', (e) => {
      if (e.code === 'hall_not_found') setError('hall_not_found');
    });

    const poll = async () => {
      try {
        const snapshot = await getHall(hallId, lang);
        if (stopped) return;
        learnOffset(snapshot.now);
        setNotices(snapshot.notices);
        setServiceNames(new Map(snapshot.services.map((s) => [s.id, s.name])));
        setHallName(snapshot.name);
        setError(null);
      } catch (err) {
        if (!stopped && err instanceof ApiFailure && err.code === 'hall_not_found')
          setError('hall_not_found');
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      offState();
      offEvent();
      offStatus();
      offError();
      connection.close();
    };
  }, [hallId, token, lang, settings]);

  return { hall, status, calls, notices, serviceNames, hallName, error };
}
