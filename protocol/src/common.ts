import { z } from 'zod';

/** Ids of halls, services, windows and staff in configuration: short, URL-safe. */
export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _ only');

/** ISO 8601 time with offset, in the hall's time zone. */
export const IsoTime = z.iso
  .datetime({ offset: true })
  .meta({ example: '2026-11-23T09:30:00.000+08:00' });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'window_busy' }),
      message: z.string(),
      field: z
        .string()
        .optional()
        .meta({ description: 'the offending field, for invalid_request' }),
      opensAt: IsoTime.optional().meta({
        description: 'when the service opens, for service_closed',
      }),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An IANA time zone this runtime's Intl knows, such as Asia/Shanghai. */
export const TimeZone = z
  .string()
  .min(1)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Asia/Shanghai');
