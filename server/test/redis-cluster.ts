import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './redis-process.js';

/** A real Redis Cluster of three masters on loopback, for `npm run test:cluster`. */
export interface RedisCluster {
  nodes: { host: string; port: number }[];
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,…`, which the server's connectRedis reads. */
  url: string;
  stop(): Promise<void>;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis cluster: ${what} within ${ms} ms`);
}

async function info(port: number, command: string[]): Promise<string> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return String(await client.call(command[0] ?? 'PING', ...command.slice(1)));
  } finally {
    client.disconnect();
  }
}

/**
 * Starts three `redis-server --cluster-enabled yes` (AOF on, each in its own folder),
 * joins them with `redis-cli --cluster create … --cluster-yes` (no replicas) and waits
 * until every node says cluster_state:ok.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const children: ChildProcess[] = [];
  const nodes: { host: string; port: number }[] = [];
  for (let i = 0; i < masters; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'hall-cluster-'));
    const port = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, 'nodes.conf'),
        '--cluster-node-timeout',
        '5000',
        '--appendonly',
        'yes',
        '--save',
        '',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    children.push(child);
    nodes.push({ host: '127.0.0.1', port });
  }
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    for (const n of nodes)
      await waitFor('a node did not start', async () => (await info(n.port, ['PING'])) === 'PONG');
    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...nodes.map((n) => `${n.host}:${n.port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    for (const n of nodes) {
      await waitFor('the cluster did not become ok', async () =>
        (await info(n.port, ['CLUSTER', 'INFO'])).includes('cluster_state:ok'),
      );
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    nodes,
    url: `redis+cluster://${nodes.map((n) => `${n.host}:${n.port}`).join(',')}`,
    stop,
  };
}
