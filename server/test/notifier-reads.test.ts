// The notifier reads every event of its hall on every node: what it asks of Redis per event must
// stay small. Tickets being issued cannot make anyone's turn near, so they cost it no look at the
// watch list, and its cursor is written once per stream read, not once per event. Watched by
// MONITOR on a Redis of the test's own, so other test files add nothing.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_QUEUE } from '../src/notifications/notification-jobs.js';
import { hallKeys } from '../src/store/keys.js';
import { startRedis, type RedisProcess } from './redis-process.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

describe('the notifier reading a busy hall', () => {
  let redis: RedisProcess;
  let s: TestServer;
  let monitor: Awaited<ReturnType<Redis['monitor']>> | null = null;
  const commands: string[][] = [];
  const queuePrefix = `{bull-reads-${randomBytes(4).toString('hex')}}`;

  beforeAll(async () => {
    redis = await startRedis();
    s = await startTestServer(sampleHall('demo'), {
      redisUrl: redis.url,
      clock: new TestClock(Date.parse('2026-11-30T10:00:00+08:00')),
      jobs: true,
      queuePrefix,
      notifyWorker: false,
    });
  });
  afterAll(async () => {
    monitor?.disconnect();
    await s.close();
    await redis.stop();
    rmSync(redis.dir, { recursive: true, force: true });
  });

  async function untilCursorAt(id: string): Promise<void> {
    const k = hallKeys(s.hall.id);
    for (let i = 0; i < 400; i++) {
      if ((await s.redis.get(k.notifierCursor)) === id) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the notifier did not reach ${id}`);
  }

  it('issues 40 tickets at once without a look at the watch list, and a turn still comes near', async () => {
    const k = hallKeys(s.hall.id);
    const h = `/halls/${s.hall.id}`;
    const issue = async (serviceId: string) => {
      const r = await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId } });
      expect(r.status).toBe(201);
      return r.body as { id: string };
    };
    // someone is watched: a resident left a number for "your turn is near" (3 ahead or fewer)
    for (let i = 0; i < 4; i++) await issue('labor');
    const watched = await issue('labor');
    const saved = await s.api('POST', `${h}/tickets/${watched.id}/contact`, {
      token: 'demo-kiosk',
      body: { phone: '13800000009', consent: true },
    });
    expect(saved.status).toBe(200);
    await untilCursorAt((await s.redis.xrevrange(k.events, '+', '-', 'COUNT', 1))[0]![0]);
    expect(await s.redis.zrange(k.contacts, 0, -1)).toEqual([watched.id]);

    monitor = await new Redis(redis.url).monitor();
    monitor.on('monitor', (_time: string, args: string[]) => commands.push(args));
    await Promise.all(Array.from({ length: 40 }, (_, i) => issue(i % 2 ? 'labor' : 'civil')));
    const last = (await s.redis.xrevrange(k.events, '+', '-', 'COUNT', 1))[0]![0];
    await untilCursorAt(last);
    const on = (name: string, key: string) =>
      commands.filter((c) => c[0]?.toLowerCase() === name && c[1] === key).length;
    // 80 events (a ticket and its print job each, appended by one script): no look at who is
    // watched, and the cursor written once per read, so at most once per ticket (it was twice)
    expect(on('zrange', k.contacts)).toBe(0);
    const cursorWrites = on('set', k.notifierCursor);
    expect(cursorWrites).toBeGreaterThan(0);
    expect(cursorWrites).toBeLessThanOrEqual(40);

    // a call brings the watched ticket within 3: the near notice is queued
    const clerk = await s.login('clerk1');
    expect((await s.api('POST', `${h}/windows/1/open`, { token: clerk })).status).toBe(200);
    expect((await s.api('POST', `${h}/windows/1/call-next`, { token: clerk })).status).toBe(200);
    for (let i = 0; i < 400 && (await s.redis.zcard(k.contacts)) > 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(await s.redis.zrange(k.contacts, 0, -1)).toEqual([]);
    expect(on('zrange', k.contacts)).toBeGreaterThan(0);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(NOTIFY_QUEUE, { connection, prefix: queuePrefix });
    try {
      const job = await queue.getJob(`${s.hall.id}.near.${watched.id}`);
      expect(job?.data).toMatchObject({ vars: { kind: 'turn_near', ahead: 3 } });
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
