import type { HallEvent } from './events.js';
import type { HallSnapshot } from './hall.js';
import {
  applyEvent,
  compareEventIds,
  eventChangesEstimates,
  eventNeedsRefetch,
  mergeFetchedSnapshot,
} from './hall-state.js';
import type { SubscribeAck, SubscribeRequest } from './socket.js';

/*
 * The realtime client every app uses: kiosk, counter console, hall screen, device
 * agents and tests. It has no dependency of its own and nothing that needs
 * Node or a browser: the app hands in socket.io-client's `io` (and `fetch`).
 */

/** The part of a socket.io-client socket this client uses. */
export interface RealtimeSocket {
  readonly connected: boolean;
  /* eslint-disable @typescript-eslint/no-explicit-any -- socket.io's own listener types */
  on(event: string, listener: (...args: any[]) => void): unknown;
  emit(event: string, ...args: any[]): unknown;
  /* eslint-enable @typescript-eslint/no-explicit-any */
  connect(): unknown;
  disconnect(): unknown;
}

/** socket.io-client's `io` function (or anything shaped like it). */
export type RealtimeIo = (url: string, options: Record<string, unknown>) => RealtimeSocket;

export type ConnectionStatus = 'connecting' | 'live' | 'offline';

export interface HallConnectionOptions {
  /** The server's origin, e.g. `http://localhost:8080`; `''` means the page's own origin. */
  url: string;
  hallId: string;
  /** io from socket.io-client. */
  io: RealtimeIo;
  /** Staff session or device token; a function is asked again on every reconnect. */
  token?: string | (() => string | undefined);
  path?: string;
  /** Passed on to io (e.g. `{ transports: ['websocket'] }`). */
  socketOptions?: Record<string, unknown>;
  /**
   * Fetches `GET /api/v1/halls/{hallId}` for what events do not carry: `refetchDelayMs`
   * (default 2000) after an event with text only the server has (a notice, a pause note, a
   * new day's quotas), and at most once per `estimatesEveryMs` (default 30,000, spread by
   * up to a fifth) after events that change wait estimates. Everything else the client
   * applies from the events themselves. Defaults to the global fetch where there is one;
   * `false` keeps the state to what the snapshot and events say.
   */
  fetch?: typeof fetch | false;
  refetchDelayMs?: number;
  estimatesEveryMs?: number;
  /** Accept-Language of the refetch ('zh' by default). */
  lang?: string;
}

export interface RealtimeError {
  code: string;
  message: string;
}

export interface HallConnectionEvents {
  /** The state changed: a new snapshot (no event), one event applied, or a refetch merged. */
  state: (state: HallSnapshot, event?: HallEvent) => void;
  /** Each event once, in id order; `replayed` when it was missed while offline. */
  event: (event: HallEvent, info: { replayed: boolean }) => void;
  status: (status: ConnectionStatus) => void;
  /**
   * The server refused the token or the subscription; no retry follows until `reconnect()`,
   * except after `internal_error` and `rate_limited`, which retry on their own.
   */
  error: (error: RealtimeError) => void;
}

export interface HallConnection {
  readonly hallId: string;
  readonly state: HallSnapshot | null;
  readonly status: ConnectionStatus;
  /** The newest event reflected in `state`. */
  readonly lastEventId: string | null;
  on<K extends keyof HallConnectionEvents>(name: K, listener: HallConnectionEvents[K]): () => void;
  /** Connects again after an `error` (e.g. with a new token). */
  reconnect(): void;
  close(): void;
}

const RETRY_MS = 1000;

/**
 * Connects to a hall's live state: subscribes, keeps the last event id, and after
 * any disconnect subscribes again from it, so the app sees every event once and in
 * order, or a fresh snapshot when the server no longer has the events it missed.
 */
export function connectHall(options: HallConnectionOptions): HallConnection {
  const { hallId } = options;
  const listeners: { [K in keyof HallConnectionEvents]: Set<HallConnectionEvents[K]> } = {
    state: new Set(),
    event: new Set(),
    status: new Set(),
    error: new Set(),
  };
  let state: HallSnapshot | null = null;
  let lastEventId: string | null = null;
  let status: ConnectionStatus = 'connecting';
  let closed = false;
  // events that arrive while a subscription is being acknowledged wait here
  let buffer: HallEvent[] | null = null;
  let generation = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let refetchTimer: ReturnType<typeof setTimeout> | null = null;

  const fire = <K extends keyof HallConnectionEvents>(
    name: K,
    ...args: Parameters<HallConnectionEvents[K]>
  ) => {
    for (const l of listeners[name]) {
      try {
        (l as (...a: Parameters<HallConnectionEvents[K]>) => void)(...args);
      } catch (err) {
        // one faulty listener must not stop the others or the stream
        console.error(err);
      }
    }
  };
  const setStatus = (s: ConnectionStatus) => {
    if (s === status) return;
    status = s;
    fire('status', s);
  };

  // the global fetch is bound: browsers refuse it called on anything but the window
  const doFetch =
    options.fetch === false
      ? null
      : (options.fetch ?? (globalThis.fetch ? globalThis.fetch.bind(globalThis) : null));
  let refetchDue = Infinity;
  const scheduleRefetch = (delayMs: number) => {
    if (!doFetch || closed) return;
    const due = Date.now() + delayMs;
    // a pending fetch that comes sooner serves this event too
    if (refetchTimer && refetchDue <= due) return;
    if (refetchTimer) clearTimeout(refetchTimer);
    refetchDue = due;
    refetchTimer = setTimeout(() => {
      refetchTimer = null;
      refetchDue = Infinity;
      const base = options.url.replace(/\/$/, '');
      const token = typeof options.token === 'function' ? options.token() : options.token;
      // with the token: staff and devices get the ticket ids the anonymous snapshot leaves out
      doFetch(`${base}/api/v1/halls/${encodeURIComponent(hallId)}`, {
        headers: {
          'accept-language': options.lang ?? 'zh',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      })
        .then(async (res) => {
          if (!res.ok || !state || closed) return;
          const fetched = (await res.json()) as HallSnapshot;
          if (!state || closed) return;
          state = mergeFetchedSnapshot(state, fetched);
          // a read taken whole (a new configuration) is the state up to its own last event
          if (lastEventId !== null && compareEventIds(state.lastEventId, lastEventId) > 0)
            lastEventId = state.lastEventId;
          // a new configuration read before the events already applied: read it again
          if ((fetched.configVersion ?? 0) > (state.configVersion ?? 0))
            scheduleRefetch(options.refetchDelayMs ?? 2000);
          fire('state', state);
        })
        .catch(() => undefined);
    }, delayMs);
  };
  const estimatesEvery = options.estimatesEveryMs ?? 30_000;

  const apply = (event: HallEvent, replayed: boolean) => {
    if (!state || lastEventId === null || event.hallId !== hallId) return;
    if (compareEventIds(event.id, lastEventId) <= 0) return;
    state = applyEvent(state, event);
    lastEventId = event.id;
    fire('event', event, { replayed });
    fire('state', state, event);
    if (eventNeedsRefetch(event)) scheduleRefetch(options.refetchDelayMs ?? 2000);
    else if (eventChangesEstimates(event))
      scheduleRefetch(estimatesEvery * (1 + Math.random() / 5));
  };

  const authOption = (cb: (data: Record<string, unknown>) => void) => {
    const token = typeof options.token === 'function' ? options.token() : options.token;
    cb(token ? { token } : {});
  };
  const socket = options.io(options.url, {
    path: options.path ?? '/socket.io',
    ...options.socketOptions,
    auth: authOption,
  });

  const subscribe = () => {
    if (closed || !socket.connected) return;
    const mine = ++generation;
    const since = lastEventId;
    buffer = [];
    setStatus('connecting');
    const request: SubscribeRequest = {
      hallId,
      batch: true,
      ...(since === null ? {} : { since }),
      ...(options.lang === 'en' || options.lang === 'zh' ? { lang: options.lang } : {}),
    };
    socket.emit('subscribe', request, (ack: SubscribeAck) => {
      if (mine !== generation || closed) return;
      const waiting = buffer ?? [];
      buffer = null;
      if ('error' in ack) {
        fire('error', ack.error);
        if (ack.error.code === 'internal_error' || ack.error.code === 'rate_limited') {
          // spread out: many screens refused at once must not all come back at once
          const wait = (ack.error.retryAfterMs ?? RETRY_MS) + Math.random() * RETRY_MS;
          retry = setTimeout(() => {
            retry = null;
            subscribe();
          }, wait);
        } else {
          setStatus('offline');
        }
        return;
      }
      if ('snapshot' in ack) {
        // a fresh start: the server no longer has (or never had) what came after `since`
        state = ack.snapshot;
        lastEventId = ack.lastEventId;
        fire('state', state);
      }
      for (const ev of waiting) apply(ev, since !== null && !('snapshot' in ack));
      setStatus('live');
    });
  };

  socket.on('connect', subscribe);
  socket.on('hall:event', (event: HallEvent) => {
    if (buffer) buffer.push(event);
    else apply(event, false);
  });
  // batched delivery (we subscribe with `batch: true`): every event of one stream read
  socket.on('hall:events', (events: HallEvent[]) => {
    if (!Array.isArray(events)) return;
    if (buffer) buffer.push(...events);
    else for (const event of events) apply(event, false);
  });
  socket.on('disconnect', (reason: string) => {
    generation++;
    buffer = null;
    setStatus('offline');
    // the server sent us away (e.g. it is restarting): socket.io does not come back on its own then
    if (reason === 'io server disconnect' && !closed) socket.connect();
  });
  socket.on('connect_error', (err: Error & { data?: unknown }) => {
    setStatus('offline');
    // refused by the server's auth check (not a network failure): socket.io stops retrying
    if (err.message === 'unauthorized') {
      fire('error', { code: 'unauthorized', message: '身份验证失败 unauthorized' });
    }
  });

  // an io that hands back a socket already connected has fired its 'connect' before we listened
  if (socket.connected) subscribe();

  return {
    hallId,
    get state() {
      return state;
    },
    get status() {
      return status;
    },
    get lastEventId() {
      return lastEventId;
    },
    on(name, listener) {
      listeners[name].add(listener);
      return () => {
        listeners[name].delete(listener);
      };
    },
    reconnect() {
      if (closed) return;
      if (socket.connected) subscribe();
      else socket.connect();
    },
    close() {
      closed = true;
      generation++;
      if (retry) clearTimeout(retry);
      if (refetchTimer) clearTimeout(refetchTimer);
      socket.disconnect();
      setStatus('offline');
    },
  };
}
