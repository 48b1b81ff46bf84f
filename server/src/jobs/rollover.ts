import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import type { HallService } from '../halls/hall-service.js';

/** One queue per hall, so only a node that runs the hall takes its job. */
export const rolloverQueueName = (hallId: string) => `hall-rollover.${hallId}`;
export type RolloverJob = { hallId: string };

/**
 * Ends each hall's business day just after its local midnight (a BullMQ job
 * scheduler in the hall's time zone). Each hall has its own queue: nodes serving
 * different halls can share one Redis without taking each other's jobs. The
 * script is idempotent, so a retry or two nodes of the same hall change nothing.
 */
export async function startRollover(
  connection: ConnectionOptions,
  halls: Map<string, HallService>,
  logger: Logger,
  prefix = '{bull}',
): Promise<{ close: () => Promise<void> }> {
  const parts: { queue: Queue<RolloverJob>; worker: Worker<RolloverJob> }[] = [];
  for (const hall of halls.values()) {
    const name = rolloverQueueName(hall.id);
    const queue = new Queue<RolloverJob>(name, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: 100,
        removeOnFail: 500,
      },
    });
    const worker = new Worker<RolloverJob>(
      name,
      async () => {
        const expired = await hall.rollOver();
        if (expired !== null) logger.info({ hallId: hall.id, expired }, 'business day rolled over');
        return expired;
      },
      { connection, prefix },
    );
    parts.push({ queue, worker });
    await queue.upsertJobScheduler(
      'rollover',
      { pattern: '5 0 0 * * *', tz: hall.config.timeZone },
      { name: 'rollover', data: { hallId: hall.id } },
    );
    // a server that was down at midnight ends the day when it starts
    await hall.rollOver();
  }
  return {
    close: async () => {
      for (const { worker, queue } of parts) {
        await worker.close();
        await queue.close();
      }
    },
  };
}
