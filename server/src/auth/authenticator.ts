import { createHash } from 'node:crypto';
import type { HallConfig, StaffConfig } from '../config/hall-config.js';
import { ApiError } from '../errors.js';
import { verifyPassword } from './password.js';
import type { Principal } from './principal.js';
import type { SessionStore } from './sessions.js';

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Resolves bearer tokens (device tokens from the hall files, staff sessions) and logs staff in. */
export class Authenticator {
  private readonly devices = new Map<string, Principal>();
  private readonly halls: Map<string, HallConfig>;

  constructor(
    halls: HallConfig[],
    private readonly sessions: SessionStore,
  ) {
    this.halls = new Map(halls.map((h) => [h.id, h]));
    for (const hall of halls) {
      for (const device of hall.devices)
        this.devices.set(digest(device.token), { kind: 'device', hallId: hall.id, device });
    }
  }

  /** The caller, or null without a token; a token that is not valid is 401. */
  async resolve(header: string | undefined): Promise<Principal | null> {
    if (header === undefined || header === '') return null;
    const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
    if (!match?.[1]) throw new ApiError('unauthorized');
    const token = match[1];
    // devices are looked up by a digest of the token, so the lookup time says nothing about it
    const device = this.devices.get(digest(token));
    if (device?.kind === 'device' && device.device.disabled) throw new ApiError('device_disabled');
    if (device) return device;
    const session = await this.sessions.get(token);
    const user = session
      ? this.halls.get(session.hallId)?.staff.find((s) => s.id === session.userId)
      : undefined;
    if (!session || !user) throw new ApiError('unauthorized');
    return { kind: 'staff', hallId: session.hallId, user };
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
      if (await verifyPassword(password, user.passwordHash)) {
        const token = await this.sessions.create({ hallId: hall.id, userId: user.id });
        return { token, hallId: hall.id, user };
      }
    }
    if (candidates.length === 0) {
      // spend the time a real check would, so a wrong name and a wrong password look alike
      await verifyPassword(
        password,
        'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      );
    }
    return null;
  }
}
