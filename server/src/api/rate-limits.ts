import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { HallConfig } from '../config/hall-config.js';
import { ApiError } from '../errors.js';

/**
 * Limits on logins, counted in Redis so every node shares them. Ticket requests are limited
 * per device by the issue script itself, in the same round trip (store/lua/issue-ticket.lua).
 */
export class RateLimits {
  private readonly logins: RateLimiterRedis;

  constructor(redis: Redis, halls: HallConfig[]) {
    this.logins = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'rl:login',
      points: Math.max(1, ...halls.map((h) => h.rateLimits.loginsPerMinutePerUser)),
      duration: 60,
    });
  }

  /** Counted per hall, user name and client address. */
  async login(hallId: string | undefined, username: string, ip: string): Promise<void> {
    await consume(this.logins, `${hallId ?? '*'}|${username.toLowerCase()}|${ip}`);
  }
}

async function consume(limiter: RateLimiterRedis | undefined, key: string): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(key);
  } catch (err) {
    if (err instanceof RateLimiterRes) throw new ApiError('rate_limited');
    throw err;
  }
}
