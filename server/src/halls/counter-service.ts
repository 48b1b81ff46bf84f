import type { ClerkDesk, PublicWindow } from '@hall/protocol';
import type { Redis } from 'ioredis';
import { limitsView } from '../alerts/limits-view.js';
import type { Logger } from 'pino';
import type { Clock, Principal } from '../auth/principal.js';
import type { StaffConfig } from '../config/hall-config.js';
import { toHallIso } from '../domain/business-day.js';
import { ApiError } from '../errors.js';
import { hallKeys } from '../store/keys.js';
import { loadScripts, type RunScript } from '../store/scripts.js';
import type { HallService } from './hall-service.js';
import type { Lang } from './presenter.js';
import { check } from '../store/reply.js';

const SWEEP_MS = 30_000;

/**
 * What the counter console needs beyond the queue actions: A/B post handover
 * (AB岗), the console's presence and the idle sign-out of a clerk who left
 * without signing out, and the clerk's own desk (today's counts).
 */
export class CounterService {
  private readonly run: RunScript;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly halls: Map<string, HallService>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.run = loadScripts(redis);
  }

  private clerk(principal: Principal): StaffConfig {
    if (principal.kind !== 'staff') throw new ApiError('forbidden');
    return principal.user;
  }

  /**
   * One of the window's A/B post clerks takes the window: the partner (if still
   * signed in) is signed out and the handover recorded. Other clerks are refused.
   */
  async takeOver(
    hall: HallService,
    principal: Principal,
    windowId: string,
    lang: Lang,
  ): Promise<PublicWindow> {
    const user = this.clerk(principal);
    const window = hall.window(windowId);
    const { a, b } = window.clerks;
    if (user.id !== a && user.id !== b) {
      throw new ApiError('forbidden', {
        message:
          lang === 'en'
            ? 'Only the A or B post clerk of this window can take it over'
            : '只有本窗口的A岗或B岗人员可以接替',
      });
    }
    const partner = (user.id === a ? b : a) ?? '';
    const k = hallKeys(hall.id);
    check(
      await this.run(
        'take-over-window',
        [k.events, k.window(windowId), k.clerk(user.id)],
        [k.prefix, windowId, user.id, this.clock.now(), user.name, user.jobNo, partner],
      ),
    );
    return hall.publicWindow(windowId, lang);
  }

  /** The clerk used the console lately: keeps the idle sign-out away for a while. */
  async presence(hall: HallService, principal: Principal, windowId: string): Promise<void> {
    const user = this.clerk(principal);
    hall.window(windowId);
    const k = hallKeys(hall.id);
    const now = this.clock.now();
    check(
      await this.run(
        'touch-window',
        [k.window(windowId), k.windowPresence(windowId)],
        [k.prefix, windowId, user.id, now, 24 * 3600 * 1000],
      ),
    );
  }

  /** Signs out every clerk idle past the hall's limit; returns the windows closed. */
  async signOutIdle(hall: HallService): Promise<string[]> {
    const minutes = hall.config.rules.idleSignOutMinutes;
    if (!(minutes > 0)) return [];
    const k = hallKeys(hall.id);
    const now = this.clock.now();
    const closed: string[] = [];
    for (const w of hall.config.windows) {
      const r = check(
        await this.run(
          'idle-close-window',
          [k.events, k.window(w.id), k.windowPresence(w.id)],
          [k.prefix, w.id, now, Math.round(minutes * 60_000)],
        ),
      );
      if (r[0] === 'OK') {
        closed.push(w.id);
        this.logger.info({ hallId: hall.id, windowId: w.id, clerkId: r[2] }, 'idle sign-out');
      }
    }
    return closed;
  }

  /** Runs the idle sign-out of every hall every 30 s until close(). */
  start(intervalMs = SWEEP_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const hall of this.halls.values()) {
        this.signOutIdle(hall).catch((err: unknown) =>
          this.logger.warn({ err, hallId: hall.id }, 'idle sign-out failed'),
        );
      }
    }, intervalMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * The clerk's desk: window, posts, and today's counts. The counts are kept by the scripts as
   * they happen (finish, no-show, re-queue, rate: store/keys.ts clerkDay), so this costs the same
   * few reads with 20 tickets or 20,000 (docs/performance.md).
   */
  async desk(hall: HallService, principal: Principal): Promise<ClerkDesk> {
    const user = this.clerk(principal);
    const k = hallKeys(hall.id);
    const now = this.clock.now();
    const day = hall.today(now);
    const tz = hall.config.timeZone;
    const [at, counts] = await Promise.all([
      this.redis.get(k.clerk(user.id)),
      this.redis.hgetall(k.clerkDay(day, user.id)),
    ]);
    const count = (f: string) => Math.max(0, Number(counts[f] ?? 0));
    const served = count('served');
    const noShows = count('noShows');
    const serviceMs = count('serviceMs');
    const timed = count('timed');
    const scores = [1, 2, 3, 4, 5].map((s) => count(`s${s}`));
    const lastId = counts.lastId ?? '';
    const [finishedAt, score, deadline, number] = lastId
      ? await this.redis.hmget(
          k.ticket(lastId),
          'finishedAt',
          'ratingScore',
          'ratingDeadline',
          'number',
        )
      : [null, null, null, null];
    // only the ticket finished last can still be awaiting its rating
    const awaiting = !!lastId && !Number(score || 0) && Number(deadline || 0) > now;
    const rated = scores.reduce((a, b) => a + b, 0);
    const desk: ClerkDesk = {
      user: { id: user.id, name: user.name, role: user.role, jobNo: user.jobNo },
      businessDay: day,
      windowId: at && hall.config.windows.some((w) => w.id === at) ? at : null,
      posts: hall.config.windows.flatMap((w): ClerkDesk['posts'] =>
        w.clerks.a === user.id
          ? [{ windowId: w.id, post: 'a' }]
          : w.clerks.b === user.id
            ? [{ windowId: w.id, post: 'b' }]
            : [],
      ),
      idleSignOutMinutes: hall.config.rules.idleSignOutMinutes,
      limits: limitsView(hall.config),
      today: {
        served,
        noShows,
        averageServiceSeconds: timed ? Math.round(serviceMs / timed / 1000) : null,
        rated,
        unrated: Math.max(0, served - rated - (awaiting ? 1 : 0)),
        averageScore: rated
          ? Math.round((scores.reduce((sum, c, i) => sum + c * (i + 1), 0) / rated) * 10) / 10
          : null,
        scores,
      },
    };
    if (lastId) {
      const s = Number(score || 0);
      const d = Number(deadline || 0);
      desk.lastFinished = {
        ticketId: lastId,
        number: number ?? '',
        finishedAt: toHallIso(Number(finishedAt || 0), tz),
        rating: s > 0 ? 'rated' : d > now ? 'awaiting' : 'not_rated',
        ...(d > 0 ? { ratingDeadline: toHallIso(d, tz) } : {}),
        ...(s > 0 ? { score: s } : {}),
      };
    }
    return desk;
  }
}
