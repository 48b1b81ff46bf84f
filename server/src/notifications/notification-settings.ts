import { z } from 'zod';

/**
 * The hall file's `notifications:` section. Server-side only: it holds the webhook's secret,
 * which no client ever reads.
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
