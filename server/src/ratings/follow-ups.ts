import type { FollowUp, RatingStats } from '@hall/protocol';
import { Queue, QueueEvents, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Clock } from '../auth/principal.js';
import { toHallIso } from '../domain/business-day.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import { isWorkingDay, workingDaysLater } from '../domain/working-days.js';
import { ApiError } from '../errors.js';
import type { HallService, RatingFollowUps } from '../halls/hall-service.js';
import { hallKeys } from '../store/keys.js';
import type { FollowUpRecord, FollowUpStore } from './follow-up-store.js';

export const FOLLOW_UP_QUEUE = 'hall-follow-up';
/** create: the task of one bad rating; escalate: create what is pending, escalate what is overdue. */
export type FollowUpJobName = 'create' | 'escalate';
export interface FollowUpJobData {
  hallId: string;
  ticketId?: string;
}

export interface FollowUpsOptions {
  store: FollowUpStore;
  halls: Map<string, HallService>;
  clock: Clock;
  calendar: HolidayCalendar;
  logger: Logger;
}

export interface FollowUpJobsOptions {
  connection: ConnectionOptions;
  /** BullMQ key prefix; keep a hash tag ({bull}) so a queue's keys share one cluster slot. */
  prefix: string;
  /** How often each hall's overdue tasks are looked for. */
  escalateEveryMs: number;
}

/**
 * 回访: a bad rating (1 or 2) starts a follow-up task through a BullMQ job, due after the hall's
 * follow-up working days (default 3, holidays and make-up workdays from its calendar); a supervisor
 * closes it with a note; an open task past due is escalated once. The task is keyed by the ticket
 * id, so every step is idempotent and a job delivered twice changes nothing.
 */
export class FollowUps implements RatingFollowUps {
  private queue: Queue<FollowUpJobData> | null = null;
  private worker: Worker<FollowUpJobData> | null = null;
  private queueEvents: QueueEvents | null = null;

  constructor(private readonly opts: FollowUpsOptions) {}

  /** Starts the queue, its worker and each hall's escalation schedule. */
  async startJobs(jobs: FollowUpJobsOptions): Promise<void> {
    const { connection, prefix } = jobs;
    this.queue = new Queue<FollowUpJobData>(FOLLOW_UP_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: 1000,
        removeOnFail: 1000,
      },
    });
    this.worker = new Worker<FollowUpJobData>(FOLLOW_UP_QUEUE, (job) => this.process(job), {
      connection,
      prefix,
    });
    this.worker.on('failed', (job, err) =>
      this.opts.logger.error({ err, job: job?.name, data: job?.data }, 'follow-up job failed'),
    );
    this.queueEvents = new QueueEvents(FOLLOW_UP_QUEUE, { connection, prefix });
    await Promise.all([this.worker.waitUntilReady(), this.queueEvents.waitUntilReady()]);
    for (const hall of this.opts.halls.values()) {
      await this.queue.upsertJobScheduler(
        `follow-up-escalate.${hall.id}`,
        { every: jobs.escalateEveryMs },
        { name: 'escalate', data: { hallId: hall.id } },
      );
    }
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queueEvents?.close();
    await this.queue?.close();
  }

  /** The BullMQ queue, while jobs run. */
  get jobQueue(): Queue<FollowUpJobData> | null {
    return this.queue;
  }

  /**
   * Called after a bad rating is stored. rate.lua already put the ticket on the hall's pending
   * list in the same atomic step, so if this enqueue fails (or jobs are off) the next escalate
   * run still creates the task: a bad rating never goes without its follow-up.
   */
  async badRating(hall: HallService, ticketId: string): Promise<void> {
    if (!this.queue) return;
    try {
      await this.queue.add(
        'create',
        { hallId: hall.id, ticketId },
        { jobId: `create.${ticketId}` },
      );
    } catch (err) {
      this.opts.logger.warn(
        { err, ticketId },
        'follow-up job not queued; the escalate run will create it',
      );
    }
  }

  /** Runs the escalate job of a hall now and waits for it (supervisor tools, tests). */
  async escalateNow(hallId: string): Promise<{ created: number; escalated: string[] }> {
    if (!this.queue || !this.queueEvents) throw new Error('follow-up jobs are not running');
    const job = await this.queue.add('escalate', { hallId });
    return (await job.waitUntilFinished(this.queueEvents, 30_000)) as {
      created: number;
      escalated: string[];
    };
  }

  private async process(job: Job<FollowUpJobData>): Promise<unknown> {
    const hall = this.opts.halls.get(job.data.hallId);
    // every node serves every hall; an unknown hall is a node with an older configuration
    if (!hall) throw new Error(`hall ${job.data.hallId} is not configured on this node`);
    const name = job.name as FollowUpJobName;
    switch (name) {
      case 'create':
        return job.data.ticketId === undefined ? false : this.create(hall, job.data.ticketId);
      case 'escalate':
        return this.escalate(hall);
    }
  }

  /** Creates the task of one bad rating, due in working days from the rating. */
  private async create(hall: HallService, ticketId: string): Promise<boolean> {
    const { store, clock } = this.opts;
    const ratedAt = Number(
      (await store.redis.hget(hallKeys(hall.id).ticket(ticketId), 'ratingAt')) ?? clock.now(),
    );
    const due = this.dueFor(hall, ratedAt);
    try {
      const created = await store.create(hall.config, ticketId, clock.now(), due);
      if (created) this.opts.logger.info({ hallId: hall.id, ticketId }, 'follow-up created');
      return created;
    } catch (err) {
      // the ticket is gone or was not rated badly: nothing to follow up, and no retry helps
      if (err instanceof ApiError) return false;
      throw err;
    }
  }

  private async escalate(hall: HallService): Promise<{ created: number; escalated: string[] }> {
    let created = 0;
    for (const ticketId of await this.opts.store.pending(hall.config)) {
      if (await this.create(hall, ticketId)) created++;
    }
    const escalated = await this.opts.store.escalate(hall.config, this.opts.clock.now());
    if (escalated.length > 0) {
      this.opts.logger.warn({ hallId: hall.id, escalated }, 'overdue follow-ups escalated');
    }
    return { created, escalated };
  }

  /** When the follow-up of a rating at `fromMs` is due. */
  dueFor(hall: HallService, fromMs: number): { ms: number; iso: string } {
    const { config } = hall;
    const ms = workingDaysLater(fromMs, config.rules.followUpWorkingDays, config.timeZone, (date) =>
      isWorkingDay(date, config.schedule, this.opts.calendar),
    );
    return { ms, iso: toHallIso(ms, config.timeZone) };
  }

  async list(hall: HallService): Promise<FollowUp[]> {
    const records = await this.opts.store.list(hall.config);
    return records.map((r) => this.present(hall, r));
  }

  async closeTask(
    hall: HallService,
    id: string,
    closedBy: string,
    note: string,
  ): Promise<FollowUp> {
    const r = await this.opts.store.close(hall.config, id, this.opts.clock.now(), closedBy, note);
    return this.present(hall, r);
  }

  /** DOMAIN rule 8: per clerk, how many services were offered an evaluation and how many got one. */
  async stats(hall: HallService, period: string): Promise<RatingStats> {
    const counts = await this.opts.store.counts(hall.config, period);
    return {
      period,
      clerks: counts.map((c) => ({
        clerkId: c.clerkId,
        offered: c.offered,
        rated: c.rated,
        unrated: Math.max(0, c.offered - c.rated),
        bad: c.bad,
        ratedRate: c.offered > 0 ? Math.round((c.rated / c.offered) * 1000) / 1000 : null,
        averageScore: c.rated > 0 ? Math.round((c.scoreSum / c.rated) * 100) / 100 : null,
      })),
    };
  }

  private present(hall: HallService, r: FollowUpRecord): FollowUp {
    const tz = hall.config.timeZone;
    const iso = (v: string | undefined) => toHallIso(Number(v ?? 0), tz);
    const status = r.status === 'closed' ? 'closed' : 'open';
    const out: FollowUp = {
      id: r.id ?? '',
      ticketId: r.ticketId ?? '',
      number: r.number ?? '',
      windowId: r.windowId ?? '',
      clerkId: r.clerkId ?? '',
      serviceId: r.serviceId ?? '',
      score: Number(r.score),
      ratedAt: iso(r.ratedAt),
      createdAt: iso(r.createdAt),
      dueAt: iso(r.dueAt),
      status,
      overdue: status === 'open' && this.opts.clock.now() > Number(r.dueAt ?? 0),
    };
    if (r.escalatedAt) out.escalatedAt = iso(r.escalatedAt);
    if (r.closedAt) out.closedAt = iso(r.closedAt);
    if (r.closedBy) out.closedBy = r.closedBy;
    if (r.note) out.note = r.note;
    return out;
  }
}
