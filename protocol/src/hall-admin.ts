import { z } from 'zod';
import { IsoTime, Slug } from './common.js';
import { DeviceKind } from './devices.js';
import {
  DeviceConfig,
  HallConfigFields,
  PasswordHash,
  StaffConfig,
  StaffRole,
  TokenHash,
} from './hall-config.js';

/**
 * The hall's configuration API (admin console): the configuration with its version, the
 * audit log, staff and devices. Every change goes through the same versioned store.
 */

/** What supervisors read in place of a hash; sent back, it keeps the stored value. */
export const REDACTED_VALUE = '[redacted]';
const Redacted = z.literal(REDACTED_VALUE);

/**
 * The configuration as the API shows it: the hall file's schema, where a supervisor reads
 * `[redacted]` for password and token hashes and no webhook secret at all.
 */
export const HallConfigView = HallConfigFields.extend({
  staff: z.array(StaffConfig.extend({ passwordHash: z.union([PasswordHash, Redacted]) })),
  devices: z.array(DeviceConfig.extend({ tokenHash: z.union([TokenHash, Redacted]).optional() })),
}).meta({ id: 'HallConfigView' });

/** `GET /halls/{hallId}/config`: the hall file's schema as JSON (secrets as hashes) and its version. */
export const HallConfigDocument = z
  .object({
    version: z.number().int().meta({ description: 'also the ETag; send it back in If-Match' }),
    config: HallConfigView,
  })
  .meta({ id: 'HallConfigDocument' });
export type HallConfigDocument = z.infer<typeof HallConfigDocument>;

/** `PUT /halls/{hallId}/config`: the edited configuration, wrapped or bare. */
export const HallConfigPut = z
  .union([z.object({ config: HallConfigFields }), HallConfigFields])
  .meta({ id: 'HallConfigPut' });

/** One changed field in the audit log; hashes and secrets show as [redacted]. */
export const ConfigChange = z
  .object({
    path: z.string().meta({ example: 'services[labor].name' }),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .meta({ id: 'ConfigChange' });
export type ConfigChange = z.infer<typeof ConfigChange>;

export const AuditKind = z.enum([
  'config.seeded',
  'config.changed',
  'config.restored',
  'staff.created',
  'staff.changed',
  'staff.password_reset',
  'staff.password_changed',
  'staff.photo',
  'device.created',
  'device.revoked',
  'device.token_issued',
  /** 指定叫号: a ticket called out of order, with the clerk's reason. */
  'ticket.chosen_call',
  'ticket.transferred',
  'ticket.requeued',
  /** AB岗: a clerk took over a window from the post partner. */
  'window.taken_over',
  /** A clerk idle too long was signed out by the server. */
  'window.idle_sign_out',
  'follow_up.closed',
]);
export type AuditKind = z.infer<typeof AuditKind>;

export const AuditEntry = z
  .object({
    id: z.string().meta({ description: 'the stream id of the entry (audit log or event stream)' }),
    at: IsoTime,
    kind: AuditKind,
    by: z.string().meta({ description: "staff id ('file' for a hall file); '' when not known" }),
    version: z
      .number()
      .int()
      .optional()
      .meta({ description: 'configuration changes: the new version' }),
    sections: z.array(z.string()).optional(),
    changes: z.array(ConfigChange).optional(),
    ticketId: z.string().optional(),
    number: z.string().optional(),
    windowId: Slug.optional(),
    detail: z.string().optional().meta({
      description: "the reason of a chosen call, a transfer's target, a follow-up's id …",
    }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditLog = z.object({ entries: z.array(AuditEntry) }).meta({ id: 'AuditLog' });
export type AuditLog = z.infer<typeof AuditLog>;

/** A staff member as the admin console lists them: never the password hash. */
export const StaffView = StaffConfig.omit({ passwordHash: true }).meta({ id: 'StaffView' });
export type StaffView = z.infer<typeof StaffView>;

export const StaffCreateBody = z
  .object({
    id: Slug,
    name: z.string().trim().min(1).max(40),
    jobNo: z.string().trim().min(1).max(20),
    role: StaffRole,
  })
  .strict()
  .meta({ id: 'StaffCreateBody' });

export const StaffPatchBody = z
  .object({
    name: z.string().trim().min(1).max(40).optional(),
    jobNo: z.string().trim().min(1).max(20).optional(),
    role: StaffRole.optional(),
    /** true: the account is disabled and its sessions end at once. */
    disabled: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'StaffPatchBody' });

/** A staff change's answer; `password` only when one was made (shown once, never stored plain). */
export const StaffResult = z
  .object({
    version: z.number().int(),
    staff: StaffView,
    password: z.string().optional().meta({
      description: 'the one-time password: show it once; it must be changed at the first login',
    }),
  })
  .meta({ id: 'StaffResult' });
export type StaffResult = z.infer<typeof StaffResult>;

export const PasswordChangeBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(1).max(200).meta({ description: 'at least 8 characters' }),
  })
  .strict()
  .meta({ id: 'PasswordChangeBody' });

/** A device as the admin console lists it: never its token, only the token's hash. */
export const DeviceView = DeviceConfig.omit({ token: true }).meta({ id: 'DeviceView' });
export type DeviceView = z.infer<typeof DeviceView>;

export const DeviceCreateBody = z
  .object({
    id: Slug,
    kind: DeviceKind,
    windowId: Slug.optional(),
    printer: Slug.optional(),
  })
  .strict()
  .meta({ id: 'DeviceCreateBody' });

/** A device's new token, shown once: only its sha256 is kept. */
export const DeviceTokenResult = z
  .object({
    version: z.number().int(),
    device: DeviceView,
    token: z.string().meta({ description: '32 random bytes, base64url; shown once' }),
    pairingUrl: z.string().optional().meta({
      description:
        'the address to open on the device (kiosk, screen, window display); it stores the token',
    }),
    setup: z.string().meta({ description: 'how to pair this kind of device, in Chinese' }),
  })
  .meta({ id: 'DeviceTokenResult' });
export type DeviceTokenResult = z.infer<typeof DeviceTokenResult>;

export const DeviceResult = z
  .object({ version: z.number().int(), device: DeviceView })
  .meta({ id: 'DeviceResult' });

/** One day of the hall's calendar as its schedule makes it (the admin console's holiday calendar). */
export const CalendarDay = z
  .object({
    date: z.string().meta({ example: '2026-10-01' }),
    kind: z.enum(['workday', 'weekend', 'holiday', 'makeup_workday', 'override', 'always']).meta({
      description:
        'holiday: statutory holiday (法定节假日); makeup_workday: 调休上班; override: the schedule names this date',
    }),
    name: z.string().optional().meta({ description: "the holiday's name in Chinese, e.g. 国庆节" }),
    periods: z.array(z.object({ from: z.string(), to: z.string() })),
  })
  .meta({ id: 'CalendarDay' });
export type CalendarDay = z.infer<typeof CalendarDay>;

export const HallCalendar = z
  .object({
    year: z.number().int(),
    serviceId: Slug.optional(),
    datasetCovers: z.boolean().meta({
      description:
        "false: the holiday dataset has no statutory holidays for this year: add them as the schedule's overrides",
    }),
    days: z.array(CalendarDay),
  })
  .meta({ id: 'HallCalendar' });
export type HallCalendar = z.infer<typeof HallCalendar>;
