import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import type { Clock } from '../auth/principal.js';
import type { HallService } from '../halls/hall-service.js';

/** How long after local midnight the day is rolled over (clocks of nodes differ a little). */
const AFTER_MIDNIGHT_MS = 5_000;
const RETRY_MS = 30_000;

/**
 * Ends each hall's business day just after its local midnight, on a timer of this node: no
 * worker waits on Redis for a job that comes once a day (docs/performance.md). Every node of a
 * hall runs it; the script works in chunks from a cursor kept in Redis, so several nodes share
 * the work, a node that dies half-way leaves the rest to the others or to its next start, and
 * the day rolls over once. A node that was down at midnight rolls the day over when it starts.
 */
export async function startRollover(
  halls: Map<string, HallService>,
  logger: Logger,
  clock: Clock,
): Promise<{ close: () => Promise<void> }> {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;
  let running: Promise<unknown> = Promise.resolve();

  const run = async (hall: HallService): Promise<void> => {
    try {
      const expired = await hall.rollOver();
      if (expired !== null) logger.info({ hallId: hall.id, expired }, 'business day rolled over');
      schedule(hall, nextRun(hall));
    } catch (err) {
      logger.warn({ err, hallId: hall.id }, 'day rollover failed; trying again');
      schedule(hall, RETRY_MS);
    }
  };
  /** Milliseconds until just after the hall's next local midnight. */
  const nextRun = (hall: HallService): number => {
    const now = clock.now();
    const midnight = DateTime.fromMillis(now, { zone: hall.config.timeZone })
      .plus({ days: 1 })
      .startOf('day')
      .toMillis();
    return Math.max(1_000, midnight + AFTER_MIDNIGHT_MS - now);
  };
  const schedule = (hall: HallService, delay: number): void => {
    if (closed) return;
    const timer = setTimeout(() => {
      running = run(hall);
    }, delay);
    timer.unref();
    timers.set(hall.id, timer);
  };

  for (const hall of halls.values()) await run(hall);
  return {
    close: async () => {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      await running;
    },
  };
}
