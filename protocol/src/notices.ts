import { z } from 'zod';
import { IsoTime, MultilineText, Slug } from './common.js';

/** Days of the week in the hall's time zone, as the hall configuration names them. */
export const NoticeDay = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type NoticeDay = z.infer<typeof NoticeDay>;

const NoticeText = MultilineText(500);
const NoticeTextEn = MultilineText(1000);
const NoticeDays = z
  .array(NoticeDay)
  .max(7)
  .meta({ description: 'shown only on these days (hall time zone); absent or empty: every day' });

const endsAfterStart = (n: { startsAt?: string | null; endsAt?: string | null }) =>
  !n.startsAt || !n.endsAt || Date.parse(n.endsAt) > Date.parse(n.startsAt);
const endsAfterStartIssue = { message: 'endsAt must be after startsAt', path: ['endsAt'] };

/** A supervisor's new rolling notice (滚动公告) for the hall screen. */
const noticeFields = {
  text: NoticeText,
  textEn: NoticeTextEn.optional(),
  startsAt: IsoTime.optional(),
  endsAt: IsoTime.optional(),
  days: NoticeDays.optional(),
};

export const NoticeBody = z
  .object(noticeFields)
  .strict()
  .refine(endsAfterStart, endsAfterStartIssue)
  .meta({ id: 'NoticeBody' });
export type NoticeBody = z.infer<typeof NoticeBody>;

/** Changes to a notice: the fields given are replaced; null clears an optional field. */
export const NoticeEditBody = z
  .object({
    text: NoticeText.optional(),
    textEn: NoticeTextEn.nullable().optional(),
    startsAt: IsoTime.nullable().optional(),
    endsAt: IsoTime.nullable().optional(),
    days: NoticeDays.nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' })
  .refine(endsAfterStart, endsAfterStartIssue)
  .meta({ id: 'NoticeEditBody' });
export type NoticeEditBody = z.infer<typeof NoticeEditBody>;

/** The supervisor's notices in the order they roll; notices not listed follow in their old order. */
export const NoticeOrderBody = z
  .object({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) })
  .strict()
  .meta({ id: 'NoticeOrderBody' });
export type NoticeOrderBody = z.infer<typeof NoticeOrderBody>;

/** A notice as supervisors manage it: its schedule, where it comes from and whether it shows now. */
export const ManagedNotice = z
  .object({
    id: z.string(),
    text: z.string(),
    textEn: z.string().optional(),
    startsAt: IsoTime.optional(),
    endsAt: IsoTime.optional(),
    days: z.array(NoticeDay).optional(),
    order: z.number().int(),
    source: z.enum(['config', 'supervisor']).meta({
      description: 'config: from the hall file (read-only here); supervisor: made through this API',
    }),
    active: z.boolean().meta({ description: 'shown on the hall screen now' }),
    updatedAt: IsoTime.optional(),
  })
  .meta({ id: 'ManagedNotice' });
export type ManagedNotice = z.infer<typeof ManagedNotice>;

const QuietPeriod = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM-HH:MM')
  .meta({ description: 'hall time; may run past midnight, e.g. 22:00-07:30' });

/** How the hall screen shows and speaks calls; part of the hall configuration (`screen:`). */
export const ScreenSettings = z
  .object({
    /** {number}: ticket number; {window}: window name; {windowId}: window id. */
    callTemplate: z.string().min(1).max(200).default('请{number}号到{windowId}号窗口办理'),
    /** How many times each call is spoken. */
    repeat: z.number().int().min(1).max(5).default(2),
    /** 0 (silent) … 1 (full). */
    volume: z.number().min(0).max(1).default(1),
    /** Speaking rate of the speech engine (1 = normal). */
    rate: z.number().min(0.5).max(2).default(0.9),
    /** A chime before each call. */
    chime: z.boolean().default(true),
    /** No sound in these periods; calls are still shown. */
    quietHours: z.array(QuietPeriod).max(6).default([]),
    /** Calls older than this when the screen receives them (after a reconnect) are shown, not spoken. */
    speakMaxAgeSeconds: z.number().int().min(1).max(3600).default(60),
    /** How many recent calls the screen lists. */
    recentCalls: z.number().int().min(1).max(20).default(8),
    /** tv: 1920×1080 and similar; led: low-resolution LED walls; auto: by the screen's size. */
    layout: z.enum(['auto', 'tv', 'led']).default('auto'),
    /** The LED wall's size when layout is led and the address gives none, e.g. 384x192. */
    ledSize: z
      .string()
      .regex(/^\d{2,4}x\d{2,4}$/, 'WIDTHxHEIGHT')
      .optional(),
  })
  .strict()
  .meta({ id: 'ScreenSettings' });
export type ScreenSettings = z.infer<typeof ScreenSettings>;

/** A rolling notice in the hall file (`notices:`). */
export const NoticeConfig = z
  .object({ id: Slug, ...noticeFields })
  .strict()
  .refine(endsAfterStart, endsAfterStartIssue);
export type NoticeConfig = z.infer<typeof NoticeConfig>;
