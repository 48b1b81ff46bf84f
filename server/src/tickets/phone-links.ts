import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { hallKeys } from '../store/keys.js';

/** Length of a phone key in base64url characters (16 bytes of HMAC-SHA256). */
const KEY_CHARS = 22;

/**
 * The resident's proof of holding a ticket: a key derived from the ticket id with a
 * per-hall secret (HMAC-SHA256), carried only by the ticket's QR code and phone link.
 * The ticket id itself may appear on screens and in events; it proves nothing.
 * The secret lives in Redis (created once, shared by every node); deleting it
 * revokes every phone link of the hall (docs/decisions/018-phone-link-key.md).
 */
export class PhoneLinks {
  private constructor(
    private readonly secrets: Map<string, Buffer>,
    private readonly publicUrl: string,
  ) {}

  /** Reads (or creates, once for all nodes) each hall's phone-link secret. */
  static async load(redis: Redis, hallIds: string[], publicUrl: string): Promise<PhoneLinks> {
    const secrets = new Map<string, Buffer>();
    for (const hallId of hallIds) {
      const key = hallKeys(hallId).phoneSecret;
      await redis.set(key, randomBytes(32).toString('base64'), 'NX');
      const secret = await redis.get(key);
      if (!secret) throw new Error(`phone-link secret of hall ${hallId} is missing`);
      secrets.set(hallId, Buffer.from(secret, 'base64'));
    }
    return new PhoneLinks(secrets, publicUrl.replace(/\/+$/, ''));
  }

  /** The key of a ticket, or null for a hall this node does not serve. */
  keyOf(ticketId: string): string | null {
    const secret = this.secrets.get(ticketId.slice(0, Math.max(0, ticketId.indexOf('.'))));
    if (!secret) return null;
    return createHmac('sha256', secret).update(ticketId).digest('base64url').slice(0, KEY_CHARS);
  }

  /** Constant-time check of a key a phone presents for a ticket. */
  verify(ticketId: string, key: unknown): boolean {
    if (typeof key !== 'string' || key.length !== KEY_CHARS) return false;
    const expected = this.keyOf(ticketId);
    if (!expected) return false;
    return timingSafeEqual(Buffer.from(expected), Buffer.from(key));
  }

  /** The phone page's address, the one the printed and on-screen QR codes hold. */
  url(ticketId: string): string {
    const key = this.keyOf(ticketId) ?? '';
    return `${this.publicUrl}/kiosk/t/${encodeURIComponent(ticketId)}?k=${key}`;
  }
}

/**
 * A ticket without its phone link, for everyone but the kiosk that issued it and the
 * phone that holds the key: a clerk could otherwise rate their own service as the
 * resident, and a device token on a public PC would hand out every key.
 */
export function withoutPhoneLink<T>(value: T): T {
  if (typeof value !== 'object' || value === null || !('phoneUrl' in value)) return value;
  const { phoneUrl: _link, ...rest } = value as T & { phoneUrl?: string };
  return rest as T;
}
