// Reports benchmark: a year of a 10,000-ticket-a-day hall. One day of realistic
// events (issue, call, recall, no-show, transfer, 指定叫号, start, finish, ratings,
// pauses) is written to the hall's stream and folded through the reports' own fold
// path; its aggregates are then copied to the other 364 days (the figures of a day
// are what the timing depends on, not which day it is). Prints the fold rate, the
// time of a month's and a year's report, a month's Excel export and a day's ledger,
// and the Redis memory the history uses per day.
//   npm run bench:reports
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { demoHall } from './demo-hall.js';
import { History } from '../src/reports/history.js';
import { casesWorkbook, reportWorkbook } from '../src/reports/report-export.js';
import { ReportService } from '../src/reports/report-service.js';
import { ReportStore } from '../src/reports/report-store.js';
import { hallKeys } from '../src/store/keys.js';
import { startRedis } from '../test/redis-process.js';

const TICKETS = Number(process.env.TICKETS ?? 10_000);
const YEAR = 2025;
const DAY = `${YEAR}-03-03`;
const tz = 'Asia/Shanghai';

/** A small deterministic generator, so each run measures the same day. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

async function timed<T>(label: string, run: () => Promise<T>, times = 3): Promise<T> {
  let result: T | undefined;
  const spans: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    result = await run();
    spans.push(performance.now() - t);
  }
  spans.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(40)} median ${spans[Math.floor(spans.length / 2)]?.toFixed(0)} ms (best ${spans[0]?.toFixed(0)} ms, ${times} runs)`,
  );
  return result as T;
}

async function main(): Promise<void> {
  const redisProcess = await startRedis({ appendfsync: 'everysec' });
  const redis = new Redis(redisProcess.url);
  try {
    const hall = demoHall('bench');
    const k = hallKeys(hall.id);
    const rnd = random(42);
    const start = DateTime.fromISO(`${DAY}T08:30:00`, { zone: tz }).toMillis();
    const windows = hall.windows.map((w) => ({
      id: w.id,
      services: w.services,
      clerk: w.clerks?.a ?? '',
    }));
    type Ev = [number, string, Record<string, unknown>];
    const events: Ev[] = [];
    for (const w of windows)
      events.push([
        start - 60_000,
        'window.opened',
        { windowId: w.id, clerkId: w.clerk, staffName: '', staffJobNo: '' },
      ]);
    for (let i = 0; i < TICKETS; i++) {
      const svc = hall.services[i % hall.services.length]!;
      const issued = start + Math.floor((i / TICKETS) * 9 * 3_600_000);
      const id = `bench.t${i}`;
      const number = `${svc.prefix}${String(i).padStart(4, '0')}`;
      const ref = { ticketId: id, number, serviceId: svc.id };
      events.push([
        issued,
        'ticket.issued',
        { ...ref, priority: rnd() < 0.08 ? 'green' : 'normal', waitingAhead: 0 },
      ]);
      const w = windows.filter((x) => x.services.includes(svc.id))[i % 2] ?? windows[0]!;
      let t = issued + Math.floor(rnd() * 40 * 60_000);
      const chosen = rnd() < 0.01;
      events.push([
        t,
        'ticket.called',
        {
          ...ref,
          windowId: w.id,
          windowName: '',
          recall: false,
          callCount: 1,
          reason: chosen ? 'chosen' : 'oldest',
          ...(chosen ? { note: '老人行动不便' } : {}),
        },
      ]);
      if (rnd() < 0.05)
        events.push([
          (t += 60_000),
          'ticket.recalled',
          { ...ref, windowId: w.id, windowName: '', recall: true, callCount: 2 },
        ]);
      if (rnd() < 0.03) {
        events.push([(t += 60_000), 'ticket.no_show', { ...ref, windowId: w.id }]);
        continue;
      }
      events.push([(t += 30_000), 'ticket.started', { ...ref, windowId: w.id }]);
      if (rnd() < 0.02) {
        const to = windows[Number(w.id) % windows.length]!;
        events.push([
          (t += 120_000),
          'ticket.transferred',
          {
            ...ref,
            fromWindowId: w.id,
            toWindowId: to.id,
            firstWindowId: w.id,
            note: '转窗口办理',
          },
        ]);
        events.push([
          (t += 300_000),
          'ticket.called',
          {
            ...ref,
            windowId: to.id,
            windowName: '',
            recall: false,
            callCount: 1,
            reason: 'transferred',
          },
        ]);
        events.push([(t += 30_000), 'ticket.started', { ...ref, windowId: to.id }]);
      }
      const missing = rnd() < 0.05;
      events.push([
        (t += Math.floor((2 + rnd() * 23) * 60_000)),
        'ticket.finished',
        {
          ...ref,
          windowId: w.id,
          outcome: missing ? 'materials_missing' : 'done',
          ratingDeadline: t + 60_000,
          ...(missing ? { missingMaterials: '["户籍证明"]' } : {}),
        },
      ]);
      if (rnd() < 0.8) {
        events.push([
          t + 20_000,
          'rating.recorded',
          {
            ticketId: id,
            windowId: w.id,
            clerkId: w.clerk,
            serviceId: svc.id,
            score: rnd() < 0.9 ? 5 : 2,
            source: 'device',
          },
        ]);
      }
    }
    for (const w of windows) {
      events.push([start + 3 * 3_600_000, 'window.paused', { windowId: w.id, kind: 'brief' }]);
      events.push([start + 3 * 3_600_000 + 600_000, 'window.resumed', { windowId: w.id }]);
      events.push([
        start + 10 * 3_600_000,
        'window.closed',
        { windowId: w.id, clerkId: w.clerk, auto: false },
      ]);
    }
    events.sort((a, b) => a[0] - b[0]);
    let pipe = redis.pipeline();
    events.forEach(([at, type, data], i) => {
      pipe.xadd(k.events, '*', 'type', type, 'at', String(at), 'data', JSON.stringify(data));
      if (i % 5000 === 4999) {
        void pipe.exec();
        pipe = redis.pipeline();
      }
    });
    await pipe.exec();
    console.log(`one day: ${TICKETS} tickets, ${events.length} events in the stream`);

    const store = new ReportStore(redis);
    const history = new History(store, hall, { dataDir: null, now: () => Date.now() });
    const service = new ReportService(store, history);
    const t0 = performance.now();
    await history.fold();
    const foldMs = performance.now() - t0;
    console.log(
      `fold of the day                          ${foldMs.toFixed(0)} ms (${Math.round(events.length / (foldMs / 1000))} events/s)`,
    );

    // memory of one day's history: aggregates, ledger index, case records, attendance
    const memory = async (key: string) =>
      Number((await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
    const ids = await redis.lrange(k.reportDayCases(DAY), 0, -1);
    let casesBytes = 0;
    for (let i = 0; i < ids.length; i += 1000) {
      const p = redis.pipeline();
      for (const id of ids.slice(i, i + 1000))
        p.call('MEMORY', 'USAGE', k.reportCase(id), 'SAMPLES', '0');
      for (const [, v] of (await p.exec()) ?? []) casesBytes += Number(v ?? 0);
    }
    const dims = ['h', 's', 'w', 'c'];
    let aggBytes = 0;
    let fields = 0;
    for (const dim of dims) {
      aggBytes += await memory(k.reportDay(DAY, dim));
      fields += await redis.hlen(k.reportDay(DAY, dim));
    }
    const indexBytes =
      (await memory(k.reportDayCases(DAY))) + (await memory(k.reportDayAttendance(DAY)));
    const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
    console.log(
      `Redis per day: aggregates ${kb(aggBytes)} (${fields} fields), case records ${kb(casesBytes)}, indexes ${kb(indexBytes)}; total ${((aggBytes + casesBytes + indexBytes) / 1024 / 1024).toFixed(1)} MiB`,
    );
    console.log(
      `  a year of aggregates alone: ${((aggBytes * 365) / 1024 / 1024).toFixed(0)} MiB; with case records: ${(((aggBytes + casesBytes + indexBytes) * 365) / 1024 / 1024 / 1024).toFixed(2)} GiB`,
    );

    // the year: the day's aggregates on every day, and as each month's sums (a month's hash
    // has the fields of a day's, larger counts: the same work to read)
    let p = redis.pipeline();
    for (const dim of dims) {
      const dump = await redis.dumpBuffer(k.reportDay(DAY, dim));
      for (
        let d = DateTime.fromISO(`${YEAR}-01-01`, { zone: 'UTC' });
        d.year === YEAR;
        d = d.plus({ days: 1 })
      ) {
        const date = d.toISODate() ?? '';
        if (date !== DAY) p.restore(k.reportDay(date, dim), 0, dump, 'REPLACE');
        if (d.day === 1) p.restore(k.reportMonth(date.slice(0, 7), dim), 0, dump, 'REPLACE');
      }
      await p.exec();
      p = redis.pipeline();
    }

    await timed('month report (by hall)', () =>
      service.report(`${YEAR}-03-01`, `${YEAR}-03-31`, 'hall'),
    );
    await timed('month report (by clerk)', () =>
      service.report(`${YEAR}-03-01`, `${YEAR}-03-31`, 'clerk'),
    );
    await timed('year report (by window)', () =>
      service.report(`${YEAR}-01-01`, `${YEAR}-12-31`, 'window'),
    );
    await timed('month Excel export (4 sheets)', async () => {
      const all = [];
      for (const by of ['hall', 'service', 'window', 'clerk'] as const)
        all.push(await service.report(`${YEAR}-03-01`, `${YEAR}-03-31`, by));
      return (await reportWorkbook(all)).data.length;
    });
    await timed('month ranking (流动红旗)', () => service.ranking(`${YEAR}-03`));
    await timed(`day ledger (${TICKETS} cases, JSON)`, () => service.cases(DAY, {}));
    const cases = await service.cases(DAY, {});
    // the day is finished: its case records become one packed value
    const t1 = performance.now();
    await history.pack();
    const packMs = performance.now() - t1;
    const packedBytes = await memory(k.reportDayPacked(DAY));
    console.log(
      `pack the day's case records              ${packMs.toFixed(0)} ms: ${kb(casesBytes + indexBytes)} -> ${kb(packedBytes)}; a year of packed days ${(((aggBytes + packedBytes) * 365) / 1024 / 1024).toFixed(0)} MiB with aggregates`,
    );
    await timed(`day ledger, packed (${TICKETS} cases, JSON)`, () => service.cases(DAY, {}));
    await timed(
      'day ledger Excel export',
      async () => (await casesWorkbook(hall, DAY, cases)).data.length,
      1,
    );
    console.log('(shared 2-core machine: figures are indicative)');
  } finally {
    redis.disconnect();
    await redisProcess.stop();
    rmSync(redisProcess.dir, { recursive: true, force: true });
  }
}

await main();
