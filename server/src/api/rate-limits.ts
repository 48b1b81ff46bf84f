import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { HallConfig } from '../config/hall-config.js';
import { ApiError } from '../errors.js';

/** Per-hall limits on logins and ticket requests, counted in Redis so every node shares them. */
export class RateLimits {
  private readonly tickets = new Map<string, RateLimiterRedis>();
  private readonly logins: RateLimiterRedis;

  constructor(redis: Redis, halls: HallConfig[]) {
    for (const h of halls) {
      this.tickets.set(
        h.id,
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `{hall:${h.id}}:rl:tickets`,
          points: h.rateLimits.ticketsPerMinutePerDevice,
          duration: 60,
        }),
      );
    }
    this.logins = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: 'rl:login',
      points: Math.max(1, ...halls.map((h) => h.rateLimits.loginsPerMinutePerUser)),
      duration: 60,
    });
  }

  async ticket(hallId: string, caller: string): Promise<void> {
    await consume(this.tickets.get(hallId), caller);
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
