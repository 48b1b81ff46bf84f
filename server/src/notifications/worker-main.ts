/**
 * A notification worker on its own: `tsx server/src/notifications/worker-main.ts --redis URL
 * --halls a.yaml,b.yaml [--prefix {bull}] [--lock-ms 30000]`, the webhook secret from the hall file
 * or NOTIFY_WEBHOOK_SECRET. The server runs one itself; more
 * run beside it to share the sending (BullMQ hands each job to one worker at a time).
 */
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { systemClock } from '../auth/principal.js';
import { readEnv } from '../config/env.js';
import { loadHallConfig } from '../config/hall-config.js';
import { startNotificationWorker } from './notification-jobs.js';

const { values } = parseArgs({
  options: {
    redis: { type: 'string' },
    halls: { type: 'string' },
    prefix: { type: 'string', default: '{bull}' },
    'lock-ms': { type: 'string' },
  },
});
if (!values.redis || !values.halls) {
  console.error('usage: worker-main.ts --redis redis://… --halls hall.yaml[,…]');
  process.exit(2);
}
const halls = new Map(
  values.halls.split(',').map((path) => {
    const hall = loadHallConfig(path.trim());
    return [hall.id, hall] as const;
  }),
);
const logger = pino({ level: 'info' });
const redis = new Redis(values.redis);
const connection = new Redis(values.redis, { maxRetriesPerRequest: null });
const lock = values['lock-ms'] !== undefined ? Number(values['lock-ms']) : undefined;
const { close } = await startNotificationWorker({
  redis,
  connection,
  prefix: values.prefix,
  halls,
  clock: systemClock,
  logger,
  defaultSecret: readEnv(process.env, process.cwd()).notifyWebhookSecret,
  ...(lock !== undefined ? { lockDurationMs: lock } : {}),
});
logger.info({ halls: [...halls.keys()] }, 'notification worker ready');
const stop = () => {
  void close().then(() => {
    redis.disconnect();
    connection.disconnect();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
