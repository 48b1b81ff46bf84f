import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { authKeys } from '../store/keys.js';

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface Session {
  hallId: string;
  userId: string;
  /** When the session began (ms); it ends `maxSeconds` later however much it is used. */
  createdAt?: number;
}

export interface SessionLifetimes {
  /** A session unused this long ends; every request with it starts the time again. */
  idleSeconds: number;
  /** No session lives longer than this (a working day). */
  maxSeconds: number;
}

export const defaultSessionLifetimes: SessionLifetimes = {
  idleSeconds: 30 * 60,
  maxSeconds: 12 * 3600,
};

/**
 * Staff login tokens: random, kept in Redis under a digest of the token (a Redis
 * dump hands out no session), ended by logout, by a supervisor, by idleness or
 * at the end of the working day (docs/decisions/019-sessions-slide-and-end.md).
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly lifetimes: SessionLifetimes = defaultSessionLifetimes,
    private readonly now: () => number = Date.now,
  ) {}

  async create(session: Session): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const d = digest(token);
    const members = authKeys.userSessions(session.hallId, session.userId);
    await this.redis
      .multi()
      .set(
        authKeys.session(d),
        JSON.stringify({ ...session, createdAt: this.now() }),
        'EX',
        this.lifetimes.idleSeconds,
      )
      .sadd(members, d)
      .expire(members, this.lifetimes.maxSeconds)
      .exec();
    return token;
  }

  /** The session of a token, its idle time started again; null when it ended. */
  async get(token: string): Promise<Session | null> {
    const raw = await this.redis.getex(
      authKeys.session(digest(token)),
      'EX',
      this.lifetimes.idleSeconds,
    );
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Session;
    if (this.now() - (parsed.createdAt ?? 0) > this.lifetimes.maxSeconds * 1000) {
      await this.revoke(token);
      return null;
    }
    return parsed;
  }

  async revoke(token: string): Promise<void> {
    const d = digest(token);
    const raw = await this.redis.get(authKeys.session(d));
    const s = raw ? (JSON.parse(raw) as Session) : null;
    const m = this.redis.multi().del(authKeys.session(d));
    if (s) m.srem(authKeys.userSessions(s.hallId, s.userId), d);
    await m.exec();
  }

  /** Ends every session of one staff member (a supervisor's action); how many there were. */
  async revokeAll(hallId: string, userId: string): Promise<number> {
    const members = authKeys.userSessions(hallId, userId);
    const digests = await this.redis.smembers(members);
    if (digests.length === 0) return 0;
    const results = await this.redis
      .multi()
      .del(...digests.map(authKeys.session))
      .del(members)
      .exec();
    return Number(results?.[0]?.[1] ?? 0);
  }
}
