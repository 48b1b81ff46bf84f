/**
 * Backup and restore of one hall's Redis data (every {hall:ID} key and its own
 * BullMQ queues), DUMP/RESTORE with TTLs, as JSON lines.
 *
 *   npm run backup -w server -- --hall demo --out demo.hallbak
 *   npm run restore -w server -- --in demo.hallbak [--replace]
 *
 * Redis: REDIS_URL, REDIS_CLUSTER, or the embedded one under DATA_DIR (as npm start).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Cluster, Redis } from 'ioredis';
import {
  backupHall,
  parseBackup,
  restoreHall,
  serializeBackup,
} from '../src/backup/hall-backup.js';
import { readEnv } from '../src/config/env.js';
import { connectRedis } from '../src/store/redis-connection.js';

const USAGE = `用法 usage:
  npm run backup -w server -- --hall <hallId> --out <file>     备份 back up a hall
  npm run restore -w server -- --in <file> [--replace]         恢复 restore it`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      hall: { type: 'string' },
      out: { type: 'string' },
      in: { type: 'string' },
      replace: { type: 'boolean', default: false },
    },
  });
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const env = readEnv(process.env, repoRoot);
  const here = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p);
  const password = env.redisPassword ? { password: env.redisPassword } : {};
  // the same Redis the server uses (server/src/main.ts)
  const client = connectRedis(
    env.redisCluster
      ? { cluster: env.redisCluster, ...password }
      : env.redisSentinel
        ? { ...env.redisSentinel, ...password, sentinelPassword: env.redisPassword }
        : (env.redisUrl ?? { path: join(env.dataDir, 'redis', 'redis.sock') }),
  ) as Redis | Cluster;
  client.on('error', () => undefined);
  try {
    if (command === 'backup' && values.hall && values.out) {
      const backup = await backupHall(client, values.hall);
      const out = here(values.out);
      // written whole, then renamed: a crash never leaves half a backup under the name
      writeFileSync(`${out}.partial`, serializeBackup(backup));
      renameSync(`${out}.partial`, out);
      console.log(`已备份 backed up hall ${values.hall}: ${backup.header.keys} keys → ${out}`);
      return 0;
    }
    if (command === 'restore' && values.in) {
      const backup = parseBackup(readFileSync(here(values.in), 'utf8'));
      const n = await restoreHall(client, backup, { replace: values.replace });
      console.log(`已恢复 restored hall ${backup.header.hallId}: ${n} keys`);
      return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    client.disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`错误 error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
