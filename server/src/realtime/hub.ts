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
import proxyAddr from 'proxy-addr';
import type { Server, Socket } from 'socket.io';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import type { HallService } from '../halls/hall-service.js';
import type { Lang } from '../halls/presenter.js';
import { compareIds, STREAM_ID, toHallEvent, type StreamEntry } from './event-reader.js';
import { defaultRealtimeLimits, SubscribeGate, type RealtimeLimits } from './limits.js';
import { audienceOf, mayReceive, toPublicEvent, type Audience } from './public-event.js';
import { ReplayReader } from './replay.js';
import { HallRooms } from './rooms.js';
import { SnapshotCache } from './snapshot-cache.js';
import { startStalledCheck } from './stalled-check.js';
import { tailStream } from './tail.js';

type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
type Reply = (ack: SubscribeAck) => void;

/** One subscriber's delivery state: events go out strictly after `lastSent`, in order, once. */
interface Subscriber {
  socket: HallSocket;
  hallId: string;
  audience: Audience;
  batch: boolean;
  lastSent: string;
  /** While the subscriber catches up, the tail's reads wait here; null once it is live. */
  pending: HallEvent[][] | null;
  /** The room it joined when it went live. */
  room: string | null;
  /** What waited for it at the last stalled check, as a share of the limit. */
  backlog: number;
}

/** A subscribe that passed its checks. */
type Admitted = SubscribeRequest & { hall: HallService; principal: Principal | null };

/** This node's share of one hall: its subscribers, their rooms and the stream tail. */
interface HallFeed {
  hall: HallService;
  subscribers: Set<Subscriber>;
  /** Subscribers still catching up (not in a room yet). */
  catching: Set<Subscriber>;
  rooms: HallRooms;
  /** The newest entry the tail has handed to the subscribers (or where it started); null before it starts. */
  pos: string | null;
  stop: () => void;
}

export interface RealtimeHubOptions {
  limits?: Partial<RealtimeLimits>;
  /** Which peers' X-Forwarded-For to believe (express's compiled `trust proxy`). */
  trustProxy?: (address: string, hop: number) => boolean;
}

/**
 * Delivers each hall's event stream to its subscribers on this node. Each node tails the
 * Redis stream itself (XREAD BLOCK), so every node sees every event of every node, in
 * stream order (docs/decisions/011-realtime-stream-tailing.md).
 *
 * A subscriber is registered before anything is read for it, so whatever the tail reads
 * meanwhile waits in its `pending` list. Its catch-up (the events after `since` in bounded
 * batches, or a shared snapshot when it is far behind) runs up to where the tail stands; then
 * it joins its room and the tail's deliveries carry it. Ids at or below `lastSent` are never
 * sent again. What one subscribe may cost is bounded (docs/decisions/023-bounded-subscribe.md).
 */
export class RealtimeHub {
  private readonly feeds = new Map<string, HallFeed>();
  private readonly bySocket = new Map<string, Map<string, Subscriber>>();
  private readonly limits: RealtimeLimits;
  private readonly gate: SubscribeGate;
  private readonly snapshots: SnapshotCache;
  private readonly replay: ReplayReader;
  private readonly trustProxy: (address: string, hop: number) => boolean;
  private closed = false;
  private readonly stopStalledCheck: () => void;

  constructor(
    private readonly io: Server<ClientToServerEvents, ServerToClientEvents>,
    private readonly redis: Redis,
    private readonly halls: Map<string, HallService>,
    private readonly auth: Authenticator,
    private readonly logger: Logger,
    options: RealtimeHubOptions = {},
  ) {
    this.limits = { ...defaultRealtimeLimits, ...options.limits };
    this.gate = new SubscribeGate(this.limits);
    this.snapshots = new SnapshotCache(this.limits.snapshotMaxAgeMs);
    this.replay = new ReplayReader(redis, this.limits.replayBatch);
    this.trustProxy = options.trustProxy ?? (() => false);
    this.stopStalledCheck = startStalledCheck(
      () => [...this.feeds.values()].flatMap((feed) => [...feed.subscribers]),
      this.limits,
      logger,
    );
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
      // one subscribe at a time per connection: each is answered, the newest stays
      let queue = Promise.resolve();
      socket.on('subscribe', (request, ack) => {
        const reply: Reply = typeof ack === 'function' ? ack : () => undefined;
        const fail = (err: unknown) => {
          this.logger.error({ err }, 'subscribe failed');
          const hallId = (request as { hallId?: unknown } | null)?.hallId;
          if (typeof hallId === 'string') this.forget(socket, hallId);
          reply(this.error('internal_error', socket));
        };
        this.admit(socket, request)
          .then((checked) => {
            if ('refused' in checked) return reply(checked.refused);
            queue = queue.then(() => this.subscribe(socket, checked.admitted, reply)).catch(fail);
          })
          .catch(fail);
      });
      socket.on('disconnect', () => {
        for (const hallId of [...(this.bySocket.get(socket.id)?.keys() ?? [])])
          this.forget(socket, hallId);
        this.gate.forget(socket.id);
      });
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

  /** The client's address: the peer, or what trusted proxies say it is. */
  private address(socket: HallSocket): string {
    try {
      return proxyAddr(socket.request, this.trustProxy);
    } catch {
      return socket.handshake.address;
    }
  }

  /** Checks a subscribe before any work is queued for it: valid, allowed, within the rate. */
  private async admit(
    socket: HallSocket,
    request: unknown,
  ): Promise<{ admitted: Admitted } | { refused: SubscribeAck }> {
    const parsed = SubscribeRequest.safeParse(request);
    if (!parsed.success) return { refused: this.error('invalid_request', socket) };
    const { hallId, lang } = parsed.data;
    const hall = this.halls.get(hallId);
    if (!hall) return { refused: this.error('hall_not_found', socket, lang) };
    const principal = (socket.data as { principal?: Principal | null }).principal ?? null;
    if (principal && principal.hallId !== hallId)
      return { refused: this.error('forbidden', socket, lang) };
    const retryAfterMs = await this.gate.admit(socket.id, this.address(socket), !principal);
    if (retryAfterMs !== null) {
      const refused = this.error('rate_limited', socket, lang);
      if ('error' in refused) refused.error.retryAfterMs = retryAfterMs;
      return { refused };
    }
    return { admitted: { ...parsed.data, hall, principal } };
  }

  private async subscribe(socket: HallSocket, admitted: Admitted, reply: Reply): Promise<void> {
    const { hallId, since, lang, batch, hall, principal } = admitted;
    if (!socket.connected) return;
    const anonymous = !principal;
    const mine = this.bySocket.get(socket.id) ?? new Map<string, Subscriber>();
    const hallsAllowed = anonymous ? 1 : this.limits.hallsPerSocket;
    if (!mine.has(hallId) && mine.size >= hallsAllowed)
      return reply(this.error('too_many_subscriptions', socket, lang));

    // registered first: from here on, whatever the tail reads waits in `pending`
    this.forget(socket, hallId);
    const feed = this.feeds.get(hallId) ?? this.newFeed(hall);
    const sub: Subscriber = {
      socket,
      hallId,
      audience: audienceOf(principal),
      batch: batch === true,
      lastSent: '0-0',
      pending: [],
      room: null,
      backlog: 0,
    };
    feed.subscribers.add(sub);
    feed.catching.add(sub);
    mine.set(hallId, sub);
    this.bySocket.set(socket.id, mine);

    const maxReplay = anonymous ? this.limits.maxReplayAnonymous : this.limits.maxReplay;
    let replayed = false;
    if (since !== undefined && STREAM_ID.test(since)) {
      const distance = await this.replay.distance(hallId, since, maxReplay);
      if (!this.stillThere(feed, sub)) return;
      if (distance >= 0) {
        sub.lastSent = since;
        replayed = await this.catchUp(feed, sub, '+', true);
        if (!this.stillThere(feed, sub)) return;
      }
    }
    if (!replayed) {
      const snapshot = await this.snapshots.get(hall, this.lang(socket, lang), sub.lastSent);
      if (!this.stillThere(feed, sub)) return;
      sub.lastSent = snapshot.lastEventId;
      // the snapshot goes first: the events that follow start after its lastEventId
      reply({ snapshot, lastEventId: snapshot.lastEventId });
    }

    // the tail may already be past what we read: fetch the stretch between
    while (feed.pos !== null && compareIds(feed.pos, sub.lastSent) > 0) {
      await this.catchUp(feed, sub, feed.pos, false);
      if (!this.stillThere(feed, sub)) return;
    }
    if (feed.pos === null) this.startTail(feed, sub.lastSent);
    for (const events of sub.pending ?? []) this.sendAll(sub, events);
    sub.pending = null;
    // a subscriber ahead of the tail (a newer snapshot) waits for it, or its room would repeat events
    if (feed.pos !== null && compareIds(feed.pos, sub.lastSent) >= 0) this.goLive(feed, sub);
    if (replayed) reply({ lastEventId: sub.lastSent });
  }

  /**
   * Sends the stream's events after `lastSent` up to `upTo` in batches of `replayBatch`,
   * one round trip each, so other requests run between them. With `checkTrim`, false when
   * events of the stretch were trimmed meanwhile (the subscriber then gets a snapshot,
   * which makes the client drop what it was sent before its acknowledgement).
   */
  private async catchUp(
    feed: HallFeed,
    sub: Subscriber,
    upTo: string,
    checkTrim: boolean,
  ): Promise<boolean> {
    const hall = feed.hall;
    for (;;) {
      const read = await this.replay.batch(hall.id, sub.lastSent, upTo);
      if (!this.stillThere(feed, sub)) return false;
      if (checkTrim && read.trimmedBefore && compareIds(sub.lastSent, read.trimmedBefore) < 0)
        return false;
      this.sendAll(sub, this.readAll(hall, read.entries));
      const last = read.entries.at(-1)?.[0];
      if (last && compareIds(last, sub.lastSent) > 0) sub.lastSent = last;
      if (!read.more) break;
    }
    if (upTo !== '+' && compareIds(sub.lastSent, upTo) < 0) sub.lastSent = upTo;
    return true;
  }

  /** The subscriber has everything up to the tail's position: from now on its room carries it. */
  private goLive(feed: HallFeed, sub: Subscriber): void {
    sub.pending = null;
    feed.catching.delete(sub);
    sub.room = feed.rooms.enter(sub.socket, sub.audience, sub.batch);
  }

  /** Whether the subscriber is still registered (its socket may have gone while we read). */
  private stillThere(feed: HallFeed, sub: Subscriber): boolean {
    if (feed.subscribers.has(sub) && sub.socket.connected && !this.closed) return true;
    this.drop(feed, sub);
    return false;
  }

  /** Stream entries as they may leave the server (types the contract does not know are left out). */
  private readAll(hall: HallService, entries: StreamEntry[]): HallEvent[] {
    const events: HallEvent[] = [];
    for (const entry of entries) {
      const event = toPublicEvent(toHallEvent(hall.id, hall.config.timeZone, entry));
      if (event) events.push(event);
    }
    return events;
  }

  /**
   * Sends one subscriber the events newer than what it has and meant for it, as one frame
   * when it batches; ids it may not see still count as passed.
   */
  private sendAll(sub: Subscriber, events: HallEvent[]): void {
    const out: HallEvent[] = [];
    for (const event of events) {
      if (compareIds(event.id, sub.lastSent) <= 0) continue;
      sub.lastSent = event.id;
      if (mayReceive(sub.audience, event)) out.push(event);
    }
    if (out.length === 0) return;
    if (sub.batch) sub.socket.emit('hall:events', out);
    else for (const event of out) sub.socket.emit('hall:event', event);
  }

  private newFeed(hall: HallService): HallFeed {
    const feed: HallFeed = {
      hall,
      subscribers: new Set(),
      catching: new Set(),
      rooms: new HallRooms(hall.id),
      pos: null,
      stop: () => undefined,
    };
    this.feeds.set(hall.id, feed);
    return feed;
  }

  /** Starts the feed's tail where its first subscriber stands. */
  private startTail(feed: HallFeed, from: string): void {
    feed.pos = from;
    if (this.closed) return;
    feed.stop = tailStream({
      redis: this.redis,
      key: this.replay.key(feed.hall.id),
      from,
      logger: this.logger,
      onRead: (entries, lastId) => {
        // pos moves together with the hand-over, never ahead of it
        feed.pos = lastId;
        this.handOver(feed, this.readAll(feed.hall, entries));
      },
    });
  }

  /**
   * One read of the tail: to the rooms at once; then to those still catching up, into their
   * pending lists, or, for one that was ahead of the tail, sent directly until the tail
   * reaches it and it joins its room.
   */
  private handOver(feed: HallFeed, events: HallEvent[]): void {
    if (events.length > 0) feed.rooms.deliver(events);
    for (const sub of feed.catching) {
      if (sub.pending) {
        sub.pending.push(events);
        continue;
      }
      this.sendAll(sub, events);
      if (feed.pos !== null && compareIds(feed.pos, sub.lastSent) >= 0) this.goLive(feed, sub);
    }
  }

  /** Drops the socket's subscription to one hall. */
  private forget(socket: HallSocket, hallId: string): void {
    const sub = this.bySocket.get(socket.id)?.get(hallId);
    const feed = this.feeds.get(hallId);
    if (sub && feed) this.drop(feed, sub);
  }

  private drop(feed: HallFeed, sub: Subscriber): void {
    const mine = this.bySocket.get(sub.socket.id);
    if (mine?.get(sub.hallId) === sub) {
      mine.delete(sub.hallId);
      if (mine.size === 0) this.bySocket.delete(sub.socket.id);
    }
    if (!feed.subscribers.delete(sub)) return;
    feed.catching.delete(sub);
    if (sub.room) {
      feed.rooms.leave(sub.room, sub.socket);
      sub.room = null;
    }
    if (feed.subscribers.size > 0) return;
    feed.stop();
    if (this.feeds.get(feed.hall.id) === feed) this.feeds.delete(feed.hall.id);
  }

  close(): void {
    this.closed = true;
    this.stopStalledCheck();
    for (const feed of this.feeds.values()) feed.stop();
    this.feeds.clear();
    this.bySocket.clear();
    this.snapshots.clear();
  }
}
