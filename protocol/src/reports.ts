import { z } from 'zod';
import { IsoTime, Slug } from './common.js';
import { CheckInResult, Outcome, RatingSource, Score, TicketPriority } from './ticket.js';

/** A real calendar date, YYYY-MM-DD (2026-02-30 is refused). */
export const ReportDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date')
  .meta({ example: '2026-11-23' });

/** A calendar month, YYYY-MM. */
export const ReportMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
  .meta({ example: '2026-11' });

export const ReportBy = z.enum(['hall', 'service', 'window', 'clerk']);
export type ReportBy = z.infer<typeof ReportBy>;

export const ReportFormat = z.enum(['json', 'xlsx', 'csv']);

/** Query of GET /halls/{hallId}/reports: hall-local dates, inclusive, at most 366 days. */
export const ReportQuery = z
  .object({
    from: ReportDate,
    to: ReportDate,
    by: ReportBy.default('hall'),
    format: ReportFormat.default('json'),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** Minutes as mean, median and 90th percentile; null when there was no case. */
export const TimeFigures = z
  .object({
    mean: z.number().nullable(),
    median: z.number().nullable(),
    p90: z.number().nullable(),
  })
  .meta({ id: 'TimeFigures' });
export type TimeFigures = z.infer<typeof TimeFigures>;

export const HourFigures = z.object({
  hour: z.number().int().min(0).max(23),
  arrivals: z.number().int(),
  calls: z.number().int(),
});

/** One row of a report: the hall, a service, a window or a clerk (docs/reports.md defines each figure). */
export const ReportRow = z
  .object({
    key: z.string().meta({ description: "the service, window or clerk id, or 'hall'" }),
    name: z.string(),
    issued: z.number().int().meta({
      description:
        'hall and service: tickets issued; window and clerk: cases taken first (首问受理)',
    }),
    served: z.number().int().meta({ description: 'services finished (any outcome)' }),
    noShow: z.number().int(),
    expired: z.number().int(),
    transferred: z.number().int(),
    recalled: z.number().int(),
    chosenCalls: z.number().int().meta({ description: '指定叫号' }),
    waitMinutes: TimeFigures.meta({ description: 'issue to first call' }),
    serviceMinutes: TimeFigures.meta({ description: 'start to finish at the finishing window' }),
    withinLimitRate: z.number().nullable().meta({
      description: "及时办结率: share of served cases within the service's red service-time limit",
    }),
    oneTimeNotices: z
      .number()
      .int()
      .meta({ description: '一次性告知 (outcome materials_missing)' }),
    ratingsOffered: z.number().int(),
    ratingsGiven: z.number().int(),
    badRatings: z.number().int().meta({ description: 'ratings of 1 or 2（不满意、非常不满意）' }),
    satisfactionRate: z
      .number()
      .nullable()
      .meta({ description: '满意率: ratings of 4 or 5 over given' }),
    byHour: z.array(HourFigures).length(24),
    appointments: z.number().int().meta({
      description: 'hall and service: tickets with appointment priority (预约签到, on time)',
    }),
    greenChannel: z
      .number()
      .int()
      .meta({ description: 'hall and service: tickets issued green channel (绿色通道)' }),
    staffIssued: z
      .number()
      .int()
      .meta({ description: 'hall and service: tickets staff issued for residents (工作人员代取)' }),
    priorityChanges: z
      .number()
      .int()
      .meta({ description: 'hall and service: waiting tickets staff moved into or out of green' }),
  })
  .meta({ id: 'ReportRow' });
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportDay = z.object({
  date: z.string(),
  issued: z.number().int(),
  served: z.number().int(),
  waitMean: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
});

export const Report = z
  .object({
    hallId: Slug,
    hallName: z.string(),
    from: z.string(),
    to: z.string(),
    by: ReportBy,
    rows: z.array(ReportRow),
    /** The hall as a whole, whatever `by` is (the print view's totals). */
    total: ReportRow,
    /** The hall per day of the period (the month's trend). */
    days: z.array(ReportDay),
    /** The hall's waiting times in bands (for the distribution chart). */
    waitDistribution: z.array(
      z.object({ fromMinutes: z.number(), toMinutes: z.number().nullable(), count: z.number() }),
    ),
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;

export const CaseQuery = z
  .object({
    date: ReportDate,
    number: z
      .string()
      .regex(/^[A-Za-z0-9]{1,8}$/)
      .optional(),
    windowId: Slug.optional(),
    clerkId: Slug.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    format: z.enum(['json', 'xlsx']).default('json'),
  })
  .strict();
export type CaseQuery = z.infer<typeof CaseQuery>;

/** One case of the ledger (台帐): a ticket's whole story as the events told it. */
export const CaseRecord = z
  .object({
    number: z.string(),
    serviceId: Slug,
    serviceName: z.string(),
    priority: TicketPriority.meta({
      description: 'the priority at issue (预约 / 绿色通道 / normal)',
    }),
    checkIn: CheckInResult.nullable()
      .optional()
      .meta({ description: 'checked in with an appointment: on time or late' }),
    issuedBy: z
      .object({ by: z.string(), reason: z.string() })
      .nullable()
      .optional()
      .meta({ description: 'issued by staff for a resident, with the reason given for green' }),
    priorityChanges: z
      .array(
        z.object({
          at: IsoTime,
          from: TicketPriority,
          to: TicketPriority,
          by: z.string(),
          reason: z.string(),
        }),
      )
      .optional()
      .meta({ description: 'a clerk or supervisor moved the waiting ticket between lanes' }),
    issuedAt: IsoTime.nullable(),
    calls: z.array(
      z.object({
        at: IsoTime,
        windowId: Slug,
        clerkId: z.string().nullable(),
        recall: z.boolean(),
        reason: z.string().nullable(),
      }),
    ),
    startedAt: IsoTime.nullable(),
    finishedAt: IsoTime.nullable(),
    windowIds: z.array(Slug),
    clerkIds: z.array(z.string()),
    status: z.enum(['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'expired']),
    outcome: Outcome.nullable(),
    transfers: z.array(
      z.object({
        at: IsoTime,
        fromWindowId: Slug,
        toServiceId: Slug.nullable(),
        toWindowId: Slug.nullable(),
        note: z.string(),
      }),
    ),
    chosenReasons: z.array(z.string()).meta({ description: '指定叫号 reasons' }),
    missingMaterials: z.array(z.string()).meta({ description: '一次性告知 materials' }),
    rating: z.object({ score: Score, source: RatingSource, at: IsoTime }).nullable(),
    waitMinutes: z.number().nullable(),
    serviceMinutes: z.number().nullable(),
    withinLimit: z.boolean().nullable(),
  })
  .meta({ id: 'CaseRecord' });
export type CaseRecord = z.infer<typeof CaseRecord>;

export const CaseList = z
  .object({
    date: z.string(),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    cases: z.array(CaseRecord),
  })
  .meta({ id: 'CaseList' });
export type CaseList = z.infer<typeof CaseList>;

/** 流动红旗: how the month's ranking scores windows and clerks (the hall file's `ranking`). */
export const RankingRule = z
  .object({
    /** Points for served cases, scaled to the month's busiest window or clerk. */
    served: z.number().min(0).max(100).default(30),
    /** Points times the satisfaction rate (满意率). */
    satisfaction: z.number().min(0).max(100).default(30),
    /** Points times the within-limit rate (及时办结率). */
    withinLimit: z.number().min(0).max(100).default(30),
    /** Points for no complaints (bad ratings 1–2), less `perComplaint` for each. */
    noComplaints: z.number().min(0).max(100).default(10),
    perComplaint: z.number().min(0).max(100).default(5),
  })
  .strict()
  .meta({ id: 'RankingRule' });
export type RankingRule = z.infer<typeof RankingRule>;

export const RankingEntry = z.object({
  rank: z.number().int(),
  key: z.string(),
  name: z.string(),
  served: z.number().int(),
  satisfactionRate: z.number().nullable(),
  withinLimitRate: z.number().nullable(),
  badRatings: z.number().int(),
  parts: z.object({
    served: z.number(),
    satisfaction: z.number(),
    withinLimit: z.number(),
    noComplaints: z.number(),
  }),
  score: z.number(),
});
export type RankingEntry = z.infer<typeof RankingEntry>;

export const Ranking = z
  .object({
    month: z.string(),
    rule: RankingRule,
    windows: z.array(RankingEntry),
    clerks: z.array(RankingEntry),
  })
  .meta({ id: 'Ranking' });
export type Ranking = z.infer<typeof Ranking>;

export const RankingQuery = z
  .object({ month: ReportMonth, format: z.enum(['json', 'xlsx']).default('json') })
  .strict();

export const AttendanceQuery = z
  .object({ from: ReportDate, to: ReportDate, format: z.enum(['json', 'xlsx']).default('json') })
  .strict()
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['from'] });

export const AttendanceSession = z.object({
  windowId: Slug,
  signedInAt: IsoTime,
  signedOutAt: IsoTime.nullable(),
  minutes: z.number(),
  handoverFrom: z.string().nullable().meta({ description: 'AB岗: took over from this clerk' }),
  handoverTo: z.string().nullable().meta({ description: 'AB岗: handed over to this clerk' }),
  idleSignOut: z.boolean().meta({ description: 'signed out by the system (脱岗)' }),
  pauses: z.array(
    z.object({
      kind: z.enum(['brief', 'closed']),
      from: IsoTime,
      to: IsoTime.nullable(),
      minutes: z.number(),
    }),
  ),
});

export const Attendance = z
  .object({
    from: z.string(),
    to: z.string(),
    clerks: z.array(
      z.object({
        clerkId: z.string(),
        name: z.string(),
        jobNo: z.string(),
        sessions: z.array(AttendanceSession),
        signedInMinutes: z.number(),
        briefPauseMinutes: z.number(),
        closedPauseMinutes: z.number(),
      }),
    ),
  })
  .meta({ id: 'Attendance' });
export type Attendance = z.infer<typeof Attendance>;
