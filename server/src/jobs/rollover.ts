import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import type { HallService } from '../halls/hall-service.js';

export const ROLLOVER_QUEUE = 'hall-rollover';
export type RolloverJob = { hallId: string };

/**
 * Ends each hall's business day just after its local midnight (BullMQ job
 * scheduler with the hall's time zone); the script is idempotent, so a retry or
 * a second node running the same job changes nothing.
 */
export async function startRollover(
  connection: ConnectionOptions,
  halls: Map<string, HallService>,
  logger: Logger,
): Promise<{ queue: Queue<RolloverJob>; worker: Worker<RolloverJob>; close: () => Promise<void> }> {
  const queue = new Queue<RolloverJob>(ROLLOVER_QUEUE, {
    connection,
    prefix: '{bull}',
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: 100,
      removeOnFail: 500,
    },
  });
  const worker = new Worker<RolloverJob>(
    ROLLOVER_QUEUE,
    async (job) => {
      const hall = halls.get(job.data.hallId);
      if (!hall) return null;
      const expired = await hall.rollOver();
      if (expired !== null) logger.info({ hallId: hall.id, expired }, 'business day rolled over');
      return expired;
    },
    { connection, prefix: '{bull}' },
  );
  for (const hall of halls.values()) {
    await queue.upsertJobScheduler(
      `rollover:${hall.id}`,
      { pattern: '5 0 0 * * *', tz: hall.config.timeZone },
      { name: 'rollover', data: { hallId: hall.id } },
    );
    // a server that was down at midnight ends the day when it starts
    await hall.rollOver();
  }
  return {
    queue,
    worker,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
