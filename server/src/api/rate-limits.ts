import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { HallConfig } from '../config/hall-config.js';
import { ApiError } from '../errors.js';
import { authKeys } from '../store/keys.js';

/** Failed logins of one user name that cost no waiting; after them each one doubles the wait. */
const FREE_FAILURES = 5;
/** The longest wait between two attempts on one user name: slowed down, never locked out. */
const MAX_DELAY_S = 30;
/** Ratings without a token from one address (a hall's Wi-Fi) in a minute. */
export const ANONYMOUS_RATINGS_PER_MINUTE = 60;
/** Failures are forgotten this long after the last one. */
const FAILURE_MEMORY_S = 15 * 60;

/**
 * Limits on anonymous ratings and the login guard, counted in Redis so every node shares
 * them (docs/decisions/020-login-throttling.md). Ticket requests are limited per device by
 * the issue script itself, in the same round trip (store/lua/issue-ticket.lua).
 */
export class RateLimits {
  private loginsPerUser!: RateLimiterRedis;
  private loginsPerAddress!: RateLimiterRedis;
  private readonly anonymousRatings: RateLimiterRedis;
  /** The installation: every node serving these halls counts in the same keys. */
  private readonly ns: string;

  constructor(
    private readonly redis: Redis,
    halls: HallConfig[],
    private readonly logger?: Logger,
  ) {
    this.ns = createHash('sha256')
      .update(
        halls
          .map((h) => h.id)
          .sort()
          .join(','),
      )
      .digest('hex')
      .slice(0, 12);
    this.configure(halls);
    // a resident rates once; the phones of a whole hall may share its Wi-Fi's address
    this.anonymousRatings = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: authKeys.ratingAddressLimit(this.ns),
      points: ANONYMOUS_RATINGS_PER_MINUTE,
      duration: 60,
    });
  }

  /** Takes the halls' login limits (again, when a hall's configuration changes). */
  configure(halls: HallConfig[]): void {
    const redis = this.redis;
    const perUser = Math.max(1, ...halls.map((h) => h.rateLimits.loginsPerMinutePerUser));
    // one user name, from any address and with or without a hall id: one bucket
    this.loginsPerUser = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: authKeys.loginUserLimit(this.ns),
      points: perUser,
      duration: 60,
    });
    // one address, whatever user names it tries (known or not)
    this.loginsPerAddress = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: authKeys.loginAddressLimit(this.ns),
      points: perUser * 3,
      duration: 60,
    });
  }

  /** Ratings without a token, per hall and client address. */
  async anonymousRating(hallId: string, ip: string): Promise<void> {
    await consume(this.anonymousRatings, `${hallId}|${ip}`);
  }

  /**
   * Runs one login attempt under the guard: per user name (across addresses and
   * halls) and per address (across user names), and after a few failures of a
   * user name a growing wait before the next attempt (429 with Retry-After), so a
   * guesser is slowed down while the real user, after a short wait, still gets in.
   * Every attempt is logged without its password.
   */
  async login<T>(
    attempt: { username: string; ip: string; hallId: string | undefined },
    check: () => Promise<T | null>,
  ): Promise<T | null> {
    const user = attempt.username.toLowerCase();
    const log = { user, ip: attempt.ip, hallId: attempt.hallId };
    try {
      await consume(this.loginsPerAddress, attempt.ip);
      await consume(this.loginsPerUser, user);
      await this.waitAfterFailures(user);
    } catch (err) {
      if (err instanceof ApiError) this.logger?.warn({ ...log, outcome: 'throttled' }, 'login');
      throw err;
    }
    const result = await check();
    if (result === null) {
      await this.redis
        .multi()
        .incr(authKeys.loginFailures(this.ns, user))
        .expire(authKeys.loginFailures(this.ns, user), FAILURE_MEMORY_S)
        .exec();
      this.logger?.warn({ ...log, outcome: 'failed' }, 'login');
    } else {
      await this.redis.del(
        authKeys.loginFailures(this.ns, user),
        authKeys.loginGate(this.ns, user),
      );
      this.logger?.info({ ...log, outcome: 'ok' }, 'login');
    }
    return result;
  }

  /** After FREE_FAILURES failures, one attempt per 2^(n-FREE) s (at most MAX_DELAY_S). */
  private async waitAfterFailures(user: string): Promise<void> {
    const failures = Number((await this.redis.get(authKeys.loginFailures(this.ns, user))) ?? 0);
    if (failures < FREE_FAILURES) return;
    const delayMs = Math.min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY_S) * 1000;
    // only one attempt takes each slot, however many arrive at once
    const took = await this.redis.set(authKeys.loginGate(this.ns, user), '1', 'PX', delayMs, 'NX');
    if (took === 'OK') return;
    const left = await this.redis.pttl(authKeys.loginGate(this.ns, user));
    throw new ApiError('rate_limited', { retryAfter: Math.max(1, Math.ceil(left / 1000)) });
  }
}

async function consume(limiter: RateLimiterRedis | undefined, key: string): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes)
      throw new ApiError('rate_limited', {
        retryAfter: Math.max(1, Math.ceil(err.msBeforeNext / 1000)),
      });
    throw err;
  }
}
