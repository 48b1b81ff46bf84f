import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const SESSION_TTL_S = 12 * 3600;

function keyOf(token: string): string {
  // only a hash of the token is stored: a Redis dump does not hand out sessions
  return `session:${createHash('sha256').update(token).digest('base64url')}`;
}

export interface Session {
  hallId: string;
  userId: string;
}

/** Staff login tokens: random, kept in Redis for a working day. */
export class SessionStore {
  constructor(private readonly redis: Redis) {}

  async create(session: Session): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.redis.set(keyOf(token), JSON.stringify(session), 'EX', SESSION_TTL_S);
    return token;
  }

  async get(token: string): Promise<Session | null> {
    const raw = await this.redis.get(keyOf(token));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Session;
    return parsed;
  }

  async revoke(token: string): Promise<void> {
    await this.redis.del(keyOf(token));
  }
}
