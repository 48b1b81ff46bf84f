// HTTP benchmark: the server in its own process on a real redis-server, driven over loopback.
// Prints tickets/s with p50/p99 latency for issuing, and calls/s with p50/p99 for call-next,
// once with Redis fsyncing the AOF every second and once on every write.
//   npm run bench            (TICKETS=10000 CONCURRENCY=64 to change the load)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startRedis } from '../test/redis-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TICKETS = Number(process.env.TICKETS ?? 10_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 64);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function run(appendfsync: 'everysec' | 'always'): Promise<void> {
  const redis = await startRedis({ appendfsync });
  const dir = mkdtempSync(join(tmpdir(), 'hall-bench-'));
  const config = readFileSync(join(ROOT, 'config', 'demo.yaml'), 'utf8').replace(
    /ticketsPerMinutePerDevice: \d+/,
    'ticketsPerMinutePerDevice: 10000000',
  );
  writeFileSync(join(dir, 'demo.yaml'), config);
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      HALL_CONFIG: join(dir, 'demo.yaml'),
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url);
    const api = `${url}/api/v1/halls/demo`;
    const post = async (path: string, token: string, body?: unknown): Promise<Response> =>
      fetch(`${api}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });

    // 1. issuing: CONCURRENCY kiosks at once
    const services = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];
    const issueLatency: number[] = [];
    let issued = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < TICKETS) {
          const i = issued++;
          const start = performance.now();
          const r = await post('/tickets', 'demo-kiosk', {
            serviceId: services[i % services.length],
          });
          issueLatency.push(performance.now() - start);
          if (r.status !== 201) throw new Error(`issue: ${r.status} ${await r.text()}`);
          await r.arrayBuffer();
        }
      }),
    );
    const issueSeconds = (performance.now() - t0) / 1000;
    const memAfterIssue = rssMb(server.pid!);

    // 2. calling: six clerks, call-next → start → finish until the queues are empty
    const callLatency: number[] = [];
    let calls = 0;
    const t1 = performance.now();
    await Promise.all(
      ['1', '2', '3', '4', '5', '6'].map(async (w) => {
        const login = await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: `clerk${w}`, password: 'demo1234', hallId: 'demo' }),
        });
        const { token } = (await login.json()) as { token: string };
        await (await post(`/windows/${w}/open`, token)).arrayBuffer();
        for (;;) {
          const start = performance.now();
          const r = await post(`/windows/${w}/call-next`, token);
          callLatency.push(performance.now() - start);
          await r.arrayBuffer();
          if (r.status === 204) break;
          if (r.status !== 200) throw new Error(`call-next: ${r.status}`);
          calls++;
          await (await post(`/windows/${w}/start`, token)).arrayBuffer();
          await (await post(`/windows/${w}/finish`, token, { outcome: 'done' })).arrayBuffer();
        }
      }),
    );
    const callSeconds = (performance.now() - t1) / 1000;
    issueLatency.sort((a, b) => a - b);
    callLatency.sort((a, b) => a - b);
    console.log(
      [
        `appendfsync ${appendfsync}:`,
        `  issue     ${TICKETS} tickets, ${CONCURRENCY} concurrent: ${Math.round(TICKETS / issueSeconds)} tickets/s, p50 ${percentile(issueLatency, 50).toFixed(1)} ms, p99 ${percentile(issueLatency, 99).toFixed(1)} ms`,
        `  call-next ${calls} calls by 6 clerks (each call + start + finish): ${Math.round(calls / callSeconds)} calls/s, p50 ${percentile(callLatency, 50).toFixed(1)} ms, p99 ${percentile(callLatency, 99).toFixed(1)} ms`,
        `  server RSS after issuing ${memAfterIssue} MB, after calling ${rssMb(server.pid!)} MB`,
      ].join('\n'),
    );
    if (calls !== TICKETS) throw new Error(`called ${calls} of ${TICKETS}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await redis.stop();
    rmSync(redis.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`node ${process.version}, redis-server on loopback, server in its own process`);
await run('everysec');
await run('always');
