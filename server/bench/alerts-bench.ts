// Alert engine benchmark: what one node's tick costs as a hall's running causes grow. On a real
// redis-server, with an injected clock, for N waiting tickets (each a running wait_limit cause):
//   fold   the tick that folds the N tickets' events (ticket.issued, print.updated) into causes
//   idle   a tick with nothing new and nothing due (p50/p99 over 200 ticks)
//   raise  the tick that raises N yellow alerts at once (alerts per second)
//   list   GET …/alerts?state=open with N open alerts, as the board reads it
// and what folding costs per ticket, as the ticket bench meets it: this process's CPU (the
// server's side: reading the events, building the ops) and Redis's CPU (INFO cpu) per ticket,
// with the commands Redis ran (INFO commandstats), medians of 5 rounds, for tickets only issued
// and for tickets issued, called, started and finished before the tick looks.
//   npm run bench:alerts              (TICKETS=1000,10000 to change the sizes)
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Principal } from '../src/auth/principal.js';
import { demoHall } from './demo-hall.js';
import { startServer } from '../src/server.js';
import { issueTicket } from '../src/tickets/issue-ticket.js';
import { startRedis } from '../test/redis-process.js';

const SIZES = (process.env.TICKETS ?? '1000,10000').split(',').map(Number);
const SERVICES = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];
const T0 = Date.parse('2026-11-27T10:00:00+08:00');

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const timed = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};

/** Calls and usec of each command Redis ran so far (scripts and what they call). */
async function commandstats(redis: Redis): Promise<Map<string, { calls: number; usec: number }>> {
  const out = new Map<string, { calls: number; usec: number }>();
  const text = await redis.info('commandstats');
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm))
    out.set(m[1]!, { calls: Number(m[2]), usec: Number(m[3]) });
  return out;
}

/** Redis's own CPU time so far (user + system, µs), from INFO cpu. */
async function redisCpu(redis: Redis): Promise<number> {
  const text = await redis.info('cpu');
  const sum = ['used_cpu_sys', 'used_cpu_user'].map((f) =>
    Number(new RegExp(`^${f}:([0-9.]+)`, 'm').exec(text)?.[1] ?? 0),
  );
  return (sum[0]! + sum[1]!) * 1e6;
}

/**
 * This process's CPU and Redis's CPU while `work` runs, per `n` (tickets), with the commands
 * Redis ran (a script's usec includes the commands it calls, which are also counted alone).
 */
interface Cost {
  server: number;
  redis: number;
  commands: string;
}

async function costOf(redis: Redis, n: number, work: () => Promise<unknown>): Promise<Cost> {
  const before = await commandstats(redis);
  const redisBefore = await redisCpu(redis);
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  const redisUsed = (await redisCpu(redis)) - redisBefore;
  const after = await commandstats(redis);
  let calls = 0;
  const rows: [string, number, number][] = [];
  for (const [cmd, a] of after) {
    if (cmd === 'info') continue;
    const b = before.get(cmd) ?? { calls: 0, usec: 0 };
    if (a.calls === b.calls) continue;
    if (!cmd.startsWith('eval')) calls += a.calls - b.calls;
    rows.push([cmd, (a.calls - b.calls) / n, (a.usec - b.usec) / n]);
  }
  rows.sort((x, y) => y[2] - x[2]);
  return {
    server: (used.user + used.system) / n,
    redis: redisUsed / n,
    commands:
      `${f(calls / n)} commands (` +
      rows
        .slice(0, 9)
        .map(([c, k, u]) => `${c} ${f(k)}× ${f(u)} µs`)
        .join(', ') +
      ')',
  };
}

const f = (x: number) => (x >= 10 ? x.toFixed(0) : x >= 0.1 ? x.toFixed(1) : x.toFixed(2));

/** Rounds of `work`, each measured; the medians of server and Redis CPU, and their rounds. */
async function rounds(count: number, work: () => Promise<Cost>): Promise<string> {
  const costs: Cost[] = [];
  for (let i = 0; i < count; i++) costs.push(await work());
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
  const server = costs.map((c) => c.server);
  const red = costs.map((c) => c.redis);
  return (
    `server ${f(median(server))} µs (${server.map(f).join(', ')}), ` +
    `redis ${f(median(red))} µs (${red.map(f).join(', ')}); ${costs.at(-1)?.commands ?? ''}`
  );
}

const redis = await startRedis();

/** A demo hall of its own (no quotas, no rate limit) on a server of its own, with its clock. */
async function benchHall() {
  const hall = demoHall(`bench-${randomBytes(4).toString('hex')}`);
  hall.services.forEach((s) => (s.dailyQuota = null));
  hall.rateLimits.ticketsPerMinutePerDevice = 100_000_000;
  const clock = { ms: T0, now: () => clock.ms };
  const server = await startServer({ halls: [hall], redis: redis.url, clock, printing: true });
  const h = server.halls.get(hall.id);
  const kiosk = hall.devices.find((d) => d.kind === 'kiosk');
  const clerk = hall.staff.find((s) => s.id === 'clerk1');
  if (!h || !kiosk || !clerk) throw new Error('demo hall without kiosk or clerk1');
  const principal: Principal = { kind: 'device', hallId: hall.id, device: kiosk };
  const staff: Principal = { kind: 'staff', hallId: hall.id, user: clerk };
  const issue = (serviceId: string) => issueTicket(h, principal, { serviceId }, 'zh');
  return { hall, clock, server, h, staff, issue };
}

const ROUNDS = 5;

/**
 * Per ticket as the ticket bench meets the fold: rounds of `count` tickets issued (the six
 * services in turn) and then folded, in one hall whose waiting tickets grow round by round.
 */
async function issued(count: number): Promise<string> {
  const { clock, server, issue } = await benchHall();
  try {
    return await rounds(ROUNDS, async () => {
      for (let i = 0; i < count; i += 100) {
        await Promise.all(
          Array.from({ length: Math.min(100, count - i) }, (_, j) =>
            issue(SERVICES[(i + j) % SERVICES.length] ?? 'labor'),
          ),
        );
      }
      clock.ms += 1000;
      return costOf(server.redis, count, () => server.alerts.tick());
    });
  } finally {
    await server.close();
  }
}

/** Per ticket issued, called, started and finished at window 1 before the engine looks. */
async function served(count: number): Promise<string> {
  const { clock, server, h, staff, issue } = await benchHall();
  try {
    await h.openWindow(staff, '1', 'zh');
    await server.alerts.tick();
    return await rounds(ROUNDS, async () => {
      for (let i = 0; i < count; i++) {
        await issue('labor');
        await h.callNext(staff, '1', 'zh');
        await h.start(staff, '1', 'zh');
        await h.finish(staff, '1', 'done', [], 'zh');
      }
      clock.ms += 1000;
      return costOf(server.redis, count, () => server.alerts.tick());
    });
  } finally {
    await server.close();
  }
}

try {
  for (const size of SIZES) {
    const { hall, clock, server, h, issue } = await benchHall();
    for (let i = 0; i < size; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, size - i) }, (_, j) =>
          issue(SERVICES[(i + j) % SERVICES.length] ?? 'labor'),
        ),
      );
    }
    clock.ms = T0 + 1000;
    const fold = await timed(() => server.alerts.tick());
    // 空岗 (no window is open) is raised in the same first ticks; let it settle
    clock.ms = T0 + 60_000;
    await server.alerts.tick();
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await timed(() => server.alerts.tick()));
    idle.sort((a, b) => a - b);

    // demo wait limit: yellow at 3 minutes; raise in ticks of up to 200 alerts until done
    clock.ms = T0 + 3 * 60_000;
    let ticks = 0;
    const raise = await timed(async () => {
      for (;;) {
        ticks++;
        const before = await server.redis.zcard(`{hall:${hall.id}}:al:open`);
        await server.alerts.tick();
        const after = await server.redis.zcard(`{hall:${hall.id}}:al:open`);
        if (after === before) break;
      }
    });
    const open = await server.redis.zcard(`{hall:${hall.id}}:al:open`);
    const list = await timed(() => server.alerts.list(h, 'open'));
    console.log(
      `${size} waiting tickets: fold ${ms(fold)} (${Math.round((size / fold) * 1000)} tickets/s); ` +
        `idle tick p50 ${ms(percentile(idle, 50))} p99 ${ms(percentile(idle, 99))}; ` +
        `raise ${open} alerts ${ms(raise)} in ${ticks} ticks (${Math.round((open / raise) * 1000)} alerts/s); ` +
        `list open ${ms(list)}`,
    );
    await server.close();
  }
  console.log(
    `fold CPU per ticket, medians of ${ROUNDS} rounds (a script's usec includes the commands it calls):\n` +
      `  issued (ticket.issued + print.updated), 4,000 a fold: ${await issued(4000)}\n` +
      `  issued, called, started, finished, 400 a fold: ${await served(400)}`,
  );
} finally {
  await redis.stop();
}
