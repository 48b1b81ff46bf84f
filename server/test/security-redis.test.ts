// Issue 14, findings 4, 9 and 10 (start-up): a frozen Redis, a Redis that refuses writes, and a
// Redis that starts after the server. Bounded 503 answers with a named code, /readyz not ready,
// nothing half-done, and recovery.
import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { freePort, startRedis, type RedisProcess } from './redis-process.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function ownRedis(port?: number): Promise<RedisProcess> {
  const redis = await startRedis(port === undefined ? {} : { port });
  cleanup.push(async () => {
    if (redis.child.signalCode === null) redis.child.kill('SIGCONT');
    await redis.stop();
    rmSync(redis.dir, { recursive: true, force: true });
  });
  return redis;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - t0), value };
}

const issue = (s: TestServer, requestId: string) =>
  s.api('POST', `/halls/${s.hall.id}/tickets`, {
    token: 'demo-kiosk',
    body: { serviceId: 'civil', requestId },
  });

describe('Redis faults (issue 14, findings 4 and 9)', () => {
  it('a frozen Redis (SIGSTOP) gives 503 store_timeout and not-ready within 2 s; the retry gets its ticket', async () => {
    const redis = await ownRedis();
    const s = await startTestServer(sampleHall('demo'), { redisUrl: redis.url });
    cleanup.push(() => s.close());
    expect((await issue(s, 'first')).status).toBe(201);

    redis.child.kill('SIGSTOP');
    const ready = await timed(() => fetch(`${s.url}/readyz`));
    const ticket = await timed(() => issue(s, 'during-freeze'));
    const snapshot = await timed(() => s.api('GET', `/halls/${s.hall.id}`));
    console.log(
      `Redis frozen: /readyz failed in ${ready.ms} ms, a ticket request in ${ticket.ms} ms, ` +
        `the snapshot in ${snapshot.ms} ms`,
    );
    expect(ready.value.status).toBe(503);
    expect(await ready.value.json()).toEqual({ status: 'not_ready', reason: 'store_timeout' });
    expect(ready.ms).toBeLessThan(2500);
    expect(ticket.value.status).toBe(503);
    expect(ticket.value.body.error.code).toBe('store_timeout');
    expect(ticket.ms).toBeLessThan(2500);
    expect(snapshot.value.status).toBe(503);
    expect(snapshot.ms).toBeLessThan(2500);

    redis.child.kill('SIGCONT');
    // the kiosk retries with the same requestId: it gets the one ticket, whether or not the
    // frozen Redis ran the first attempt when it woke up, never a phantom second
    let retry = { status: 0, body: {} as any };
    for (let i = 0; i < 50 && retry.status !== 200 && retry.status !== 201; i++) {
      retry = await issue(s, 'during-freeze');
      if (retry.status >= 500) await new Promise((r) => setTimeout(r, 100));
    }
    expect([200, 201]).toContain(retry.status);
    expect(retry.body.number).toBe('B002');
    expect((await issue(s, 'during-freeze')).body.id).toBe(retry.body.id);
    const hall = await s.api('GET', `/halls/${s.hall.id}`);
    expect(hall.body.services.find((x: { id: string }) => x.id === 'civil').waiting).toBe(2);
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
  });

  it('refused writes (read-only replica, out of memory) are 503 with their code, change nothing, and make /readyz not ready', async () => {
    const redis = await ownRedis();
    const admin = new Redis(redis.url);
    cleanup.push(() => admin.disconnect());
    const s = await startTestServer(sampleHall('demo'), { redisUrl: redis.url });
    cleanup.push(() => s.close());
    expect((await issue(s, 'a')).status).toBe(201);
    const events = hallKeys(s.hall.id).events;
    const before = await admin.xlen(events);

    // a failed-over primary that is now a replica
    await admin.replicaof('127.0.0.1', String(await freePort()));
    const ro = await issue(s, 'b');
    expect(ro.status).toBe(503);
    expect(ro.body.error).toMatchObject({ code: 'store_read_only' });
    const readyRo = await fetch(`${s.url}/readyz`);
    expect(readyRo.status).toBe(503);
    expect(await readyRo.json()).toEqual({ status: 'not_ready', reason: 'store_read_only' });
    await admin.replicaof('NO', 'ONE');

    // out of memory (maxmemory reached, noeviction)
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', '1');
    const oom = await issue(s, 'c');
    expect(oom.status).toBe(503);
    expect(oom.body.error).toMatchObject({ code: 'store_full' });
    expect(oom.body.error.message).toContain('未作任何更改');
    expect((await fetch(`${s.url}/readyz`)).status).toBe(503);
    await admin.config('SET', 'maxmemory', '0');

    expect(await admin.xlen(events)).toBe(before);
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    const after = await issue(s, 'd');
    expect(after.status).toBe(201);
    expect(after.body.number).toBe('B002');
  });

  it('a server started before its Redis waits for it instead of exiting', async () => {
    const port = await freePort();
    const starting = startTestServer(sampleHall('demo'), { redisUrl: `redis://127.0.0.1:${port}` });
    let started = false;
    void starting.then(() => {
      started = true;
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(started).toBe(false);
    await ownRedis(port);
    const s = await starting;
    cleanup.push(() => s.close());
    expect((await issue(s, 'x')).status).toBe(201);
  });
});
