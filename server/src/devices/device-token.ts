import { createHash, randomBytes } from 'node:crypto';

/** The sha256 of a device token in hex: what the hall's configuration keeps of it (tokenHash). */
export function deviceTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new device token: 32 random bytes, base64url (43 characters). */
export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The hash a device entry of a hall file stands for (its tokenHash, or its plain token's). */
export function hashOfDevice(device: { token?: string; tokenHash?: string }): string {
  return device.tokenHash ?? deviceTokenHash(device.token ?? '');
}
