// The midnight rollover of a big day: every ticket still waiting expires and is counted, in
// chunks, so Redis keeps answering others in between (issue 18: 713 ms in one script before).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { startRedis, type RedisProcess } from './redis-process.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const TICKETS = 24_000;

describe('midnight rollover of a big day', () => {
  let redis: RedisProcess;
  let s: TestServer;
  const clock = new TestClock(Date.parse('2026-11-30T16:00:00+08:00'));
  beforeAll(async () => {
    redis = await startRedis();
    s = await startTestServer(sampleHall('demo'), { redisUrl: redis.url, clock });
  });
  afterAll(async () => {
    await s.close();
    await redis.stop();
    rmSync(redis.dir, { recursive: true, force: true });
  });

  it(`expires ${TICKETS} waiting tickets in chunks and counts them once`, async () => {
    const hall = s.halls.get(s.hall.id)!;
    const day = hall.today();
    let n = 0;
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        while (n < TICKETS) {
          const i = n++;
          const service = s.hall.services[i % s.hall.services.length]!;
          await hall.store.issueTicket(s.hall, {
            ticketId: `${s.hall.id}.r${i}`,
            serviceId: service.id,
            prefix: service.prefix,
            priority: i % 5 === 0 ? 'green' : 'normal',
            now: clock.now(),
            day,
            quota: null,
            deviceId: 'kiosk-1',
            printerId: null,
            printStaleBefore: 0,
            perMinute: 0,
          });
        }
      }),
    );
    // one ticket is with a clerk at midnight: it is not expired
    const clerk = await s.login('clerk1');
    const w1 = `/halls/${s.hall.id}/windows/1`;
    expect((await s.api('POST', `${w1}/open`, { token: clerk })).status).toBe(200);
    const called = await s.api('POST', `${w1}/call-next`, { token: clerk });
    expect(called.status).toBe(200);

    // Redis's own record of long commands (scripts and, in Redis 7, the commands inside them)
    await s.redis.config('SET', 'slowlog-log-slower-than', '1000');
    await s.redis.config('SET', 'slowlog-max-len', '10000');
    await s.redis.slowlog('RESET');
    const evalshas = async () =>
      Number(/cmdstat_evalsha:calls=(\d+)/.exec(await s.redis.info('commandstats'))?.[1] ?? 0);
    const callsBefore = await evalshas();
    clock.set('2026-12-01T00:00:05+08:00');
    // two nodes (here: two calls at once) share the work; the day rolls over once
    const [a, b] = await Promise.all([hall.rollOver(), hall.rollOver()]);
    expect([a, b].filter((x) => x !== null)).toEqual([TICKETS - 1]);
    expect(await hall.rollOver()).toBeNull();
    const calls = (await evalshas()) - callsBefore - 1;

    const entries = (await s.redis.slowlog('GET', 10000)) as [number, number, number, string[]][];
    const durations = entries
      .filter(([, , , args]) => /^evalsha$/i.test(args[0] ?? ''))
      .map(([, , us]) => us)
      .sort((x, y) => x - y);
    await s.redis.config('SET', 'slowlog-log-slower-than', '10000');
    // counts, not times: 24,000 tickets took one script call per 100 tickets (each call reads
    // at most 100), instead of one call for the whole day; the times are printed as figures
    expect(calls).toBeGreaterThanOrEqual(TICKETS / 100);
    const ms = (us: number | undefined) => ((us ?? 0) / 1000).toFixed(1);
    console.log(
      `rollover of ${TICKETS} tickets: ${calls} script calls; calls over 1 ms: ${durations.length}, ` +
        `median of those ${ms(durations[Math.floor(durations.length / 2)])} ms, longest ${ms(durations.at(-1))} ms`,
    );

    const k = hallKeys(s.hall.id);
    for (const service of s.hall.services) {
      for (const lane of ['front', 'green', 'normal'] as const)
        expect(await s.redis.zcard(k.lane(service.id, lane))).toBe(0);
    }
    const events = await s.redis.xrange(k.events, '-', '+');
    const types = events.map(([, f]) => f[f.indexOf('type') + 1]);
    expect(types.filter((t) => t === 'ticket.expired')).toHaveLength(TICKETS - 1);
    const rolled = events.filter(([, f]) => f[f.indexOf('type') + 1] === 'day.rolled_over');
    expect(rolled).toHaveLength(1);
    expect(JSON.parse(rolled[0]![1][rolled[0]![1].indexOf('data') + 1]!)).toEqual({
      businessDay: '2026-12-01',
      expired: TICKETS - 1,
    });
    expect(
      (await s.api('GET', `/tickets/${s.hall.id}.r7`, { token: 'demo-kiosk' })).body.status,
    ).toBe('expired');
    expect(
      (await s.api('GET', `/tickets/${called.body.id}`, { token: 'demo-kiosk' })).body.status,
    ).toBe('called');
  }, 120_000);
});
