import { z } from 'zod';
import { IsoTime, MultilineText, Slug } from './common.js';
import { Score } from './ticket.js';

/** 回访: the follow-up a bad rating (1 非常不满意 or 2 不满意) starts, due in working days. */
export const FollowUp = z
  .object({
    id: z
      .string()
      .meta({ description: 'the rated ticket id: one rating, so one follow-up, per ticket' }),
    ticketId: z.string(),
    number: z.string(),
    windowId: Slug,
    clerkId: Slug,
    serviceId: Slug,
    score: Score,
    ratedAt: IsoTime,
    createdAt: IsoTime,
    dueAt: IsoTime.meta({
      description: 'end of the last working day allowed (default 3 working days)',
    }),
    status: z.enum(['open', 'closed']),
    overdue: z.boolean().meta({ description: 'open and past dueAt' }),
    escalatedAt: IsoTime.optional().meta({ description: 'when the overdue task was escalated' }),
    closedAt: IsoTime.optional(),
    closedBy: Slug.optional(),
    note: z.string().optional().meta({ description: 'what the follow-up found and did' }),
  })
  .meta({ id: 'FollowUp' });
export type FollowUp = z.infer<typeof FollowUp>;

export const FollowUpList = z.object({ followUps: z.array(FollowUp) }).meta({ id: 'FollowUpList' });

export const CloseFollowUpBody = z
  .object({ note: MultilineText(1000) })
  .strict()
  .meta({ id: 'CloseFollowUpBody' });
export type CloseFollowUpBody = z.infer<typeof CloseFollowUpBody>;

/** DOMAIN rule 8: per clerk and day or month, how many services were offered an evaluation and how many got one. */
export const ClerkRatingStats = z
  .object({
    clerkId: Slug,
    offered: z.number().int().meta({ description: 'finished tickets whose rating prompt opened' }),
    rated: z.number().int(),
    unrated: z
      .number()
      .int()
      .meta({ description: '未评价: offered, no rating (yet, while a prompt is open)' }),
    bad: z.number().int().meta({ description: 'ratings of 1 or 2' }),
    ratedRate: z
      .number()
      .nullable()
      .meta({ description: 'rated / offered, null when nothing was offered' }),
    averageScore: z.number().nullable(),
  })
  .meta({ id: 'ClerkRatingStats' });

export const RatingStats = z
  .object({
    period: z.string().meta({ description: 'a business day (2026-11-23) or a month (2026-11)' }),
    clerks: z.array(ClerkRatingStats),
  })
  .meta({ id: 'RatingStats' });
export type RatingStats = z.infer<typeof RatingStats>;
