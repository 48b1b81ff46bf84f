import {
  SubscribeRequest,
  type ClientToServerEvents,
  type HallEvent,
  type ServerToClientEvents,
  type SubscribeAck,
  errorMessages,
} from '@hall/protocol';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { Authenticator } from '../auth/authenticator.js';
import type { HallService } from '../halls/hall-service.js';
import { hallKeys } from '../store/keys.js';
import { compareIds, STREAM_ID, toHallEvent, type StreamEntry } from './event-reader.js';

type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** One subscriber's delivery state: events go out strictly after `lastSent`, in order, once. */
interface Subscriber {
  socket: HallSocket;
  lastSent: string;
  /** While catching up, live events wait here. */
  pending: HallEvent[] | null;
}

/**
 * Delivers each hall's event stream to its subscribers on this node. Each node
 * tails the Redis stream itself (XREAD BLOCK), so every node sees every event of
 * every node, in stream order; a subscriber that names the last id it saw gets
 * exactly what it missed, else a snapshot.
 */
export class RealtimeHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly tails = new Map<string, { stop: () => void }>();
  private closed = false;

  constructor(
    private readonly io: Server<ClientToServerEvents, ServerToClientEvents>,
    private readonly redis: Redis,
    private readonly halls: Map<string, HallService>,
    private readonly auth: Authenticator,
    private readonly logger: Logger,
  ) {
    io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      this.auth
        .resolve(typeof token === 'string' && token ? `Bearer ${token}` : undefined)
        .then((principal) => {
          socket.data = { principal };
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
    io.on('connection', (socket) => {
      socket.on('subscribe', (request, ack) => {
        const reply = typeof ack === 'function' ? ack : () => undefined;
        this.subscribe(socket, request).then(reply, (err: unknown) => {
          this.logger.error({ err }, 'subscribe failed');
          reply({ error: { code: 'internal_error', message: errorMessages.internal_error.zh } });
        });
      });
      socket.on('disconnect', () => {
        for (const [hallId, subs] of this.subscribers) {
          for (const s of subs) if (s.socket === socket) subs.delete(s);
          if (subs.size === 0) this.stopTail(hallId);
        }
      });
    });
  }

  private async subscribe(socket: HallSocket, request: unknown): Promise<SubscribeAck> {
    const parsed = SubscribeRequest.safeParse(request);
    if (!parsed.success)
      return { error: { code: 'invalid_request', message: errorMessages.invalid_request.zh } };
    const { hallId, since } = parsed.data;
    const hall = this.halls.get(hallId);
    if (!hall)
      return { error: { code: 'hall_not_found', message: errorMessages.hall_not_found.zh } };
    const principal = (socket.data as { principal?: { hallId: string } | null }).principal;
    if (principal && principal.hallId !== hallId)
      return { error: { code: 'forbidden', message: errorMessages.forbidden.zh } };

    // register first, so nothing that happens while we catch up is lost; it waits in `pending`
    const sub: Subscriber = { socket, lastSent: '0-0', pending: [] };
    const set = this.subscribers.get(hallId) ?? new Set<Subscriber>();
    for (const s of set) if (s.socket === socket) set.delete(s);
    set.add(sub);
    this.subscribers.set(hallId, set);

    const k = hallKeys(hallId);
    let ack: SubscribeAck;
    if (since !== undefined && STREAM_ID.test(since) && (await this.canReplayFrom(hallId, since))) {
      const entries = (await this.redis.xrange(k.events, `(${since}`, '+')) as StreamEntry[];
      sub.lastSent = since;
      for (const entry of entries)
        this.deliver(sub, toHallEvent(hallId, hall.config.timeZone, entry));
      ack = { lastEventId: sub.lastSent };
    } else {
      const snapshot = await hall.snapshot('zh');
      sub.lastSent = snapshot.lastEventId;
      ack = { snapshot, lastEventId: snapshot.lastEventId };
    }
    // a new tail starts exactly where this subscriber's catch-up ended
    this.startTail(hall, sub.lastSent);
    const waiting = sub.pending ?? [];
    sub.pending = null;
    // the acknowledgement goes first: it tells the client where the events that follow start
    setImmediate(() => {
      for (const ev of waiting) this.deliver(sub, ev);
    });
    return ack;
  }

  /** Whether every event after `since` is still in the stream (not trimmed, not from the future). */
  private async canReplayFrom(hallId: string, since: string): Promise<boolean> {
    const k = hallKeys(hallId);
    const [trimmedBefore, last] = await Promise.all([
      this.redis.get(`${k.events}:trimmed-before`),
      this.redis.xrevrange(k.events, '+', '-', 'COUNT', 1),
    ]);
    if (trimmedBefore && compareIds(since, trimmedBefore) < 0) return false;
    const lastId = last[0]?.[0] ?? '0-0';
    return compareIds(since, lastId) <= 0;
  }

  private deliver(sub: Subscriber, event: HallEvent): void {
    if (sub.pending) {
      sub.pending.push(event);
      return;
    }
    if (compareIds(event.id, sub.lastSent) <= 0) return;
    sub.lastSent = event.id;
    sub.socket.emit('hall:event', event);
  }

  private startTail(hall: HallService, from: string): void {
    if (this.tails.has(hall.id) || this.closed) return;
    const reader = this.redis.duplicate();
    reader.on('error', (err) => this.logger.warn({ err }, 'event tail connection error'));
    let running = true;
    const k = hallKeys(hall.id);
    const loop = async () => {
      let last = from;
      while (running) {
        try {
          const result = await reader.xread('COUNT', 500, 'BLOCK', 2000, 'STREAMS', k.events, last);
          for (const [, entries] of result ?? []) {
            for (const entry of entries) {
              last = entry[0];
              const event = toHallEvent(hall.id, hall.config.timeZone, entry);
              for (const sub of this.subscribers.get(hall.id) ?? []) this.deliver(sub, event);
            }
          }
        } catch (err) {
          if (!running) break;
          this.logger.warn({ err }, 'event tail failed; retrying');
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      reader.disconnect();
    };
    void loop();
    this.tails.set(hall.id, {
      stop: () => {
        running = false;
        reader.disconnect();
      },
    });
  }

  private stopTail(hallId: string): void {
    this.tails.get(hallId)?.stop();
    this.tails.delete(hallId);
    this.subscribers.delete(hallId);
  }

  close(): void {
    this.closed = true;
    for (const hallId of [...this.tails.keys()]) this.stopTail(hallId);
  }
}
