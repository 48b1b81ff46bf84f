import { z } from 'zod';
import { IsoTime, Slug } from './common.js';
import { LimitsView } from './alerts.js';
import { User } from './api.js';

/** A clerk's own desk: where they are signed in, their A/B posts and today's counts. */
export const ClerkDesk = z
  .object({
    user: User,
    businessDay: z.string(),
    windowId: Slug.nullable().meta({ description: 'the window this clerk is signed in at now' }),
    posts: z
      .array(z.object({ windowId: Slug, post: z.enum(['a', 'b']) }))
      .meta({ description: 'AB岗: the windows where this clerk is the A or the B post' }),
    idleSignOutMinutes: z.number().meta({ description: '0: never signed out when idle' }),
    limits: LimitsView.meta({
      description: 'time limits (限时办结): the service timer turns yellow and red',
    }),
    today: z.object({
      served: z.number().int().meta({ description: 'tickets this clerk finished today' }),
      noShows: z.number().int(),
      averageServiceSeconds: z
        .number()
        .int()
        .nullable()
        .meta({ description: 'mean time from start to finish' }),
      rated: z.number().int(),
      unrated: z.number().int().meta({ description: '未评价: the rating time passed without one' }),
      averageScore: z.number().nullable(),
      scores: z.array(z.number().int()).length(5).meta({ description: 'counts of scores 1 … 5' }),
    }),
    lastFinished: z
      .object({
        ticketId: z.string(),
        number: z.string(),
        finishedAt: IsoTime,
        ratingDeadline: IsoTime.optional(),
        score: z.number().int().optional(),
        rating: z.enum(['rated', 'awaiting', 'not_rated']),
      })
      .optional()
      .meta({ description: "the clerk's last finished ticket and its evaluation" }),
  })
  .meta({ id: 'ClerkDesk' });
export type ClerkDesk = z.infer<typeof ClerkDesk>;
