// The reports fold's cost per event: the events a ticket issue appends (ticket.issued and its
// print.updated, as the issue script writes them) are put in a hall's stream, then folded by
// the history as the server's timer does. Prints the server CPU and the Redis CPU per event,
// the Redis commands the fold sent (INFO commandstats) and, with PROFILE=1, the fold's CPU
// profile by function (self time). CALLS=1 adds a call, start and finish to each ticket.
//   npm run bench:fold -w server        (TICKETS=20000 CALLS=1 PROFILE=1)
import { Session } from 'node:inspector/promises';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { demoHall } from './demo-hall.js';
import { History } from '../src/reports/history.js';
import { ReportStore } from '../src/reports/report-store.js';
import { hallKeys } from '../src/store/keys.js';
import { startRedis } from '../test/redis-process.js';

const TICKETS = Number(process.env.TICKETS ?? 20_000);
const CALLS = process.env.CALLS === '1';
const PROFILE = process.env.PROFILE === '1';
const WARM_UP = 4000;

async function redisCpuMs(redis: Redis): Promise<number> {
  const text = await redis.info('cpu');
  const get = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(text)?.[1] ?? 0);
  return (get('used_cpu_user') + get('used_cpu_sys')) * 1000;
}

async function commandstats(redis: Redis): Promise<Map<string, { calls: number; usec: number }>> {
  const text = await redis.info('commandstats');
  const out = new Map<string, { calls: number; usec: number }>();
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm))
    out.set(m[1]!, { calls: Number(m[2]), usec: Number(m[3]) });
  return out;
}

interface ProfileNode {
  id: number;
  hitCount: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The parts of the fold's cost (docs/performance.md, "The reports fold"), by self time. */
const PARTS: [string, (fn: string, url: string) => boolean][] = [
  ['time zone: luxon DateTime', (_, u) => u.includes('luxon')],
  ['time zone: cached offsets', (_, u) => u.endsWith('business-day.ts')],
  [
    'entries: fields, JSON.parse of data',
    (f) => ['parseEntry', 'parseData', 'foldableEntries', 'ascii'].includes(f),
  ],
  ['folding: counters, case records', (_, u) => /(fold|case-record)\.ts$/.test(u)],
  ["the script's arguments: case JSON, keys", (_, u) => /(report-store|keys)\.ts$/.test(u)],
  [
    'reading replies: RESP to strings/bytes',
    (f, u) =>
      u.includes('redis-parser') ||
      /^(utf8Slice|latin1Slice|toString|subarray|slice|FastBuffer)$/.test(f),
  ],
  [
    'sending commands: ioredis, socket',
    (f, u) => u.includes('ioredis') || u.startsWith('node:') || /^write\w*String$/.test(f),
  ],
  ['garbage collection', (f) => f === '(garbage collector)'],
];

function summarize(profile: { nodes: ProfileNode[] }, usPerEvent: number): void {
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const byPart = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || node.hitCount === 0) continue;
    const part = PARTS.find(([, test]) => test(functionName, url))?.[0] ?? 'other';
    byPart.set(part, (byPart.get(part) ?? 0) + node.hitCount);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const file = url.slice(url.lastIndexOf('/') + 1);
    const place = pkg ? pkg[1]! : url.startsWith('node:') ? 'node internals' : file || functionName;
    byPlace.set(place, (byPlace.get(place) ?? 0) + node.hitCount);
    const name = `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.hitCount);
    total += node.hitCount;
  }
  console.log(`where the server's ${usPerEvent.toFixed(2)} µs per event go (profile shares):`);
  for (const [part] of [...PARTS, ['other']]) {
    const hits = byPart.get(part) ?? 0;
    const us = ((hits / total) * usPerEvent).toFixed(2);
    console.log(
      `  ${us.padStart(5)} µs  ${((100 * hits) / total).toFixed(1).padStart(5)} %  ${part}`,
    );
  }
  console.log('CPU profile of the fold, self time by place:');
  for (const [place, hits] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 12))
    console.log(`  ${((100 * hits) / total).toFixed(1).padStart(5)} %  ${place}`);
  console.log('the busiest functions (self time):');
  for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${((100 * hits) / total).toFixed(1).padStart(5)} %  ${name}`);
}

async function main(): Promise<void> {
  const redisProcess = await startRedis({ appendfsync: 'everysec' });
  const redis = new Redis(redisProcess.url);
  try {
    const hall = demoHall('bench');
    const k = hallKeys(hall.id);
    // 4,000 tickets a second from 10:59:58 local: the fold meets an hour's boundary as the
    // server's does now and then
    let at = DateTime.fromISO('2026-03-03T10:59:58', { zone: hall.timeZone }).toMillis();
    const windows = hall.windows.map((w) => w.id);
    /** Appends the events of tickets [from, to); returns how many. */
    const append = async (from: number, to: number): Promise<number> => {
      let pipe = redis.pipeline();
      let events = 0;
      const xadd = (type: string, data: Record<string, unknown>) => {
        const fields = ['type', type, 'at', String(Math.floor(at)), 'data', JSON.stringify(data)];
        pipe.xadd(k.events, '*', ...fields);
        events++;
      };
      for (let i = from; i < to; i++) {
        const svc = hall.services[i % hall.services.length]!;
        const ticketId = `bench.${i.toString(36).padStart(16, 'x')}`;
        const number = `${svc.prefix}${String(i % 1000).padStart(3, '0')}`;
        const ref = { ticketId, number, serviceId: svc.id };
        xadd('ticket.issued', { ...ref, priority: 'normal', waitingAhead: i });
        xadd('print.updated', {
          jobId: `${ticketId}.p`,
          ticketId,
          kind: 'ticket',
          printerId: 'kiosk-1',
          status: 'queued',
        });
        if (CALLS) {
          const windowId = windows[i % windows.length]!;
          xadd('ticket.called', { ...ref, windowId, windowName: '', recall: false, callCount: 1 });
          xadd('ticket.started', { ...ref, windowId });
          xadd('ticket.finished', { ...ref, windowId, outcome: 'done', ratingDeadline: at });
        }
        at += 0.25;
        if (i % 2000 === 1999) {
          await pipe.exec();
          pipe = redis.pipeline();
        }
      }
      await pipe.exec();
      return events;
    };

    const store = new ReportStore(redis);
    const history = new History(store, hall, { dataDir: null, now: () => at });
    // a first fold warms the code up, as in a server that has run for a while
    await append(0, WARM_UP);
    await history.fold();
    const events = await append(WARM_UP, WARM_UP + TICKETS);
    const session = new Session();
    if (PROFILE) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
    }
    const stats = await commandstats(redis);
    const redisBefore = await redisCpuMs(redis);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await history.fold();
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    const redisMs = (await redisCpuMs(redis)) - redisBefore;
    const after = await commandstats(redis);
    const serverUs = ((used.user + used.system) / events).toFixed(2);
    console.log(
      `fold of ${events} events (${TICKETS} tickets${CALLS ? ', each called, started, finished' : ''}): ` +
        `${wall.toFixed(0)} ms; server CPU ${serverUs} µs/event, ` +
        `Redis CPU ${((redisMs * 1000) / events).toFixed(2)} µs/event`,
    );
    console.log('Redis commands of the fold (calls, µs inside Redis per event):');
    for (const [name, s] of after) {
      const b = stats.get(name) ?? { calls: 0, usec: 0 };
      if (name === 'info' || s.calls === b.calls) continue;
      console.log(
        `  ${name.padEnd(10)} ${String(s.calls - b.calls).padStart(6)} calls  ${((s.usec - b.usec) / events).toFixed(2)} µs/event`,
      );
    }
    if (PROFILE) {
      const { profile } = await session.post('Profiler.stop');
      summarize(profile as unknown as { nodes: ProfileNode[] }, Number(serverUs));
      session.disconnect();
    }
  } finally {
    redis.disconnect();
    await redisProcess.stop();
  }
}

await main();
