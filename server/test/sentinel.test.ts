// The server behind Redis Sentinel: it finds the master through the sentinels and follows a failover.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { startServer, type RunningServer } from '../src/server.js';
import { sampleHall } from './helpers.js';
import { freePort, startRedis, type RedisProcess } from './redis-process.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops.length = 0;
});

async function startSentinel(masterPort: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'hall-sentinel-'));
  const port = await freePort();
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor hall 127.0.0.1 ${masterPort} 1`,
      'sentinel down-after-milliseconds hall 1000',
      'sentinel failover-timeout hall 5000',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  stops.push(async () => {
    child.kill('SIGTERM');
    await exited;
  });
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 100 });
  probe.on('error', () => undefined);
  try {
    for (let i = 0; i < 100; i++) {
      try {
        await probe.connect().catch(() => undefined);
        const master = (await probe.call('SENTINEL', 'get-master-addr-by-name', 'hall')) as
          string[] | null;
        if (master?.[1] === String(masterPort)) return port;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    probe.disconnect();
  }
  throw new Error('sentinel did not start');
}

describe('Redis Sentinel', () => {
  it('issues tickets through the master the sentinels name, and after the master dies through the promoted replica', async () => {
    const master: RedisProcess = await startRedis();
    stops.push(() => master.stop());
    const replica: RedisProcess = await startRedis();
    stops.push(() => replica.stop());
    const replicaClient = new Redis(replica.url);
    await replicaClient.replicaof('127.0.0.1', master.port);
    const sentinelPort = await startSentinel(master.port);

    const hall = sampleHall('demo');
    const server: RunningServer = await startServer({
      halls: [hall],
      redis: { sentinels: [{ host: '127.0.0.1', port: sentinelPort }], name: 'hall' },
    });
    stops.push(() => server.close());
    // as the kiosk does, a retry carries the first request's requestId
    const issue = async (requestId: string) => {
      const res = await fetch(`${server.url}/api/v1/halls/${hall.id}/tickets`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: 'labor', requestId }),
      });
      return { status: res.status, body: (await res.json()) as { number: string } };
    };
    expect((await issue('first')).body.number).toBe('A001');
    const direct = new Redis(master.url);
    expect(await direct.xlen(hallKeys(hall.id).events)).toBe(1);
    direct.disconnect();

    // wait until the replica holds the ticket (its first sync waits repl-diskless-sync-delay,
    // 5 s by default, before it starts)
    for (let i = 0; i < 300 && (await replicaClient.xlen(hallKeys(hall.id).events)) < 1; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await replicaClient.xlen(hallKeys(hall.id).events)).toBe(1);
    // the master dies; the sentinel promotes the replica
    await master.stop('SIGKILL');
    for (let i = 0; i < 200; i++) {
      if ((await replicaClient.role())[0] === 'master') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await replicaClient.role())[0]).toBe('master');

    // the next ticket continues the numbering on the new master; a request refused while the
    // sentinels switch over may still run once the connection is back, and its retry gets
    // that ticket, not another number
    let next = await issue('second');
    for (let i = 0; i < 50 && next.status !== 201; i++) {
      await new Promise((r) => setTimeout(r, 200));
      next = await issue('second');
    }
    expect(next.body.number).toBe('A002');
    expect(await replicaClient.xlen(hallKeys(hall.id).events)).toBe(2);
    replicaClient.disconnect();
  });
});
