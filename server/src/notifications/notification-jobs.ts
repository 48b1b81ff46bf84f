import { Worker, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Clock } from '../auth/principal.js';
import type { HallConfig } from '../config/hall-config.js';
import { hallKeys } from '../store/keys.js';
import { ContactStore } from './contact-store.js';
import { messageText, type MessageVars, type NotificationKind } from './messages.js';
import { senderFor, type Sender } from './senders.js';

export const NOTIFY_QUEUE = 'hall-notify';

/** Who receives it: a ticket's holder, an appointment's holder, or the supervisor (回访). */
export type NotifyTarget =
  { ticketId: string } | { appointmentCode: string } | { supervisorFor: string };

export interface NotifyJobData {
  hallId: string;
  /** The notification's id: one per purpose and ticket (or appointment and slot). */
  id: string;
  target: NotifyTarget;
  vars: MessageVars;
}

/** Retried with backoff; the id dedupes while the job is kept, the sent marker after. */
export const notifyJobOptions: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
};

/** How long a sent marker is kept: longer than any retry or replay of the day's events. */
const SENT_KEEP_MS = 7 * 24 * 3600 * 1000;

export type NotifyResult = 'sent' | 'already_sent' | 'no_consent';

export interface NotificationWorkerOptions {
  /** Reads contacts and appointments, writes the sent markers. */
  redis: Redis;
  /** BullMQ's own connection (maxRetriesPerRequest: null). */
  connection: ConnectionOptions;
  prefix: string;
  halls: Map<string, HallConfig>;
  clock: Clock;
  logger: Logger;
  /** The webhook secret of halls whose file names none (NOTIFY_WEBHOOK_SECRET). */
  defaultSecret?: string | undefined;
  /** How long a worker holds a job before another may take it over (BullMQ lockDuration). */
  lockDurationMs?: number;
  /** Replaces the hall's sender (tests of the sender's callers only). */
  sender?: (hall: HallConfig) => Sender;
}

/**
 * Sends one notification: never twice once its sent marker is set, never to a number without
 * consent (checked when sending, so a withdrawn consent or a purged number stops it). A crash
 * between the gateway's answer and the marker resends with the same Idempotency-Key
 * (docs/decisions/049-…).
 */
export async function processNotification(
  data: NotifyJobData,
  o: Pick<NotificationWorkerOptions, 'redis' | 'halls' | 'clock' | 'logger' | 'defaultSecret'> & {
    contacts: ContactStore;
    sender: (hall: HallConfig) => Sender;
  },
): Promise<NotifyResult> {
  const hall = o.halls.get(data.hallId);
  if (!hall) throw new Error(`hall ${data.hallId} is not configured on this node`);
  const k = hallKeys(hall.id);
  const sentKey = k.notificationSent(data.id);
  if ((await o.redis.exists(sentKey)) === 1) return 'already_sent';
  let to: string | null = null;
  let residentPhone: string | undefined;
  const t = data.target;
  if ('ticketId' in t) {
    to = await o.contacts.phone(hall.id, t.ticketId);
  } else if ('appointmentCode' in t) {
    const [phone, consent, status] = await o.redis.hmget(
      k.appointment(t.appointmentCode),
      'phone',
      'notifyConsent',
      'status',
    );
    to = consent === '1' && status === 'booked' && phone ? phone : null;
  } else {
    residentPhone = (await o.contacts.phone(hall.id, t.supervisorFor)) ?? undefined;
    to = residentPhone ? (hall.notifications.supervisorPhone ?? null) : null;
  }
  if (to === null) return 'no_consent';
  const text = messageText(hall.notifications.signature ?? hall.name, data.vars, residentPhone);
  await o.sender(hall).send({ id: data.id, hallId: hall.id, kind: data.vars.kind, to, text });
  await o.redis.set(sentKey, String(o.clock.now()), 'PX', SENT_KEEP_MS);
  return 'sent';
}

/** A BullMQ worker of the notification queue: in the server, or on its own (worker-main.ts). */
export async function startNotificationWorker(
  o: NotificationWorkerOptions,
): Promise<{ worker: Worker<NotifyJobData>; close: () => Promise<void> }> {
  const contacts = new ContactStore(o.redis, o.clock);
  const senders = new Map<string, Sender>();
  const sender =
    o.sender ??
    ((hall: HallConfig) => {
      let s = senders.get(hall.id);
      if (!s) {
        s = senderFor(hall.notifications, o.logger, o.defaultSecret);
        senders.set(hall.id, s);
      }
      return s;
    });
  const worker = new Worker<NotifyJobData>(
    NOTIFY_QUEUE,
    async (job: Job<NotifyJobData>) => {
      const result = await processNotification(job.data, { ...o, contacts, sender });
      o.logger.info(
        {
          notification: job.data.id,
          hallId: job.data.hallId,
          kind: job.name as NotificationKind,
          result,
        },
        'notification',
      );
      return result;
    },
    {
      connection: o.connection,
      prefix: o.prefix,
      ...(o.lockDurationMs !== undefined
        ? { lockDuration: o.lockDurationMs, stalledInterval: o.lockDurationMs }
        : {}),
    },
  );
  worker.on('failed', (job, err) =>
    o.logger.warn(
      { err: err.message, notification: job?.data.id, attempts: job?.attemptsMade },
      'notification not sent; retried with backoff',
    ),
  );
  await worker.waitUntilReady();
  return { worker, close: () => worker.close() };
}
