import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppointmentService } from '../appointments/appointment-service.js';
import type { Clock } from '../auth/principal.js';
import type { HallConfig } from '../config/hall-config.js';
import type { HallService } from '../halls/hall-service.js';
import type { ContactStore } from '../notifications/contact-store.js';
import {
  NOTIFY_QUEUE,
  startNotificationWorker,
  type NotifyJobData,
} from '../notifications/notification-jobs.js';
import { Notifier } from '../notifications/notifier.js';
import type { FollowUps } from '../ratings/follow-ups.js';
import { startRollover } from './rollover.js';

/** The node's background work, started when it runs jobs (JOBS, `npm start`). */
export interface BackgroundJobs {
  /** SMS notifications from the event stream. */
  notifier: Notifier;
  /** Stops every job; Redis-bound steps may wait, the caller bounds them. */
  close(): Promise<void>;
  /** Drops the jobs' Redis connection. */
  disconnect(): void;
}

/**
 * Starts the BullMQ jobs and the stream followers of one node: the day rollover, the
 * follow-ups' escalation (the 回访 jobs), the SMS notifier and its worker, and the appointment
 * no-show sweep. `connection` is the jobs' own Redis connection (BullMQ blocks on it).
 */
export async function startJobs(o: {
  connection: Redis;
  redis: Redis;
  /** BullMQ key prefix ({bull} by default; tests give each server its own). */
  prefix: string;
  halls: Map<string, HallService>;
  /** The halls as their files give them (the no-show sweep's schedule). */
  hallFiles: HallConfig[];
  /** Each hall's current configuration, kept current (the notification worker's senders). */
  currentHalls: Map<string, HallConfig>;
  followUps: FollowUps;
  appointments: AppointmentService;
  contacts: ContactStore;
  clock: Clock;
  logger: Logger;
  /** Run a notification worker in this process. */
  notifyWorker: boolean;
  notifySecret?: string;
}): Promise<BackgroundJobs> {
  const { connection, prefix, logger } = o;
  const rollover = await startRollover(o.halls, logger, o.clock);
  await o.followUps.startJobs({ connection, prefix, escalateEveryMs: 60_000 });
  const notifyQueue = new Queue<NotifyJobData>(NOTIFY_QUEUE, { connection, prefix });
  const notifier = new Notifier({
    redis: o.redis,
    halls: o.halls,
    contacts: o.contacts,
    queue: notifyQueue,
    clock: o.clock,
    logger,
  });
  notifier.start();
  o.appointments.startSweeping(o.hallFiles, 60_000, (err) =>
    logger.warn({ err }, 'appointment no-show sweep failed'),
  );
  const notifyWorker = o.notifyWorker
    ? await startNotificationWorker({
        redis: o.redis,
        connection,
        prefix,
        halls: o.currentHalls,
        clock: o.clock,
        logger,
        defaultSecret: o.notifySecret,
      })
    : null;
  return {
    notifier,
    close: async () => {
      o.appointments.stopSweeping();
      await notifier.close();
      await notifyWorker?.close();
      await notifyQueue.close();
      await o.followUps.stop();
      await rollover.close();
    },
    disconnect: () => connection.disconnect(),
  };
}
