/**
 * `npm run reports:rebuild -w server [-- <hallId>]`: rebuilds each hall's report
 * history (aggregates, case records, attendance) from its daily archives under
 * DATA_DIR/archive/<hallId>/, then folds what the event stream holds after them.
 * Stop the hall's servers first: a fold running meanwhile makes the rebuild stop.
 * Needs REDIS_URL, or the embedded Redis under DATA_DIR (started here if needed).
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { startEmbeddedRedis, type EmbeddedRedis } from '../config/embedded-redis.js';
import { readEnv } from '../config/env.js';
import { loadHallConfig } from '../config/hall-config.js';
import { History } from './history.js';
import { ReportStore } from './report-store.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function main(): Promise<void> {
  const env = readEnv(process.env, repoRoot);
  const logger = pino({ level: env.logLevel });
  const only = process.argv[2];
  const halls = env.hallFiles.map(loadHallConfig).filter((h) => !only || h.id === only);
  if (halls.length === 0) throw new Error(`no hall ${only ?? ''} in ${env.hallFiles.join(', ')}`);
  let embedded: EmbeddedRedis | null = null;
  let redis: Redis;
  if (env.redisUrl) redis = new Redis(env.redisUrl);
  else {
    embedded = await startEmbeddedRedis(env.dataDir, logger);
    redis = new Redis({ path: embedded.path });
  }
  try {
    const store = new ReportStore(redis);
    for (const hall of halls) {
      const history = new History(store, hall, { dataDir: env.dataDir, now: () => Date.now() });
      const started = Date.now();
      const { files, events } = await history.rebuild();
      console.log(
        `${hall.id}: ${files} archive files, ${events} events refolded in ${Date.now() - started} ms`,
      );
    }
  } finally {
    redis.disconnect();
    await embedded?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
