// What a console, screen or kiosk asks for in normal use costs the same number of Redis
// operations with a short day or a day of 20,000 tickets (INFO commandstats deltas: counts,
// not times). A Redis of its own, so other test files do not add to the counts.
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisProcess } from './redis-process.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const BIG_DAY = 20_000;
// The short day has 60 tickets: enough to fill the 20-ticket lists the console reads, so both
// days show the same screens and only the size of the day differs.

describe('constant request costs', () => {
  let redis: RedisProcess;
  let s: TestServer;
  let stats: Redis;
  const clock = new TestClock(Date.parse('2026-11-30T10:00:00+08:00'));

  beforeAll(async () => {
    redis = await startRedis();
    s = await startTestServer(sampleHall('demo'), { redisUrl: redis.url, clock, printing: true });
    stats = new Redis(redis.url);
  });
  afterAll(async () => {
    stats.disconnect();
    await s.close();
    await redis.stop();
    rmSync(redis.dir, { recursive: true, force: true });
  });

  /** Redis commands (inside scripts too) one call of `f` costs; the least of three tries. */
  async function cost(f: () => Promise<unknown>): Promise<number> {
    let least = Infinity;
    for (let i = 0; i < 3; i++) {
      const before = await commands();
      await f();
      least = Math.min(least, (await commands()) - before - 1);
    }
    return least;
  }
  async function commands(): Promise<number> {
    const text = await stats.info('commandstats');
    let n = 0;
    for (const m of text.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) n += Number(m[1]);
    return n;
  }

  it('snapshot, upcoming, staff/me, a ticket, printers and the window actions', async () => {
    const h = `/halls/${s.hall.id}`;
    const ok = async (r: Promise<{ status: number; body: any }>) => {
      const res = await r;
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      return res.body;
    };
    const issue = (serviceId: string, priority: 'normal' | 'green' = 'normal') =>
      ok(s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId, priority } }));
    // a short day whose queues already fill the console's list (20 of each lane it reads):
    // what the big day adds is only more of the same
    for (let i = 0; i < 25; i++) await issue('labor', 'green');
    for (let i = 0; i < 25; i++) await issue('labor');
    for (let i = 0; i < 10; i++) await issue('civil');
    const clerk = await s.login('clerk1');
    const w = `${h}/windows/1`;
    const act = (a: string, body?: unknown) =>
      ok(s.api('POST', `${w}/${a}`, { token: clerk, ...(body ? { body } : {}) }));
    await act('open');
    // a little of the day's work, so the desk has something to count
    await act('call-next');
    await act('start');
    await act('finish', { outcome: 'done' });
    await ok(
      s.api('POST', `${w}/ratings`, {
        token: 'demo-evaluator',
        body: { score: 4, source: 'device' },
      }),
    );
    const missed = await act('call-next');
    await act('no-show');
    const waiting = await issue('labor');

    const measure = async () => ({
      snapshot: await cost(() => ok(s.api('GET', h))),
      upcoming: await cost(() => ok(s.api('GET', `${w}/upcoming`, { token: clerk }))),
      desk: await cost(() => ok(s.api('GET', `${h}/staff/me`, { token: clerk }))),
      ticket: await cost(() => ok(s.api('GET', `/tickets/${waiting.id}`, { token: 'demo-kiosk' }))),
      printers: await cost(() => ok(s.api('GET', `${h}/printers`))),
      screen: await cost(() => ok(s.api('GET', `${h}/screen`))),
      issue: await cost(() => issue('civil')),
      serve: await cost(async () => {
        await act('call-next');
        await act('start');
        await act('finish', { outcome: 'done' });
      }),
    });
    const short = await measure();
    const desk = (await ok(s.api('GET', `${h}/staff/me`, { token: clerk }))).today;
    expect(desk).toMatchObject({ served: 4, noShows: 1, rated: 1, scores: [0, 0, 0, 1, 0] });

    // the day grows to 20,000 more tickets (issued straight through the store: only the
    // size of the day matters here)
    const hall = s.halls.get(s.hall.id)!;
    const day = hall.today();
    let n = 0;
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        while (n < BIG_DAY) {
          const i = n++;
          const service = s.hall.services[i % s.hall.services.length]!;
          await hall.store.issueTicket(s.hall, {
            ticketId: `${s.hall.id}.bulk${i}`,
            serviceId: service.id,
            prefix: service.prefix,
            priority: i % 2 === 0 ? 'green' : 'normal',
            now: clock.now(),
            day,
            quota: null,
            deviceId: 'kiosk-1',
            printerId: 'printer-1',
            printStaleBefore: 0,
            perMinute: 0,
          });
        }
      }),
    );
    expect(await s.redis.zcard(`{hall:${s.hall.id}}:day:${day}:tickets`)).toBeGreaterThan(BIG_DAY);
    // the missed ticket comes back, and the desk's count follows
    await act('requeue', { ticketId: missed.id });
    const after = (await ok(s.api('GET', `${h}/staff/me`, { token: clerk }))).today;
    expect(after).toMatchObject({ served: 4, noShows: 0, rated: 1 });
    const big = await measure();
    expect(big).toEqual(short);
    // a kiosk ticket is the EVALSHA of one script of 23 commands (63 in all before the script
    // built its keys from the prefix, stopped reading the ticket back and read only its own
    // service's estimate inputs: here the two closed windows serving civil and civil's mean),
    // and at most the metrics counter's stream read that the ticket's events end
    expect(big.issue).toBeLessThanOrEqual(25);
    console.log(`Redis commands per request, ${BIG_DAY} tickets or fewer:`, big);
  }, 120_000);
});
