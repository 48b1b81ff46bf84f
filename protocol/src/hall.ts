import { z } from 'zod';
import { IsoTime, Slug } from './common.js';
import { PublicWindow } from './window.js';

export const PublicService = z
  .object({
    id: Slug,
    name: z.string(),
    prefix: z.string(),
    open: z.boolean().meta({ description: 'issuing tickets now' }),
    opensAt: IsoTime.optional().meta({ description: 'when closed: next time it issues tickets' }),
    closedReason: z.enum(['outside_hours', 'cutoff', 'holiday', 'quota_exhausted']).optional(),
    waiting: z.number().int(),
    estimatedWaitMinutes: z.number().int().nullable(),
    quotaLeft: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'null when the service has no daily quota' }),
    materials: z.array(z.string()).meta({
      description:
        '办事须知: what to bring (materialsEn of the hall file with Accept-Language: en)',
    }),
  })
  .meta({ id: 'Service' });
export type PublicService = z.infer<typeof PublicService>;

export const Notice = z
  .object({
    id: z.string(),
    text: z.string(),
    startsAt: IsoTime.optional(),
    endsAt: IsoTime.optional(),
  })
  .meta({ id: 'Notice' });
export type Notice = z.infer<typeof Notice>;

/** The hall's opening hours on the business day, for the kiosk's start screen. */
export const HoursToday = z
  .object({
    alwaysOpen: z.boolean(),
    periods: z
      .array(z.object({ from: z.string(), to: z.string() }))
      .meta({ description: 'opening periods, local HH:MM; empty on a day the hall is closed' }),
    cutoffMinutes: z
      .number()
      .int()
      .meta({ description: 'ticket issuing stops this many minutes before each period ends' }),
  })
  .meta({ id: 'HoursToday' });
export type HoursToday = z.infer<typeof HoursToday>;

export const HallSnapshot = z
  .object({
    id: Slug,
    name: z.string(),
    timeZone: z.string(),
    businessDay: z.string(),
    now: IsoTime,
    services: z.array(PublicService),
    windows: z.array(PublicWindow),
    notices: z.array(Notice),
    hoursToday: HoursToday.optional(),
    lastEventId: z
      .string()
      .meta({ description: 'the id of the newest event reflected in this snapshot' }),
    configVersion: z.number().int().optional().meta({
      description:
        'the version of the hall configuration it was built with; a config.changed event of a newer one means: fetch the snapshot again',
    }),
  })
  .meta({ id: 'HallSnapshot' });
export type HallSnapshot = z.infer<typeof HallSnapshot>;
