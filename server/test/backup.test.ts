// A hall's backup restored into a fresh redis-server is the same hall: every key, type, value and TTL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis, type Cluster } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { hallKeyPatterns } from '../src/backup/hall-backup.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';
import { startRedis, type RedisProcess } from './redis-process.js';

const SERVER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

let s: TestServer | undefined;
let fresh: RedisProcess | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
  await fresh?.stop();
  fresh = undefined;
});

/** `npm run backup|restore -w server -- …` as an operator runs it. */
function run(command: 'backup' | 'restore', redisUrl: string, args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/hall-backup.ts', command, ...args],
    {
      cwd: SERVER_DIR,
      env: { ...process.env, REDIS_URL: redisUrl, INIT_CWD: SERVER_DIR },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The hall's keys, over every master when `redis` is a Cluster (npm run test:cluster). */
async function keysOf(redis: Redis, hallId: string): Promise<string[]> {
  const found = new Set<string>();
  const cluster = redis as unknown as Partial<Cluster>;
  const nodes = typeof cluster.nodes === 'function' ? cluster.nodes('master') : [redis];
  for (const node of nodes) {
    for (const match of hallKeyPatterns(hallId)) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
        cursor = next;
        for (const k of keys) found.add(k);
      } while (cursor !== '0');
    }
  }
  return [...found].sort();
}

/** A key as a reader sees it: its type, its whole value and its TTL in ms (-1: none). */
async function read(
  redis: Redis,
  key: string,
): Promise<{ type: string; value: unknown; ttl: number }> {
  const type = await redis.type(key);
  const ttl = await redis.pttl(key);
  let value: unknown;
  switch (type) {
    case 'string':
      value = await redis.get(key);
      break;
    case 'hash':
      value = await redis.hgetall(key);
      break;
    case 'list':
      value = await redis.lrange(key, 0, -1);
      break;
    case 'set':
      value = (await redis.smembers(key)).sort();
      break;
    case 'zset':
      value = await redis.zrange(key, 0, -1, 'WITHSCORES');
      break;
    case 'stream':
      value = {
        entries: await redis.xrange(key, '-', '+'),
        groups: await redis.xinfo('GROUPS', key),
      };
      break;
    default:
      value = `unexpected type ${type}`;
  }
  return { type, value, ttl };
}

describe('backup and restore of a hall', () => {
  it('restores every key of the hall into a fresh Redis: same type, value and TTL', async () => {
    // under npm run test:cluster: backed up from the cluster, restored into one fresh redis-server
    s = await startTestServer(sampleHall('demo'), { printing: true });
    const t = s;
    const hall = t.hall.id;
    // a morning: tickets (one with a requestId, whose dedupe key expires), calls, a finish,
    // a rating, a print job queued for the kiosk's printer
    for (const serviceId of ['labor', 'labor', 'civil', 'family']) {
      expect(
        (
          await t.api('POST', `/halls/${hall}/tickets`, {
            token: 'demo-kiosk',
            body: { serviceId },
          })
        ).status,
      ).toBe(201);
    }
    expect(
      (
        await t.api('POST', `/halls/${hall}/tickets`, {
          token: 'demo-kiosk',
          body: { serviceId: 'civil', requestId: 'kiosk-req-0001' },
        })
      ).status,
    ).toBe(201);
    const token = await t.login('clerk1');
    const w1 = (action: string, body?: unknown) =>
      t.api('POST', `/halls/${hall}/windows/1/${action}`, {
        token,
        ...(body !== undefined ? { body } : {}),
      });
    expect((await w1('open')).status).toBe(200);
    expect((await w1('call-next')).status).toBe(200);
    expect((await w1('start')).status).toBe(200);
    expect((await w1('finish', { outcome: 'done' })).status).toBe(200);
    expect((await w1('call-next')).status).toBe(200);
    // a key with a TTL of our own, to see TTLs travel
    const someKey = `{hall:${hall}}:backup-probe`;
    await t.redis.set(someKey, 'probe', 'PX', 600_000);

    const source = await keysOf(t.redis, hall);
    expect(source.some((k) => k.endsWith(':jobs') && k.includes(':printer:'))).toBe(true);
    const before = new Map<string, Awaited<ReturnType<typeof read>>>();
    for (const k of source) before.set(k, await read(t.redis, k));
    expect([...before.values()].filter((v) => v.ttl > 0).length).toBeGreaterThanOrEqual(2);

    const file = join(mkdtempSync(join(tmpdir(), 'hall-backup-')), 'hall.hallbak');
    const sourceUrl = inject('redisUrl');
    const backedUp = run('backup', sourceUrl, ['--hall', hall, '--out', file]);
    expect(backedUp.out).toContain(`${source.length} keys`);
    expect(backedUp.code).toBe(0);
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0] ?? '{}');
    expect(header).toMatchObject({ format: 'hall-backup', hallId: hall, keys: source.length });

    fresh = await startRedis();
    const restored = run('restore', fresh.url, ['--in', file]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain(`${source.length} keys`);

    const target = new Redis(fresh.url);
    try {
      expect(await keysOf(target, hall)).toEqual(source);
      for (const k of source) {
        const a = before.get(k)!;
        const b = await read(target, k);
        expect({ key: k, type: b.type, value: b.value }).toEqual({
          key: k,
          type: a.type,
          value: a.value,
        });
        if (a.ttl < 0) expect(b.ttl).toBe(-1);
        else expect(Math.abs(b.ttl - a.ttl)).toBeLessThan(10_000);
      }
      // a second restore over the hall is refused unless asked to replace
      const again = run('restore', fresh.url, ['--in', file]);
      expect(again.code).toBe(1);
      expect(again.out).toContain('--replace');
      await target.set(`{hall:${hall}}:stray`, 'x');
      expect(run('restore', fresh.url, ['--in', file, '--replace']).code).toBe(0);
      expect(await keysOf(target, hall)).toEqual(source);
    } finally {
      target.disconnect();
    }
  });
});
