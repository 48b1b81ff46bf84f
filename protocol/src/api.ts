import { z } from 'zod';
import { IsoTime, PlainText, Slug } from './common.js';
import { Outcome, Priority, RatingSource, Score } from './ticket.js';

const Text = PlainText;

export const LoginBody = z
  .object({ username: Text(64), password: z.string().min(1).max(256), hallId: Slug.optional() })
  .strict()
  .meta({ id: 'LoginBody' });

export const User = z
  .object({
    id: Slug,
    name: z.string(),
    role: z.enum(['clerk', 'supervisor', 'admin']),
    jobNo: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;
export type Role = User['role'];

export const LoginResult = z
  .object({
    token: z.string(),
    user: User,
    hallId: Slug.optional().meta({ description: 'the hall this session belongs to' }),
    mustChangePassword: z.boolean().optional().meta({
      description:
        'true: the password was set by an administrator; change it (POST /auth/password)',
    }),
  })
  .meta({ id: 'LoginResult' });

export const IssueTicketBody = z
  .object({
    serviceId: Slug,
    priority: Priority.optional(),
    appointmentCode: Text(32).optional(),
    phone: z
      .string()
      .regex(/^1\d{10}$/, 'a mainland mobile number of 11 digits')
      .optional()
      .meta({ description: 'kept for notifications; never shown on public screens or events' }),
    requestId: Text(128)
      .optional()
      .meta({ description: 'idempotency key: a retry with the same id returns the first ticket' }),
  })
  .strict()
  .meta({ id: 'IssueTicketBody' });
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

export const CallChosenBody = z
  .object({ ticketId: Text(80), reason: Text(200) })
  .strict()
  .meta({ id: 'CallChosenBody' });

export const FinishBody = z
  .object({ outcome: Outcome, missingMaterials: z.array(Text(200)).max(50).optional() })
  .strict()
  .meta({ id: 'FinishBody' });

export const TransferBody = z
  .object({ toServiceId: Slug.optional(), toWindowId: Slug.optional(), note: Text(200).optional() })
  .strict()
  .refine((b) => (b.toServiceId === undefined) !== (b.toWindowId === undefined), {
    message: 'give exactly one of toServiceId and toWindowId',
    path: ['toServiceId'],
  })
  .meta({ id: 'TransferBody' });

export const PauseBody = z
  .object({ kind: z.enum(['brief', 'closed']), note: Text(200).optional() })
  .strict()
  .meta({ id: 'PauseBody' });

export const RequeueBody = z
  .object({ ticketId: Text(80) })
  .strict()
  .meta({ id: 'RequeueBody' });

export const RatingBody = z
  .object({
    score: Score,
    source: RatingSource,
    ticketId: Text(80)
      .optional()
      .meta({ description: 'required from a phone; devices may send it to make a resend safe' }),
    key: z
      .string()
      .max(64)
      .optional()
      .meta({ description: "required from a phone: the key of the ticket's phone link (?k=)" }),
    pressedAt: IsoTime.optional().meta({
      description:
        'device resends only (with ticketId): when the key was pressed; a rating pressed before the ' +
        'deadline is accepted after it, e.g. when the server was unreachable',
    }),
  })
  .strict()
  .meta({ id: 'RatingBody' });

export const Rating = z
  .object({
    ticketId: z.string(),
    windowId: Slug,
    clerkId: Slug,
    serviceId: Slug,
    score: Score,
    source: RatingSource,
    at: z.string(),
  })
  .meta({ id: 'Rating' });
export type Rating = z.infer<typeof Rating>;
