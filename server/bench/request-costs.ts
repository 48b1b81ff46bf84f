// What one request costs in Redis: INFO commandstats deltas per request for the ticket issue, the
// call path and the reads a console, screen or kiosk makes, plus the commands an idle server
// sends. With PROFILE=1 the server runs under `node --cpu-prof` while tickets are issued, and the
// profile's self time is summed by package, by our own source files and by function. It also
// prints the server's CPU time per ticket issue with 64 requests in flight (from /proc).
//   npm run bench:costs -w server        (TICKETS=2000 PROFILE=1 PROFILE_OUT=/tmp/issue.cpuprofile)
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, startRedis } from '../test/redis-process.js';
import { buildHallServer, spawnHallServer, cpuMs } from './hall-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TICKETS = Number(process.env.TICKETS ?? 2000);
const PROFILE = process.env.PROFILE === '1';

async function commandstats(redis: Redis): Promise<Map<string, number>> {
  const text = await redis.info('commandstats');
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out.set(m[1]!, Number(m[2]));
  return out;
}

/** Commands per request while `work` runs `n` requests (INFO itself not counted). */
async function measure(redis: Redis, n: number, work: () => Promise<void>): Promise<string> {
  const before = await commandstats(redis);
  await work();
  const after = await commandstats(redis);
  const rows: [string, number][] = [];
  let total = 0;
  for (const [cmd, calls] of after) {
    if (cmd === 'info') continue;
    const d = (calls - (before.get(cmd) ?? 0)) / n;
    if (d >= 0.005) {
      rows.push([cmd, d]);
      total += d;
    }
  }
  rows.sort((a, b) => b[1] - a[1]);
  return `${total.toFixed(1)} (${rows.map(([c, d]) => `${c} ${+d.toFixed(2)}`).join(', ')})`;
}

const hallMain = buildHallServer();
const redisProcess = await startRedis();
const dir = mkdtempSync(join(tmpdir(), 'hall-costs-'));
writeFileSync(
  join(dir, 'demo.yaml'),
  readFileSync(join(ROOT, 'config', 'demo.yaml'), 'utf8').replace(
    /ticketsPerMinutePerDevice: \d+/,
    'ticketsPerMinutePerDevice: 10000000',
  ),
);
const port = await freePort();
// the compiled bundle, as in production (docs/decisions/034)
const server = spawnHallServer(
  hallMain,
  {
    PORT: String(port),
    HOST: '127.0.0.1',
    REDIS_URL: redisProcess.url,
    HALL_CONFIG: join(dir, 'demo.yaml'),
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
  },
  PROFILE ? ['--cpu-prof', '--cpu-prof-dir', dir] : [],
);
const url = `http://127.0.0.1:${port}`;
const redis = new Redis(redisProcess.url);
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not yet
    }
    if (i > 300) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const api = `${url}/api/v1/halls/demo`;
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const r = await fetch(`${api}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    await r.arrayBuffer();
    if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status}`);
    return r;
  };
  const services = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];
  let n = 0;
  const issue = () =>
    call('POST', '/tickets', 'demo-kiosk', { serviceId: services[n++ % services.length] });
  for (let i = 0; i < 50; i++) await issue(); // warm up
  // the reports and alerts fold the warm-up's events on their timers (every 5 s): let them,
  // so the idle figure is what an idle server sends
  await new Promise((r) => setTimeout(r, 6_000));

  const idle = await measure(redis, 1, () => new Promise((r) => setTimeout(r, 10_000)));
  const cpuBefore = cpuMs(server.pid!);
  const saturated = await saturate(url);
  const cpuPerIssue = ((cpuMs(server.pid!) - cpuBefore) * 1000) / saturated.requests;
  const issueCost = await measure(redis, TICKETS, async () => {
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = 0; i < TICKETS / 16; i++) await issue();
      }),
    );
  });
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clerk1', password: 'demo1234', hallId: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  await call('POST', '/windows/1/open', token);
  const rounds = 200;
  const callNext = await measure(redis, rounds, async () => {
    for (let i = 0; i < rounds; i++) {
      await call('POST', '/windows/1/call-next', token);
      await call('POST', '/windows/1/start', token);
      await call('POST', '/windows/1/finish', token, { outcome: 'done' });
    }
  });
  const reads: [string, () => Promise<unknown>][] = [
    ['GET /halls/demo (snapshot)', () => call('GET', '')],
    ['GET …/windows/1/upcoming', () => call('GET', '/windows/1/upcoming', token)],
    ['GET …/staff/me', () => call('GET', '/staff/me', token)],
  ];
  const readCosts: string[] = [];
  for (const [name, f] of reads) {
    readCosts.push(
      `  ${name}: ${await measure(redis, 20, async () => {
        for (let i = 0; i < 20; i++) await f();
      })}`,
    );
  }
  console.log(
    [
      `Redis commands per request (${TICKETS} tickets issued by 16 kiosks at once):`,
      `  idle server, 10 s: ${idle}`,
      `server CPU per ticket issue under load (64 in flight, 10 s, ${saturated.requests} tickets): ${Math.round(cpuPerIssue)} µs`,
      `  POST …/tickets: ${issueCost}`,
      `  call-next + start + finish (${rounds} rounds): ${callNext}`,
      ...readCosts,
    ].join('\n'),
  );
} finally {
  redis.disconnect();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  if (PROFILE) summarizeProfile(dir);
  await redisProcess.stop();
  rmSync(redisProcess.dir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}

/** 64 tickets always in flight for 10 s, from the load generator's own process. */
async function saturate(url: string): Promise<{ requests: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'server/bench/load-generator.ts'),
      JSON.stringify({
        url: `${url}/api/v1/halls/demo/tickets`,
        token: 'demo-kiosk',
        services: ['labor', 'civil', 'family', 'finance', 'construction', 'party'],
        mode: 'closed',
        seconds: 10,
        concurrency: 64,
      }),
    ],
    { cwd: ROOT },
  );
  return JSON.parse(stdout) as { requests: number };
}

interface ProfileNode {
  id: number;
  hitCount: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** The source file (server/src/…, protocol/src/…) of a place in the bundle, from its source map. */
function sourceOf(map: SourceMap | null, node: ProfileNode): string | null {
  if (!map || node.callFrame.lineNumber < 0) return null;
  const entry = map.findEntry(node.callFrame.lineNumber, node.callFrame.columnNumber) as {
    originalSource?: string;
  };
  const source = entry.originalSource;
  if (!source) return null;
  const at = source.search(/(server|protocol)\/src\//);
  return at >= 0 ? source.slice(at) : source;
}

/**
 * Self time by package (node_modules/<name>), our files (server/src/…, through the bundle's
 * source map), node internals; shares of the busy samples (idle left out).
 */
function summarizeProfile(folder: string): void {
  const file = readdirSync(folder).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return;
  if (process.env.PROFILE_OUT) copyFileSync(join(folder, file), process.env.PROFILE_OUT);
  const profile = JSON.parse(readFileSync(join(folder, file), 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
  };
  const map = existsSync(`${hallMain}.map`)
    ? new SourceMap(JSON.parse(readFileSync(`${hallMain}.map`, 'utf8')) as SourceMapPayload)
    : null;
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const u = node.callFrame.url;
    if (node.callFrame.functionName === '(idle)') {
      idle += node.hitCount;
      continue;
    }
    const source = u.endsWith('/dist/main.js') ? sourceOf(map, node) : null;
    let place: string;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
    if (pkg) place = pkg[1]!;
    else if (source) place = source;
    else if (u.startsWith('node:')) place = 'node internals';
    else place = node.callFrame.functionName || '(program, gc)';
    byPlace.set(place, (byPlace.get(place) ?? 0) + node.hitCount);
    const file = source ?? u.slice(u.lastIndexOf('/') + 1);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${file.slice(file.lastIndexOf('/') + 1)}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.hitCount);
    total += node.hitCount;
  }
  console.log(
    `server idle ${((100 * idle) / (idle + total)).toFixed(1)} % of the profile; shares below are of the busy samples`,
  );
  const rows = [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log('CPU profile of the server, self time by place (share of samples):');
  for (const [place, hits] of rows)
    console.log(`  ${((100 * hits) / total).toFixed(1)} %  ${place}`);
  console.log('the busiest functions (self time):');
  for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`  ${((100 * hits) / total).toFixed(1)} %  ${name}`);
}
