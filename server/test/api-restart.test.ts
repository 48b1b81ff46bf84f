// A crash of the server and of Redis (AOF on) keeps every ticket, its position and the numbering.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisProcess } from './redis-process.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

describe('restart', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it('keeps every ticket and its place across a crash of server and Redis', async () => {
    const hall = sampleHall('demo');
    let redis: RedisProcess = await startRedis({ appendfsync: 'always' });
    const dir = redis.dir;
    cleanup.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
    let s: TestServer = await startTestServer(hall, { redisUrl: redis.url });

    const services = ['labor', 'civil', 'family'];
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await s.api('POST', `/halls/${hall.id}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: services[i % 3], priority: i % 5 === 0 ? 'green' : 'normal' },
      });
      ids.push(r.body.id);
    }
    const clerk = await s.login('clerk1');
    await s.api('POST', `/halls/${hall.id}/windows/1/open`, { token: clerk });
    await s.api('POST', `/halls/${hall.id}/windows/1/call-next`, { token: clerk });
    await s.api('POST', `/halls/${hall.id}/windows/1/start`, { token: clerk });

    const read = async (t: TestServer) => {
      const tickets = [];
      for (const id of ids) {
        const r = await t.api('GET', `/tickets/${id}`, { token: 'demo-kiosk' });
        const { estimatedWaitMinutes: _e, ...rest } = r.body;
        tickets.push(rest);
      }
      const snapshot = (await t.api('GET', `/halls/${hall.id}`)).body;
      delete snapshot.now;
      return { tickets, snapshot };
    };
    const before = await read(s);
    expect(before.tickets.filter((t) => t.status === 'waiting')).toHaveLength(29);

    // crash: the server goes, Redis is killed without a chance to save
    await s.close();
    await redis.stop('SIGKILL');
    redis = await startRedis({ dir, port: redis.port, appendfsync: 'always' });
    cleanup.push(() => redis.stop());
    s = await startTestServer(hall, { redisUrl: redis.url });
    cleanup.push(() => s.close());

    const after = await read(s);
    expect(after).toEqual(before);

    // the day goes on where it stopped: numbering continues, the clerk's ticket is still in service
    const next = await s.api('POST', `/halls/${hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'labor' },
    });
    expect(next.body.number).toBe('A011');
    const clerkAgain = await s.login('clerk1');
    const done = await s.api('POST', `/halls/${hall.id}/windows/1/finish`, {
      token: clerkAgain,
      body: { outcome: 'done' },
    });
    expect(done.body.status).toBe('done');
    const second = await s.api('POST', `/halls/${hall.id}/windows/1/call-next`, {
      token: clerkAgain,
    });
    const firstWaitingLabor = before.tickets.find(
      (t) => t.serviceId === 'labor' && t.status === 'waiting' && t.priority === 'green',
    );
    expect(second.body.id).toBe(firstWaitingLabor.id);
  });
});
