import { z } from 'zod';
import { AppointmentSettings } from './appointments.js';
import { Slug, TimeZone } from './common.js';
import { DeviceKind } from './devices.js';
import { ServiceLimits, TimeLimits } from './limits.js';
import { NoticeConfig, ScreenSettings } from './notices.js';
import { RankingRule } from './reports.js';

/**
 * The hall file's schema (config/*.yaml), shared by the server, which seeds and validates a
 * hall's configuration with it, and the admin console, which validates each field as it is
 * typed. Cross-field rules (a window's service exists, prefixes are unique …) are in
 * `checkHallConfig`, which both sides call too.
 */

/** An opening period such as "09:00-12:00". */
export const Period = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM-HH:MM')
  .refine((p) => p.slice(0, 5) < p.slice(6), 'a period must end after it starts');
const DayPeriods = z.array(Period).max(6);
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const ScheduleConfig = z
  .object({
    /** Open every minute of every day (the demo hall). */
    alwaysOpen: z.boolean().default(false),
    weekly: z.partialRecord(Weekday, DayPeriods).default({}),
    /** `cn`: statutory holidays and make-up workdays (调休) from the chinese-days dataset. */
    holidays: z.enum(['cn', 'none']).default('cn'),
    /** The weekday whose hours a make-up workday (调休上班) uses. */
    makeupDayHours: Weekday.default('mon'),
    /** Days that differ from the rule: a list of periods, [] for closed. Wins over everything. */
    overrides: z.record(IsoDate, DayPeriods).default({}),
    /** Ticket issuing stops this many minutes before each period ends; the queue does not. */
    cutoffMinutes: z.number().int().min(0).max(240).default(0),
  })
  .strict();
export type ScheduleConfig = z.infer<typeof ScheduleConfig>;

export const ServiceConfig = z
  .object({
    id: Slug,
    name: z.string().min(1).max(40),
    nameEn: z.string().max(80).optional(),
    prefix: z.string().regex(/^[A-Z]{1,2}$/, 'one or two capital letters'),
    averageServiceMinutes: z.number().positive().max(240).default(8),
    dailyQuota: z.number().int().positive().nullable().default(null),
    materials: z.array(z.string().min(1).max(200)).max(50).default([]),
    /** The materials in English, in the same order, for the kiosk's English mode. */
    materialsEn: z.array(z.string().min(1).max(200)).max(50).optional(),
    /** A service's own hours, when they differ from the hall's. */
    schedule: ScheduleConfig.optional(),
    /** This service's time limits where they differ from the hall's `limits`. */
    limits: ServiceLimits.optional(),
  })
  .strict();
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const WindowConfig = z
  .object({
    id: Slug,
    name: z.string().min(1).max(40),
    nameEn: z.string().min(1).max(60).optional(),
    /** Services in the order this window serves them (一窗多能). */
    services: z.array(Slug).min(1),
    /** ordered: the first service in the list with someone waiting; oldest: the longest-waiting head. */
    mode: z.enum(['ordered', 'oldest']).default('ordered'),
    /** A/B posts (AB岗): the clerk normally here and the backup. */
    clerks: z.object({ a: Slug.optional(), b: Slug.optional() }).strict().default({}),
    /** The printer device for this window's one-time notices; default: the hall's first printer. */
    printer: Slug.optional(),
  })
  .strict();
export type WindowConfig = z.infer<typeof WindowConfig>;

export const StaffRole = z.enum(['clerk', 'supervisor', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

/** A password hash as the server stores it: scrypt$N$r$p$salt$hash. */
export const PasswordHash = z
  .string()
  .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'an scrypt hash');

export const StaffConfig = z
  .object({
    id: Slug,
    name: z.string().min(1).max(40),
    jobNo: z.string().min(1).max(20),
    role: StaffRole,
    /** scrypt$N$r$p$salt$hash, made by `npm run hash-password -w server`. */
    passwordHash: PasswordHash,
    photoUrl: z.string().max(500).optional(),
    /** 已停用: cannot sign in; their sessions ended when it was set. */
    disabled: z.boolean().optional(),
    /** The password was set by an administrator: the staff member must change it. */
    mustChangePassword: z.boolean().optional(),
  })
  .strict();
export type StaffConfig = z.infer<typeof StaffConfig>;

/** The sha256 of a device token, 64 lowercase hex digits: all the server keeps of it. */
export const TokenHash = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 in hex');

export const DeviceConfig = z
  .object({
    id: Slug,
    kind: DeviceKind,
    /**
     * The device's bearer token, at least 8 characters (a hall file for the demo or for seeding);
     * the server stores only its sha256 (`tokenHash`). Keep production tokens long and secret.
     */
    token: z.string().min(8).max(200).optional(),
    /** The token's sha256 in hex, as the server stores and exports it. */
    tokenHash: TokenHash.optional(),
    windowId: Slug.optional(),
    /** A kiosk's ticket printer (a device of kind printer); default: the hall's first printer. */
    printer: Slug.optional(),
    /** 已停用: every request with this token is refused (403 device_disabled), and the device says so. */
    disabled: z.boolean().optional(),
  })
  .strict();
export type DeviceConfig = z.infer<typeof DeviceConfig>;

export const RulesConfig = z
  .object({
    /** Green tickets called in a row while normal ones wait, before a normal one must be called. */
    maxGreenInRow: z.number().int().min(1).max(20).default(2),
    /** How many times a ticket must have been called before it may be marked a no-show. */
    noShowAfterCalls: z.number().int().min(1).max(10).default(1),
    /** Recalls allowed after the first call. */
    maxRecalls: z.number().int().min(0).max(10).default(3),
    /** A re-queued no-show goes this many places behind the head of its queue. */
    requeuePlacesBehindHead: z.number().int().min(0).max(50).default(2),
    /** How long after finish a rating is accepted. */
    ratingWindowSeconds: z.number().int().min(5).max(600).default(60),
    /** A bad rating's follow-up (回访) is due this many working days after the rating. */
    followUpWorkingDays: z.number().int().min(1).max(30).default(3),
    /** A clerk idle this long at an open window (no action, console unused) is signed out; 0: never. */
    idleSignOutMinutes: z.number().min(0).max(480).default(30),
  })
  .strict();
export type RulesConfig = z.infer<typeof RulesConfig>;

export const RateLimitsConfig = z
  .object({
    ticketsPerMinutePerDevice: z.number().int().positive().default(60),
    loginsPerMinutePerUser: z.number().int().positive().default(10),
  })
  .strict();
export type RateLimitsConfig = z.infer<typeof RateLimitsConfig>;

export const PrintingConfig = z
  .object({
    /** The short notice at the foot of every ticket. */
    ticketNotice: z.string().max(300).default('请留意叫号；如过号，请到原窗口说明，可重新排队'),
    /** Copies of a one-time notice: 2 when the window keeps one (第2联 窗口留存). */
    noticeCopies: z.union([z.literal(1), z.literal(2)]).default(2),
    /**
     * A job that could not print for this long is dropped (status expired), so a printer
     * that comes back never prints tickets of residents who left long ago.
     */
    jobMaxAgeMinutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(5),
    /** Printed on every ticket; '' prints nothing. */
    validity: z.string().max(60).default('本号当日有效'),
    /** The hall's telephone for questions, printed at the foot of the ticket. */
    telephone: z.string().max(40).optional(),
    /** Opening hours as residents read them, printed at the foot of the ticket. */
    hours: z.string().max(120).optional(),
    /** Print 绿色通道 / 预约 under the number of such tickets. */
    marks: z.boolean().default(true),
  })
  .strict();
export type PrintingConfig = z.infer<typeof PrintingConfig>;

/**
 * The hall file's `notifications:` section. Its webhook secret is a secret like a password
 * hash: the configuration API shows it to admins only and the audit log redacts it.
 */
export const NotificationSettings = z
  .object({
    /** log: write each message to the server log (the demo); webhook: POST it to the SMS gateway. */
    sender: z.enum(['log', 'webhook']).default('log'),
    webhook: z
      .object({
        url: z.url({ protocol: /^https?$/ }),
        /** HMAC-SHA256 key of the body's signature; default: NOTIFY_WEBHOOK_SECRET from the environment. */
        secret: z.string().min(16).max(200).optional(),
        timeoutMs: z.number().int().min(100).max(60_000).default(5000),
      })
      .strict()
      .optional(),
    /** "Your turn is near" when this many or fewer people are ahead. */
    turnNearPosition: z.number().int().min(1).max(50).default(3),
    /** The appointment reminder goes the day before, from this local time on. */
    reminderTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
      .default('18:00'),
    /** Where the contact of a bad rating's follow-up (回访) goes: the supervisor's mobile. */
    supervisorPhone: z
      .string()
      .regex(/^1\d{10}$/, 'a mainland mobile number of 11 digits')
      .optional(),
    /** The sign at the head of each SMS (【…】); default: the hall's name. */
    signature: z.string().min(1).max(30).optional(),
  })
  .strict()
  .refine((n) => n.sender !== 'webhook' || n.webhook !== undefined, {
    message: 'sender webhook needs webhook.url',
    path: ['webhook'],
  });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/** The hall file without its cross-field rules (see `HallConfig`). */
export const HallConfigFields = z
  .object({
    id: Slug,
    name: z.string().min(1).max(60),
    nameEn: z.string().max(120).optional(),
    timeZone: TimeZone.default('Asia/Shanghai'),
    schedule: ScheduleConfig,
    rules: RulesConfig.default(RulesConfig.parse({})),
    /** Time limits (限时办结): yellow and red cards, 空岗 and 脱岗; services may override. */
    limits: TimeLimits.default(TimeLimits.parse({})),
    rateLimits: RateLimitsConfig.default(RateLimitsConfig.parse({})),
    services: z.array(ServiceConfig).min(1),
    windows: z.array(WindowConfig).min(1),
    staff: z.array(StaffConfig).default([]),
    devices: z.array(DeviceConfig).default([]),
    printing: PrintingConfig.default(PrintingConfig.parse({})),
    /** The hall screen: voice, quiet hours, layout (protocol ScreenSettings). */
    screen: ScreenSettings.default(ScreenSettings.parse({})),
    /** Rolling notices (滚动公告) from the hall file; supervisors add more through the API. */
    notices: z.array(NoticeConfig).max(100).default([]),
    /** The month's 流动红旗 ranking of windows and clerks: the weight of each part (reports). */
    ranking: RankingRule.default(RankingRule.parse({})),
    /** Appointment slots (预约): length, capacity, check-in window, per service. */
    appointments: AppointmentSettings.default(AppointmentSettings.parse({})),
    /** SMS notifications: the sender (log or webhook) and when they are sent. */
    notifications: NotificationSettings.default(NotificationSettings.parse({})),
  })
  .strict();

/** One problem of a configuration: the dotted path of the field and what is wrong. */
export interface ConfigIssue {
  path: string;
  message: string;
}

type RawIssue = { path: (string | number)[]; message: string };

function crossIssues(hall: z.infer<typeof HallConfigFields>): RawIssue[] {
  const issues: RawIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const unique = (items: readonly { id?: unknown }[], path: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const id = String(item.id);
      if (seen.has(id)) add([path, i, 'id'], `duplicate id ${id}`);
      seen.add(id);
    });
  };
  unique(hall.services, 'services');
  unique(hall.windows, 'windows');
  unique(hall.staff, 'staff');
  unique(hall.devices, 'devices');
  unique(hall.notices, 'notices');
  const prefixes = new Set<string>();
  hall.services.forEach((s, i) => {
    if (prefixes.has(s.prefix)) add(['services', i, 'prefix'], `prefix ${s.prefix} is used twice`);
    prefixes.add(s.prefix);
    // the English list is read beside the Chinese one: item for item
    if (s.materialsEn && s.materialsEn.length !== s.materials.length)
      add(
        ['services', i, 'materialsEn'],
        `${s.materialsEn.length} English materials for ${s.materials.length} materials`,
      );
  });
  const serviceIds = new Set(hall.services.map((s) => s.id));
  const staffIds = new Set(hall.staff.map((s) => s.id));
  const windowIds = new Set(hall.windows.map((w) => w.id));
  hall.windows.forEach((w, i) => {
    w.services.forEach((s, j) => {
      if (!serviceIds.has(s)) add(['windows', i, 'services', j], `unknown service ${s}`);
    });
    for (const post of ['a', 'b'] as const) {
      const clerk = w.clerks[post];
      if (clerk !== undefined && !staffIds.has(clerk))
        add(['windows', i, 'clerks', post], `unknown staff ${clerk}`);
    }
  });
  hall.services.forEach((s, i) => {
    if (!hall.windows.some((w) => w.services.includes(s.id)))
      add(['services', i, 'id'], `no window serves ${s.id}`);
  });
  hall.devices.forEach((d, i) => {
    if (d.windowId !== undefined && !windowIds.has(d.windowId))
      add(['devices', i, 'windowId'], `unknown window ${d.windowId}`);
  });
  for (const serviceId of Object.keys(hall.appointments.services)) {
    if (!serviceIds.has(serviceId))
      add(['appointments', 'services', serviceId], `unknown service ${serviceId}`);
  }
  const printers = new Set(hall.devices.filter((d) => d.kind === 'printer').map((d) => d.id));
  const checkPrinter = (printer: string | undefined, path: (string | number)[]) => {
    if (printer !== undefined && !printers.has(printer)) add(path, `no printer device ${printer}`);
  };
  hall.devices.forEach((d, i) => checkPrinter(d.printer, ['devices', i, 'printer']));
  hall.windows.forEach((w, i) => checkPrinter(w.printer, ['windows', i, 'printer']));
  const tokens = new Set<string>();
  const hashes = new Set<string>();
  hall.devices.forEach((d, i) => {
    if (d.token === undefined && d.tokenHash === undefined)
      add(['devices', i, 'tokenHash'], 'a device needs a token or a tokenHash');
    if (d.token !== undefined) {
      if (tokens.has(d.token)) add(['devices', i, 'token'], 'token used twice');
      tokens.add(d.token);
    }
    if (d.tokenHash !== undefined) {
      if (hashes.has(d.tokenHash)) add(['devices', i, 'tokenHash'], 'token used twice');
      hashes.add(d.tokenHash);
    }
  });
  return issues;
}

/**
 * The cross-field rules of a hall configuration whose fields are each valid: unique ids and
 * prefixes, windows' services and clerks exist, every service has a window, printers and
 * windows named by devices exist, each device has a token. Empty when all hold.
 */
export function checkHallConfig(hall: z.infer<typeof HallConfigFields>): ConfigIssue[] {
  return crossIssues(hall).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Every problem of a zod error as `{ path: 'services.2.prefix', message }`. */
export function configIssuesOf(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
}

/** A whole hall configuration: each field valid and the cross-field rules held. */
export const HallConfig = HallConfigFields.superRefine((hall, ctx) => {
  for (const issue of crossIssues(hall))
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
export type HallConfig = z.infer<typeof HallConfig>;

/** Top-level sections of a hall configuration. */
export type HallConfigSection = keyof HallConfig;
