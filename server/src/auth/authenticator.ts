import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HallConfig, StaffConfig } from '../config/hall-config.js';
import { deviceTokenHash, hashOfDevice } from '../devices/device-token.js';
import { ApiError } from '../errors.js';
import { authKeys } from '../store/keys.js';
import { hashPassword, needsRehash, verifyPassword } from './password.js';
import type { Principal } from './principal.js';
import type { SessionStore } from './sessions.js';

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The bearer token of an Authorization header, or null when there is none; malformed is 401. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined || header === '') return null;
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  if (!match?.[1]) throw new ApiError('unauthorized');
  return match[1];
}

/** Resolves bearer tokens (device tokens from the hall files, staff sessions) and logs staff in. */
export class Authenticator {
  private readonly devices = new Map<string, Principal>();
  private readonly halls: Map<string, HallConfig>;

  constructor(
    halls: HallConfig[],
    private readonly sessions: SessionStore,
    /** Where upgraded password hashes are kept (the hall file is not rewritten). */
    private readonly redis?: Redis,
  ) {
    this.halls = new Map(halls.map((h) => [h.id, h]));
    for (const hall of halls) {
      for (const device of hall.devices)
        this.devices.set(hashOfDevice(device), { kind: 'device', hallId: hall.id, device });
    }
  }

  /** The caller, or null without a token; a token that is not valid is 401. */
  async resolve(header: string | undefined): Promise<Principal | null> {
    const token = bearerToken(header);
    if (token === null) return null;
    // devices are looked up by a digest of the token, so the lookup time says nothing about it
    const device = this.devices.get(deviceTokenHash(token));
    if (device?.kind === 'device' && device.device.disabled) throw new ApiError('device_disabled');
    if (device) return device;
    const session = await this.sessions.get(token);
    const user = session
      ? this.halls.get(session.hallId)?.staff.find((s) => s.id === session.userId)
      : undefined;
    if (!session || !user) throw new ApiError('unauthorized');
    return { kind: 'staff', hallId: session.hallId, user };
  }

  /** Ends the session of the token in this header (logout). */
  async logout(header: string | undefined): Promise<void> {
    const token = bearerToken(header);
    if (token !== null) await this.sessions.revoke(token);
  }

  /** Ends every session of one staff member; how many there were. */
  endSessions(hallId: string, userId: string): Promise<number> {
    return this.sessions.revokeAll(hallId, userId);
  }

  /** Checks a password against the staff of one hall, or of every hall when none is named. */
  async login(
    username: string,
    password: string,
    hallId?: string,
  ): Promise<{ token: string; hallId: string; user: StaffConfig } | null> {
    const candidates = [...this.halls.values()]
      .filter((h) => hallId === undefined || h.id === hallId)
      .flatMap((h) => h.staff.filter((s) => s.id === username).map((user) => ({ hall: h, user })));
    for (const { hall, user } of candidates) {
      const stored = await this.currentHash(hall.id, user);
      if (await verifyPassword(password, stored)) {
        if (needsRehash(stored)) await this.rehash(hall.id, user, password);
        const token = await this.sessions.create({ hallId: hall.id, userId: user.id });
        return { token, hallId: hall.id, user };
      }
    }
    if (candidates.length === 0) {
      // spend the time a real check would, so a wrong name and a wrong password look alike
      await verifyPassword(
        password,
        'scrypt$16384$8$5$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      );
    }
    return null;
  }

  /** The hall file's hash, or the stronger one a login replaced it with (while the file's is unchanged). */
  private async currentHash(hallId: string, user: StaffConfig): Promise<string> {
    if (!this.redis) return user.passwordHash;
    const raw = await this.redis.get(authKeys.rehash(hallId, user.id));
    if (!raw) return user.passwordHash;
    const upgraded = JSON.parse(raw) as { from: string; hash: string };
    return upgraded.from === digest(user.passwordHash) ? upgraded.hash : user.passwordHash;
  }

  private async rehash(hallId: string, user: StaffConfig, password: string): Promise<void> {
    if (!this.redis) return;
    const hash = await hashPassword(password);
    await this.redis.set(
      authKeys.rehash(hallId, user.id),
      JSON.stringify({ from: digest(user.passwordHash), hash }),
    );
  }
}
