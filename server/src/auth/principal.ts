import type { DeviceConfig, StaffConfig } from '../config/hall-config.js';

/** Who is calling: a signed-in staff member or a configured device, always of one hall. */
export type Principal =
  | { kind: 'staff'; hallId: string; user: StaffConfig }
  | { kind: 'device'; hallId: string; device: DeviceConfig };

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
