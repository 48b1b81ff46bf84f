import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HallConfig, StaffConfig } from '../config/hall-config.js';
import { deviceTokenHash, hashOfDevice } from '../devices/device-token.js';
import { ApiError } from '../errors.js';
import { authKeys } from '../store/keys.js';
import { hashPassword, needsRehash, verifyPassword } from './password.js';
import type { Principal } from './principal.js';
import type { SessionStore } from './sessions.js';
import { fixedConfig, LiveHallConfig } from '../hall-admin/live-config.js';

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
  /** Device principals by their token's hash, of every hall: rebuilt when a hall's devices change. */
  private devices = new Map<string, Principal>();
  private readonly lives: Map<string, LiveHallConfig>;
  /**
   * Brings a hall's configuration up to the stored version (server/src/hall-admin): asked when a
   * name or a session's user is not known here, in case this node has not yet applied the change
   * that added them on another node.
   */
  configCheck: ((hallId: string) => Promise<void>) | null = null;

  constructor(
    halls: (HallConfig | LiveHallConfig)[],
    private readonly sessions: SessionStore,
    /** Where upgraded password hashes are kept (the hall file is not rewritten). */
    private readonly redis?: Redis,
  ) {
    this.lives = new Map(
      halls.map((h) => {
        const live = h instanceof LiveHallConfig ? h : fixedConfig(h);
        return [live.id, live];
      }),
    );
    this.rebuildDevices();
    // a new or revoked token counts from the moment this node has the new configuration
    for (const live of this.lives.values()) live.onChange(() => this.rebuildDevices());
  }

  private get halls(): Map<string, HallConfig> {
    return new Map([...this.lives].map(([id, live]) => [id, live.current]));
  }

  private rebuildDevices(): void {
    const devices = new Map<string, Principal>();
    for (const live of this.lives.values())
      for (const device of live.current.devices)
        devices.set(hashOfDevice(device), { kind: 'device', hallId: live.id, device });
    this.devices = devices;
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
    const staffOf = (hallId: string, userId: string) =>
      this.lives.get(hallId)?.current.staff.find((s) => s.id === userId);
    let user = session ? staffOf(session.hallId, session.userId) : undefined;
    if (session && !user && this.configCheck) {
      await this.configCheck(session.hallId);
      user = staffOf(session.hallId, session.userId);
    }
    // a disabled account's sessions end when it is disabled; this covers a node not yet told
    if (!session || !user || user.disabled) throw new ApiError('unauthorized');
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
    const known = (h: HallConfig) => h.staff.some((s) => s.id === username);
    if (this.configCheck && ![...this.halls.values()].some(known))
      for (const id of this.lives.keys())
        if (hallId === undefined || id === hallId) await this.configCheck(id);
    const candidates = [...this.halls.values()]
      .filter((h) => hallId === undefined || h.id === hallId)
      .flatMap((h) =>
        h.staff.filter((s) => s.id === username && !s.disabled).map((user) => ({ hall: h, user })),
      );
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

  /** Whether `password` is this staff member's (a password change asks for the current one). */
  async verify(hallId: string, user: StaffConfig, password: string): Promise<boolean> {
    return verifyPassword(password, await this.currentHash(hallId, user));
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
