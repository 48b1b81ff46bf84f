import { z } from 'zod';

/** Ids of halls, services, windows and staff in configuration: short, URL-safe. */
export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _ only');

// C0 and C1 control characters (NUL, ESC, DEL …) and the bidirectional overrides that make a
// text read otherwise on screen than in the log
const CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_BUT_NEWLINE = /(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

/** Text a person typed (a code, a note, a reason): trimmed, 1..max characters, no control characters. */
export const PlainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL.test(s), 'control characters are not allowed');

/** Like PlainText, with line breaks allowed (a notice, a follow-up's note). */
export const MultilineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !CONTROL_BUT_NEWLINE.test(s), 'control characters are not allowed');

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
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .meta({
          description:
            'invalid_config: every bad field, its dotted path (services.2.prefix) and the problem',
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
