// HTTP benchmark of the hot path against a yardstick started by the bench itself: a bare
// express 5 JSON POST handler (bare-express.ts). The hall server is the compiled bundle, built
// first from the current sources (hall-process.ts). Both servers and the load generator
// (load-generator.ts) run in processes of their own; rounds alternate between the two servers
// so a busy machine weighs on both alike.
//   1. throughput: 64 requests always in flight, ROUNDS × SECONDS per server → requests/s, and
//      each server's CPU time per request (from /proc: steadier than rates on a busy machine)
//   2. latency, open loop: a fixed rate (RATE, default half the hall's throughput) → p50/p99
//   3. call-next with six clerks (call-next → start → finish, CALLS rounds each) → p50/p99
//   4. memory: RSS and V8 heap in use after issuing, after calling, and after IDLE_SECONDS idle
//   npm run bench            (ROUNDS=3 SECONDS=5 RATE=… CALLS=150 IDLE_SECONDS=60 FSYNC=everysec|always)
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, startRedis } from '../test/redis-process.js';
import { buildHallServer, spawnHallServer, cpuMs } from './hall-process.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 5);
const CALLS = Number(process.env.CALLS ?? 150);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 60);
const FSYNC = process.env.FSYNC === 'always' ? 'always' : 'everysec';
const SERVICES = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];
const run = promisify(execFile);

interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function load(url: string, job: Record<string, unknown>): Promise<LoadResult> {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      join(HERE, 'load-generator.ts'),
      JSON.stringify({
        url: `${url}/api/v1/halls/demo/tickets`,
        token: 'demo-kiosk',
        services: SERVICES,
        ...job,
      }),
    ],
    { cwd: ROOT, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as LoadResult;
}

async function waitReady(url: string, path: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${url}${path}`, { method: path === '/readyz' ? 'GET' : 'POST' });
      await r.arrayBuffer();
      return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not start`);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** RSS and the V8 heap in use (from the server's own /metrics), as text: `183 MB (95 MB)`. */
async function memory(url: string, pid: number): Promise<{ text: string; heap: number }> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const heap = Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics)?.[1] ?? NaN);
  return { text: `${rssMb(pid)} MB (${Math.round(heap / 2 ** 20)} MB)`, heap };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const f1 = (x: number) => x.toFixed(1);

const hallMain = buildHallServer();
const redis = await startRedis({ appendfsync: FSYNC });
const dir = mkdtempSync(join(tmpdir(), 'hall-bench-'));
writeFileSync(
  join(dir, 'demo.yaml'),
  readFileSync(join(ROOT, 'config', 'demo.yaml'), 'utf8').replace(
    /ticketsPerMinutePerDevice: \d+/,
    'ticketsPerMinutePerDevice: 100000000',
  ),
);
const children: ChildProcess[] = [];
const start = (file: string, env: Record<string, string>) => {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
};
try {
  const hallPort = await freePort();
  const barePort = await freePort();
  // the compiled bundle, as in production (docs/decisions/034)
  const hallServer = spawnHallServer(hallMain, {
    PORT: String(hallPort),
    HOST: '127.0.0.1',
    REDIS_URL: redis.url,
    HALL_CONFIG: join(dir, 'demo.yaml'),
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
  });
  children.push(hallServer);
  const bareServer = start(join(HERE, 'bare-express.ts'), { PORT: String(barePort) });
  const hall = `http://127.0.0.1:${hallPort}`;
  const bare = `http://127.0.0.1:${barePort}`;
  await waitReady(hall, '/readyz');
  await waitReady(bare, '/api/v1/halls/demo/tickets');
  console.log(
    `node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
      .map(f1)
      .join(' ')} at the start (a shared machine makes every figure noisy), ` +
      `redis-server appendfsync ${FSYNC}; servers and load generator in their own processes`,
  );

  // warm-up: JIT, connections, script cache
  for (const url of [bare, hall]) await load(url, { mode: 'closed', seconds: 1, concurrency: 16 });

  // 1. throughput, alternating rounds
  const through = { bare: [] as number[], hall: [] as number[] };
  const cpu = { bare: { ms: 0, requests: 0 }, hall: { ms: 0, requests: 0 } };
  /** Redis's CPU time during the hall's rounds: the part of a ticket the bare server has not. */
  let redisMs = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? (['bare', 'hall'] as const) : (['hall', 'bare'] as const);
    for (const which of order) {
      const pid = (which === 'bare' ? bareServer : hallServer).pid!;
      const cpuBefore = cpuMs(pid);
      const redisBefore = cpuMs(redis.child.pid!);
      const res = await load(which === 'bare' ? bare : hall, {
        mode: 'closed',
        seconds: SECONDS,
        concurrency: 64,
      });
      if (res.errors > 0) throw new Error(`${which}: ${res.errors} failed requests`);
      through[which].push(res.perSecond);
      cpu[which].ms += cpuMs(pid) - cpuBefore;
      cpu[which].requests += res.requests;
      if (which === 'hall') redisMs += cpuMs(redis.child.pid!) - redisBefore;
    }
  }
  const bareRps = median(through.bare);
  const hallRps = median(through.hall);

  // 2. latency at a fixed rate, alternating rounds
  const rate = Number(process.env.RATE ?? Math.max(50, Math.round(hallRps / 2 / 50) * 50));
  const lat = { bare: [] as LoadResult[], hall: [] as LoadResult[] };
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? (['hall', 'bare'] as const) : (['bare', 'hall'] as const);
    for (const which of order) {
      lat[which].push(
        await load(which === 'bare' ? bare : hall, { mode: 'open', seconds: SECONDS, rate }),
      );
    }
  }
  const p = (xs: LoadResult[], k: 'p50' | 'p99') => median(xs.map((x) => x[k]));
  const memAfterIssue = await memory(hall, hallServer.pid!);

  // 3. call-next with six clerks, on the queue the rounds above left
  const api = `${hall}/api/v1/halls/demo`;
  const callLatency: number[] = [];
  const t1 = performance.now();
  await Promise.all(
    ['1', '2', '3', '4', '5', '6'].map(async (w) => {
      const login = await fetch(`${hall}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `clerk${w}`, password: 'demo1234', hallId: 'demo' }),
      });
      const { token } = (await login.json()) as { token: string };
      const post = async (path: string, body?: unknown) => {
        const r = await fetch(`${api}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        await r.arrayBuffer();
        return r.status;
      };
      await post(`/windows/${w}/open`);
      for (let i = 0; i < CALLS; i++) {
        const t = performance.now();
        const status = await post(`/windows/${w}/call-next`);
        callLatency.push(performance.now() - t);
        if (status === 204) break;
        if (status !== 200) throw new Error(`call-next: ${status}`);
        await post(`/windows/${w}/start`);
        await post(`/windows/${w}/finish`, { outcome: 'done' });
      }
    }),
  );
  const callSeconds = (performance.now() - t1) / 1000;
  const memAfterCalls = await memory(hall, hallServer.pid!);
  // what stays once the load is over: V8 collects the garbage the load left once the server
  // has been idle a while (its memory reducer; asking every second keeps it from deciding so)
  await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
  const memIdle = await memory(hall, hallServer.pid!);
  callLatency.sort((a, b) => a - b);
  const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

  console.log(
    [
      `ticket issue, 64 requests in flight, ${ROUNDS} × ${SECONDS} s rounds alternating (median):`,
      `  bare express 5 JSON POST  ${Math.round(bareRps)} req/s  (rounds ${through.bare.map(Math.round).join(', ')})`,
      `  POST /halls/demo/tickets  ${Math.round(hallRps)} req/s  (rounds ${through.hall.map(Math.round).join(', ')})`,
      `  ratio                     ${f1((100 * hallRps) / bareRps)} % of bare express`,
      `  server CPU per request    bare ${Math.round((1000 * cpu.bare.ms) / cpu.bare.requests)} µs, ` +
        `hall ${Math.round((1000 * cpu.hall.ms) / cpu.hall.requests)} µs: ` +
        `${f1((100 * (cpu.bare.ms / cpu.bare.requests)) / (cpu.hall.ms / cpu.hall.requests))} % (bare ÷ hall)`,
      `  redis-server CPU per ticket ${Math.round((1000 * redisMs) / cpu.hall.requests)} µs ` +
        `(machine time per ticket: ${cpus().length} cores ÷ ${Math.round(hallRps)} req/s = ${Math.round((cpus().length * 1e6) / hallRps)} µs)`,
      `ticket issue, open loop at ${rate} req/s, ${ROUNDS} × ${SECONDS} s rounds alternating (median):`,
      `  bare express 5 JSON POST  p50 ${f1(p(lat.bare, 'p50'))} ms, p99 ${f1(p(lat.bare, 'p99'))} ms`,
      `  POST /halls/demo/tickets  p50 ${f1(p(lat.hall, 'p50'))} ms, p99 ${f1(p(lat.hall, 'p99'))} ms`,
      `  ratio (bare ÷ hall)       p50 ${f1((100 * p(lat.bare, 'p50')) / p(lat.hall, 'p50'))} %, p99 ${f1((100 * p(lat.bare, 'p99')) / p(lat.hall, 'p99'))} %`,
      `call-next, six clerks (each call + start + finish), ${callLatency.length} calls: ` +
        `${Math.round(callLatency.length / callSeconds)} calls/s, p50 ${f1(pct(callLatency, 0.5))} ms, p99 ${f1(pct(callLatency, 0.99))} ms`,
      `hall server RSS (V8 heap used) after issuing ${memAfterIssue.text}, after calling ` +
        `${memAfterCalls.text}, after ${IDLE_SECONDS} s idle ${memIdle.text}`,
    ].join('\n'),
  );
} finally {
  for (const c of children) {
    if (c.exitCode === null) {
      c.kill('SIGTERM');
      await new Promise((r) => c.once('exit', r));
    }
  }
  await redis.stop();
  rmSync(redis.dir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
