import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * What one subscriber may cost a node (docs/decisions/023-bounded-subscribe.md). Counted in
 * each node's memory: the cost they bound is the node's own.
 */
export interface RealtimeLimits {
  /** Stream entries per XRANGE of a replay; other work runs between two reads. */
  replayBatch: number;
  /** A subscriber further behind than this many events gets a snapshot instead of a replay. */
  maxReplay: number;
  /** The same for a socket without a token (phones, anything on the hall's Wi-Fi). */
  maxReplayAnonymous: number;
  /** Subscribes one connection may make per `windowSeconds`. */
  subscribesPerSocket: number;
  /** Subscribes all connections without a token from one address may make per `windowSeconds`. */
  anonymousSubscribesPerAddress: number;
  windowSeconds: number;
  /** Halls one connection may follow at once (a connection without a token: one). */
  hallsPerSocket: number;
  /** How long subscribers share one built snapshot of a hall (the events after it follow). */
  snapshotMaxAgeMs: number;
  /**
   * A connection whose client has stopped reading is let go once this many bytes (on a
   * WebSocket) or packets (on long polling) wait for it, checked every `stalledCheckMs`:
   * it comes back with its last id and catches up within the bounds above.
   */
  maxBufferedBytes: number;
  maxBufferedPackets: number;
  stalledCheckMs: number;
}

export const defaultRealtimeLimits: RealtimeLimits = {
  replayBatch: 200,
  maxReplay: 1000,
  maxReplayAnonymous: 200,
  subscribesPerSocket: 5,
  anonymousSubscribesPerAddress: 120,
  windowSeconds: 10,
  hallsPerSocket: 4,
  snapshotMaxAgeMs: 1000,
  maxBufferedBytes: 1024 * 1024,
  maxBufferedPackets: 1000,
  stalledCheckMs: 5000,
};

/** The subscribe rate limits of one node: per connection, and per address for anonymous ones. */
export class SubscribeGate {
  private readonly perSocket: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(limits: RealtimeLimits) {
    this.perSocket = new RateLimiterMemory({
      points: limits.subscribesPerSocket,
      duration: limits.windowSeconds,
    });
    this.perAddress = new RateLimiterMemory({
      points: limits.anonymousSubscribesPerAddress,
      duration: limits.windowSeconds,
    });
  }

  /** Null when the subscribe may go ahead, else the milliseconds until one may. */
  async admit(socketId: string, address: string, anonymous: boolean): Promise<number | null> {
    try {
      await this.perSocket.consume(socketId);
      if (anonymous) await this.perAddress.consume(address);
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext));
      throw err;
    }
  }

  /** Forgets a closed connection's count. */
  forget(socketId: string): void {
    void this.perSocket.delete(socketId);
  }
}
