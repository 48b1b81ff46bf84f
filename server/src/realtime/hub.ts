import {
  SubscribeRequest,
  type ClientToServerEvents,
  type HallEvent,
  type ServerToClientEvents,
  type SubscribeAck,
  errorMessages,
  type ErrorCode,
} from '@hall/protocol';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import type { HallService } from '../halls/hall-service.js';
import type { Lang } from '../halls/presenter.js';
import { hallKeys } from '../store/keys.js';
import { compareIds, STREAM_ID, toHallEvent, type StreamEntry } from './event-reader.js';
import { audienceOf, mayReceive, toPublicEvent, type Audience } from './public-event.js';

type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
type Reply = (ack: SubscribeAck) => void;

/** One subscriber's delivery state: events go out strictly after `lastSent`, in order, once. */
interface Subscriber {
  socket: HallSocket;
  audience: Audience;
  lastSent: string;
  /** While the subscriber catches up, what the tail reads waits here. */
  pending: HallEvent[] | null;
}

/** This node's reader of one hall's stream. */
interface Tail {
  /** The newest entry the tail has handed to the subscribers (or where it started). */
  pos: string;
  stop(): void;
}

/**
 * Delivers each hall's event stream to its subscribers on this node. Each node
 * tails the Redis stream itself (XREAD BLOCK), so every node sees every event of
 * every node, in stream order (docs/decisions/011-realtime-stream-tailing.md).
 *
 * A subscriber is registered before anything is read for it, so whatever the
 * tail reads meanwhile waits in its `pending` list. Its catch-up (the events after
 * `since`, or a snapshot) then runs up to where the tail stands; from there on
 * the tail carries it. Ids at or below `lastSent` are never sent again.
 */
export class RealtimeHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly tails = new Map<string, Tail>();
  private closed = false;

  constructor(
    private readonly io: Server<ClientToServerEvents, ServerToClientEvents>,
    private readonly redis: Redis,
    private readonly halls: Map<string, HallService>,
    private readonly auth: Authenticator,
    private readonly logger: Logger,
  ) {
    io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
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
        const reply: Reply = typeof ack === 'function' ? ack : () => undefined;
        this.subscribe(socket, request, reply).catch((err: unknown) => {
          this.logger.error({ err }, 'subscribe failed');
          const hallId = (request as { hallId?: unknown } | null)?.hallId;
          this.forget(socket, typeof hallId === 'string' ? hallId : undefined);
          reply(this.error('internal_error', socket));
        });
      });
      socket.on('disconnect', () => this.forget(socket));
    });
  }

  private lang(socket: HallSocket, asked?: Lang): Lang {
    if (asked) return asked;
    const header = socket.handshake.headers['accept-language'];
    return typeof header === 'string' && header.toLowerCase().startsWith('en') ? 'en' : 'zh';
  }

  private error(code: ErrorCode, socket: HallSocket, asked?: Lang): SubscribeAck {
    return { error: { code, message: errorMessages[code][this.lang(socket, asked)] } };
  }

  private async subscribe(socket: HallSocket, request: unknown, reply: Reply): Promise<void> {
    const parsed = SubscribeRequest.safeParse(request);
    if (!parsed.success) return reply(this.error('invalid_request', socket));
    const { hallId, since, lang } = parsed.data;
    const hall = this.halls.get(hallId);
    if (!hall) return reply(this.error('hall_not_found', socket, lang));
    const principal = (socket.data as { principal?: Principal | null }).principal;
    if (principal && principal.hallId !== hallId)
      return reply(this.error('forbidden', socket, lang));

    // registered first: from here on, whatever the tail reads waits in `pending`
    const sub: Subscriber = {
      socket,
      audience: audienceOf(principal),
      lastSent: '0-0',
      pending: [],
    };
    const set = this.subscribers.get(hallId) ?? new Set<Subscriber>();
    for (const s of set) if (s.socket === socket) set.delete(s);
    set.add(sub);
    this.subscribers.set(hallId, set);

    const missed =
      since !== undefined && STREAM_ID.test(since) ? await this.eventsSince(hallId, since) : null;
    if (!this.stillThere(hallId, sub)) return;
    let snapshotAck: SubscribeAck | null = null;
    if (missed && since !== undefined) {
      sub.lastSent = since;
      for (const entry of missed) this.send(sub, this.read(hall, entry));
    } else {
      const snapshot = await hall.snapshot(this.lang(socket, lang));
      if (!this.stillThere(hallId, sub)) return;
      sub.lastSent = snapshot.lastEventId;
      snapshotAck = { snapshot, lastEventId: snapshot.lastEventId };
      // the snapshot goes first: the events that follow start after its lastEventId
      reply(snapshotAck);
    }

    // the tail may already be past what we read: fetch the stretch between
    const tail = this.tails.get(hallId) ?? this.startTail(hall, sub.lastSent);
    while (compareIds(tail.pos, sub.lastSent) > 0) {
      const upTo = tail.pos;
      const entries = (await this.redis.xrange(
        hallKeys(hallId).events,
        `(${sub.lastSent}`,
        upTo,
      )) as StreamEntry[];
      if (!this.stillThere(hallId, sub)) return;
      for (const entry of entries) this.send(sub, this.read(hall, entry));
      if (compareIds(sub.lastSent, upTo) < 0) sub.lastSent = upTo;
    }

    const waiting = sub.pending ?? [];
    sub.pending = null;
    for (const ev of waiting) this.deliver(sub, ev);
    if (!snapshotAck) reply({ lastEventId: sub.lastSent });
  }

  /**
   * Every event after `since`, or null when some of them are gone (trimmed) or
   * `since` lies beyond the stream (e.g. a Redis that lost its data): the client
   * then gets a snapshot. One MULTI, so a trim cannot fall between check and read.
   */
  private async eventsSince(hallId: string, since: string): Promise<StreamEntry[] | null> {
    const k = hallKeys(hallId);
    const results = await this.redis
      .multi()
      .get(`${k.events}:trimmed-before`)
      .xrevrange(k.events, '+', '-', 'COUNT', 1)
      .xrange(k.events, `(${since}`, '+')
      .exec();
    if (!results) return null;
    for (const [err] of results) if (err) throw err;
    const trimmedBefore = results[0]?.[1] as string | null;
    const last = results[1]?.[1] as StreamEntry[];
    if (trimmedBefore && compareIds(since, trimmedBefore) < 0) return null;
    const lastId = last[0]?.[0] ?? '0-0';
    if (compareIds(since, lastId) > 0) return null;
    return results[2]?.[1] as StreamEntry[];
  }

  /** Whether the subscriber is still registered (its socket may have gone while we read). */
  private stillThere(hallId: string, sub: Subscriber): boolean {
    if (this.subscribers.get(hallId)?.has(sub) && sub.socket.connected) return true;
    this.drop(hallId, sub);
    return false;
  }

  /**
   * Hands one event from the tail to every subscriber of the hall. Those that are
   * live and due for it get it in one broadcast, which socket.io encodes once
   * however many sockets it goes to.
   */
  private fanOut(hallId: string, event: HallEvent): void {
    const targets: string[] = [];
    for (const sub of this.subscribers.get(hallId) ?? []) {
      if (sub.pending) sub.pending.push(event);
      else if (compareIds(event.id, sub.lastSent) > 0) {
        sub.lastSent = event.id;
        if (mayReceive(sub.audience, event)) targets.push(sub.socket.id);
      }
    }
    // every socket is in the room named by its own id; `local`: this node's sockets only
    if (targets.length > 0) this.io.local.to(targets).emit('hall:event', event);
  }

  private deliver(sub: Subscriber, event: HallEvent): void {
    if (sub.pending) sub.pending.push(event);
    else this.send(sub, event);
  }

  /** A stream entry as it may leave the server (null: a type the contract does not know). */
  private read(hall: HallService, entry: StreamEntry): HallEvent | null {
    return toPublicEvent(toHallEvent(hall.id, hall.config.timeZone, entry));
  }

  /**
   * Sends the event when it is newer than what the subscriber has and meant for it;
   * the one place events go out. Ids it may not see still count as passed.
   */
  private send(sub: Subscriber, event: HallEvent | null): void {
    if (!event || compareIds(event.id, sub.lastSent) <= 0) return;
    sub.lastSent = event.id;
    if (mayReceive(sub.audience, event)) sub.socket.emit('hall:event', event);
  }

  private startTail(hall: HallService, from: string): Tail {
    const reader = this.redis.duplicate();
    reader.on('error', (err: Error) =>
      this.logger.warn({ err: err.message }, 'event tail connection error'),
    );
    const k = hallKeys(hall.id);
    let running = !this.closed;
    const tail: Tail = {
      pos: from,
      stop: () => {
        running = false;
        reader.disconnect();
      },
    };
    const loop = async () => {
      while (running) {
        try {
          const result = await reader.xread(
            'COUNT',
            500,
            'BLOCK',
            2000,
            'STREAMS',
            k.events,
            tail.pos,
          );
          if (!running) break;
          for (const [, entries] of result ?? []) {
            for (const entry of entries) {
              // pos moves together with the hand-over, never ahead of it
              tail.pos = entry[0];
              const event = this.read(hall, entry);
              if (!event) continue;
              this.fanOut(hall.id, event);
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
    this.tails.set(hall.id, tail);
    void loop();
    return tail;
  }

  /** Drops the socket's subscriptions (to one hall, or to all when it has gone). */
  private forget(socket: HallSocket, onlyHallId?: string): void {
    for (const [hallId, subs] of [...this.subscribers]) {
      if (onlyHallId !== undefined && hallId !== onlyHallId) continue;
      for (const s of subs) if (s.socket === socket) this.drop(hallId, s);
    }
  }

  private drop(hallId: string, sub: Subscriber): void {
    const subs = this.subscribers.get(hallId);
    subs?.delete(sub);
    if (subs && subs.size > 0) return;
    this.subscribers.delete(hallId);
    this.tails.get(hallId)?.stop();
    this.tails.delete(hallId);
  }

  close(): void {
    this.closed = true;
    for (const tail of this.tails.values()) tail.stop();
    this.tails.clear();
    this.subscribers.clear();
  }
}
