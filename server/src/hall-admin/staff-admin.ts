import { createHash, randomInt } from 'node:crypto';
import type { StaffResult, StaffView } from '@hall/protocol';
import type { Redis } from 'ioredis';
import type { Authenticator } from '../auth/authenticator.js';
import { hashPassword } from '../auth/password.js';
import type { Principal } from '../auth/principal.js';
import type { StaffConfig } from '../config/hall-config.js';
import { ApiError } from '../errors.js';
import { hallKeys } from '../store/keys.js';
import type { ConfigService } from './config-service.js';

/** Letters and digits that cannot be mistaken for one another when read aloud or typed. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const MAX_PHOTO = 512 * 1024;

/** A one-time password of 12 characters (about 70 bits). */
export function oneTimePassword(): string {
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export function staffView(s: StaffConfig): StaffView {
  const { passwordHash: _hash, ...view } = s;
  return view;
}

/** JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A) by the file's first bytes, whatever it says. */
export function imageType(data: Buffer): 'image/jpeg' | 'image/png' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff)
    return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

export function requireAdmin(principal: Principal | null): asserts principal is Principal & {
  kind: 'staff';
} {
  if (principal?.kind !== 'staff' || principal.user.role !== 'admin')
    throw new ApiError('forbidden');
}

/**
 * Staff accounts through the hall's configuration: create with a one-time password, change
 * name, role, job number or 停用 (which ends their sessions), reset a password, change one's
 * own, and the 挂牌上岗 photo.
 */
export class StaffAdmin {
  constructor(
    private readonly config: ConfigService,
    private readonly auth: Authenticator,
    private readonly redis: Redis,
  ) {}

  private find(hallId: string, staffId: string): StaffConfig {
    const s = this.config.live(hallId).saved.staff.find((x) => x.id === staffId);
    if (!s) throw new ApiError('staff_not_found');
    return s;
  }

  async create(
    hallId: string,
    principal: Principal,
    body: { id: string; name: string; jobNo: string; role: StaffConfig['role'] },
  ): Promise<StaffResult> {
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const r = await this.config.change(hallId, principal, 'staff.created', (c) => {
      c.staff.push({ ...body, passwordHash, mustChangePassword: true });
    });
    const staff = r.config.staff.find((s) => s.id === body.id);
    if (!staff) throw new ApiError('staff_not_found');
    return { version: r.version, staff: staffView(staff), password };
  }

  async patch(
    hallId: string,
    principal: Principal,
    staffId: string,
    body: Partial<Pick<StaffConfig, 'name' | 'jobNo' | 'role' | 'disabled'>>,
  ): Promise<StaffResult> {
    this.find(hallId, staffId);
    const r = await this.config.change(hallId, principal, 'staff.changed', (c) => {
      const s = c.staff.find((x) => x.id === staffId);
      if (!s) throw new ApiError('staff_not_found');
      if (body.name !== undefined) s.name = body.name;
      if (body.jobNo !== undefined) s.jobNo = body.jobNo;
      if (body.role !== undefined) s.role = body.role;
      if (body.disabled === true) s.disabled = true;
      if (body.disabled === false) delete s.disabled;
    });
    return { version: r.version, staff: staffView(this.find(hallId, staffId)) };
  }

  /** A new one-time password, to be changed at the next login; the old sessions end. */
  async resetPassword(hallId: string, principal: Principal, staffId: string): Promise<StaffResult> {
    this.find(hallId, staffId);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const r = await this.config.change(hallId, principal, 'staff.password_reset', (c) => {
      const s = c.staff.find((x) => x.id === staffId);
      if (!s) throw new ApiError('staff_not_found');
      s.passwordHash = passwordHash;
      s.mustChangePassword = true;
    });
    await this.auth.endSessions(hallId, staffId);
    return { version: r.version, staff: staffView(this.find(hallId, staffId)), password };
  }

  /** A signed-in staff member's own new password (at least 8 characters, not the old one). */
  async changeOwn(principal: Principal, current: string, next: string): Promise<void> {
    if (principal.kind !== 'staff') throw new ApiError('forbidden');
    const { hallId, user } = principal;
    if (!(await this.auth.verify(hallId, user, current))) throw new ApiError('invalid_credentials');
    if ([...next].length < 8 || next === current) throw new ApiError('weak_password');
    const passwordHash = await hashPassword(next);
    await this.config.change(hallId, principal, 'staff.password_changed', (c) => {
      const s = c.staff.find((x) => x.id === user.id);
      if (!s) throw new ApiError('staff_not_found');
      s.passwordHash = passwordHash;
      delete s.mustChangePassword;
    });
  }

  /** Stores the photo and points the staff member's photoUrl at it (a new URL per picture). */
  async putPhoto(
    hallId: string,
    principal: Principal,
    staffId: string,
    data: unknown,
  ): Promise<StaffResult> {
    this.find(hallId, staffId);
    if (!Buffer.isBuffer(data) || data.length === 0 || data.length > MAX_PHOTO)
      throw new ApiError('invalid_image');
    const type = imageType(data);
    if (!type) throw new ApiError('invalid_image');
    const etag = createHash('sha256').update(data).digest('hex').slice(0, 16);
    await this.redis.hset(hallKeys(hallId).staffPhoto(staffId), { type, data, etag });
    const url = `/api/v1/halls/${hallId}/staff/${staffId}/photo?v=${etag}`;
    const r = await this.config.change(hallId, principal, 'staff.photo', (c) => {
      const s = c.staff.find((x) => x.id === staffId);
      if (!s) throw new ApiError('staff_not_found');
      s.photoUrl = url;
    });
    return { version: r.version, staff: staffView(this.find(hallId, staffId)) };
  }

  async photo(
    hallId: string,
    staffId: string,
  ): Promise<{ type: string; data: Buffer; etag: string }> {
    this.find(hallId, staffId);
    const key = hallKeys(hallId).staffPhoto(staffId);
    const [type, etag] = await this.redis.hmget(key, 'type', 'etag');
    const data = await this.redis.hgetBuffer(key, 'data');
    if (!type || !etag || !data) throw new ApiError('photo_not_found');
    return { type, data, etag };
  }
}
