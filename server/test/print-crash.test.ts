// No ticket without its print job: kill -9 of Redis, and of a server node, while kiosks issue
// tickets (retrying with the same requestId, as the kiosk does); afterwards every ticket has
// exactly one print job waiting for the printer (issue 14, finding 3).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { businessDay } from '../src/domain/business-day.js';
import { hallKeys } from '../src/store/keys.js';
import { freePort, startRedis, type RedisProcess } from './redis-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TICKETS = 1000;
const KIOSKS = 8;

/** The demo hall with a rate limit a load of kiosks does not hit. */
function hallFile(dir: string): string {
  const file = join(dir, 'demo.yaml');
  writeFileSync(
    file,
    readFileSync(join(ROOT, 'config', 'demo.yaml'), 'utf8').replace(
      /ticketsPerMinutePerDevice: \d+/,
      'ticketsPerMinutePerDevice: 1000000',
    ),
  );
  return file;
}

/** A server node in its own process, so it can be killed with SIGKILL. */
async function startNode(port: number, redisUrl: string, dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      HALL_CONFIG: hallFile(dir),
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error('server node exited');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('server node did not start');
}

/**
 * KIOSKS kiosks issue TICKETS tickets, each retried with its requestId until it is answered
 * (as the kiosk does when the server or Redis is away); `crash(n)` runs after the n-th.
 */
async function issueAll(
  url: string,
  crashAt: number[],
  crash: () => Promise<void>,
): Promise<Map<string, string>> {
  const tickets = new Map<string, string>(); // requestId -> ticket id
  let next = 0;
  const crashes: Promise<void>[] = [];
  const services = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];
  await Promise.all(
    Array.from({ length: KIOSKS }, async () => {
      while (next < TICKETS) {
        const i = next++;
        if (crashAt.includes(i)) crashes.push(crash());
        const requestId = `r-${i}`;
        for (let attempt = 0; ; attempt++) {
          if (attempt > 400) throw new Error(`ticket ${i} never answered`);
          try {
            const r = await fetch(`${url}/api/v1/halls/demo/tickets`, {
              method: 'POST',
              headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json' },
              body: JSON.stringify({ serviceId: services[i % services.length], requestId }),
            });
            const body = (await r.json()) as { id?: string };
            if ((r.status === 201 || r.status === 200) && body.id) {
              tickets.set(requestId, body.id);
              break;
            }
          } catch {
            // the node is down: try again
          }
          await new Promise((r) => setTimeout(r, 25));
        }
      }
    }),
  );
  await Promise.all(crashes);
  return tickets;
}

/** Tickets of the day without exactly one print job queued on the kiosk's printer. */
async function printsLost(redisUrl: string, issued: Map<string, string>): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    const k = hallKeys('demo');
    const day = businessDay(Date.now(), 'Asia/Shanghai');
    const all = await redis.zrange(k.dayTickets(day), 0, -1);
    expect(new Set(all)).toEqual(new Set(issued.values())); // no ticket twice, none lost
    const queued = new Set(await redis.zrange(k.printerJobs('printer-1'), 0, -1));
    let lost = 0;
    for (const id of all) {
      const [jobId, status] = await redis.hmget(k.ticket(id), 'printJobId', 'printStatus');
      const job = await redis.hgetall(k.printJob(`t.${id}`));
      const ok = jobId === `t.${id}` && job.ticketId === id && queued.has(jobId) && !!status;
      if (!ok) lost++;
    }
    expect(queued.size).toBe(all.length); // exactly one job per ticket
    return lost;
  } finally {
    redis.disconnect();
  }
}

describe('no ticket without its print job', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const f of cleanup.reverse()) await f();
    cleanup.length = 0;
  });

  it('kill -9 of Redis twice while 1,000 tickets are issued', async () => {
    let redis: RedisProcess = await startRedis({ appendfsync: 'always' });
    const { dir, port: redisPort } = redis;
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    cleanup.push(() => redis.stop());
    const port = await freePort();
    const nodeDir = mkdtempSync(join(tmpdir(), 'hall-node-'));
    cleanup.push(() => rmSync(nodeDir, { recursive: true, force: true }));
    const node = await startNode(port, redis.url, nodeDir);
    cleanup.push(() => void node.kill('SIGKILL'));

    const issued = await issueAll(`http://127.0.0.1:${port}`, [300, 700], async () => {
      await redis.stop('SIGKILL');
      redis = await startRedis({ dir, port: redisPort, appendfsync: 'always' });
    });
    const lost = await printsLost(redis.url, issued);
    console.log(`kill -9 of Redis: ${issued.size} tickets, prints lost: ${lost}`);
    expect(lost).toBe(0);
  }, 120_000);

  it('kill -9 of the server node twice while 1,000 tickets are issued', async () => {
    const redis = await startRedis({ appendfsync: 'always' });
    cleanup.push(() => rmSync(redis.dir, { recursive: true, force: true }));
    cleanup.push(() => redis.stop());
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'hall-node-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    let node = await startNode(port, redis.url, dir);
    cleanup.push(() => void node.kill('SIGKILL'));

    const issued = await issueAll(`http://127.0.0.1:${port}`, [300, 700], async () => {
      node.kill('SIGKILL');
      await new Promise((r) => node.once('exit', r));
      node = await startNode(port, redis.url, dir);
    });
    const lost = await printsLost(redis.url, issued);
    console.log(`kill -9 of the server: ${issued.size} tickets, prints lost: ${lost}`);
    expect(lost).toBe(0);
  }, 120_000);
});
