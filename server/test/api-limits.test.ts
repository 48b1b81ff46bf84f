// Rate limits and a Redis outage: clear 429 and 503 answers, never a 500, and recovery afterwards.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { startRedis } from './redis-process.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('limits and outages', () => {
  it('limits ticket requests per device and logins per user, changing nothing when refused', async () => {
    const s: TestServer = await startTestServer(
      sampleHall('demo', (h) => {
        h.rateLimits.ticketsPerMinutePerDevice = 3;
        h.rateLimits.loginsPerMinutePerUser = 2;
      }),
    );
    cleanup.push(() => s.close());
    const issue = () =>
      s.api('POST', `/halls/${s.hall.id}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: 'labor' },
      });
    for (let i = 0; i < 3; i++) expect((await issue()).status).toBe(201);
    const refused = await issue();
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'rate_limited',
      message: '操作过于频繁，请稍后再试',
    });
    expect(await s.redis.xlen(hallKeys(s.hall.id).events)).toBe(3);
    // another device is not held back by the first
    const staff = await s.login('clerk1');
    const byClerk = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token: staff,
      body: { serviceId: 'labor' },
    });
    expect(byClerk.body.number).toBe('A004');

    await s.login('clerk2');
    await s.login('clerk2');
    const third = await s.api('POST', '/auth/login', {
      body: { username: 'clerk2', password: 'demo1234', hallId: s.hall.id },
    });
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('rate_limited');
  });

  it('answers 503 unavailable while Redis is down and recovers when it is back', async () => {
    const redis = await startRedis({ appendfsync: 'always' });
    cleanup.push(async () => {
      await redis.stop();
      rmSync(redis.dir, { recursive: true, force: true });
    });
    const s = await startTestServer(sampleHall('demo'), { redisUrl: redis.url });
    cleanup.push(() => s.close());
    const path = `/halls/${s.hall.id}/tickets`;
    expect(
      (await s.api('POST', path, { token: 'demo-kiosk', body: { serviceId: 'civil' } })).status,
    ).toBe(201);

    await redis.stop('SIGKILL');
    const down = await s.api('POST', path, { token: 'demo-kiosk', body: { serviceId: 'civil' } });
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({
      code: 'unavailable',
      message: '服务暂不可用，请稍后再试',
    });
    const snapshot = await s.api('GET', `/halls/${s.hall.id}`, { lang: 'en' });
    expect(snapshot.status).toBe(503);
    expect(snapshot.body.error.message).toBe('Service unavailable; try again shortly');
    expect((await fetch(`${s.url}/readyz`)).status).toBe(503);

    const again = await startRedis({ dir: redis.dir, port: redis.port });
    cleanup.push(() => again.stop());
    let back = { status: 0, body: {} as any };
    for (let i = 0; i < 100 && back.status !== 201; i++) {
      await new Promise((r) => setTimeout(r, 200));
      back = await s.api('POST', path, { token: 'demo-kiosk', body: { serviceId: 'civil' } });
    }
    expect(back.status).toBe(201);
    expect(back.body.number).toBe('B002');
  });
});
