// Server CPU per ticket of two versions of the compiled server, side by side: the server as
// it was at a commit (BASE, default HEAD~1) and as it is now. Each runs with a Redis of its
// own; rounds alternate between them, so on a machine busy with other work both meet the same
// load, and the comparison holds where absolute figures do not (docs/decisions/069).
//   npm run bench:ab -w server        (BASE=<commit> ROUNDS=10 SECONDS=3)
// The commit's server/src and server/scripts are unpacked under data/ (git-ignored) and built
// there (the sources removed once built, the bundle after the run); npm packages come from
// this checkout.
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, startRedis, type RedisProcess } from '../test/redis-process.js';
import { buildHallServer, spawnHallServer, cpuMs } from './hall-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE = process.env.BASE ?? 'HEAD~1';
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const SECONDS = Number(process.env.SECONDS ?? 3);

/** Builds the server of `commit` under data/ab-<sha>/ and returns its bundle. */
function buildAt(commit: string): { main: string; dir: string; sha: string } {
  const sha = execFileSync('git', ['rev-parse', '--short', commit], { cwd: ROOT })
    .toString()
    .trim();
  const dir = join(ROOT, 'data', `ab-${sha}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'server'), { recursive: true });
  const tar = execFileSync('git', ['archive', sha, 'server/src', 'server/scripts'], {
    cwd: ROOT,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  // the server's own npm packages (not hoisted to the root) resolve as in this checkout
  symlinkSync(join(ROOT, 'server', 'node_modules'), join(dir, 'server', 'node_modules'));
  execFileSync(process.execPath, [join(dir, 'server', 'scripts', 'build.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // only the bundle stays: the sources' test files would be found by this checkout's vitest
  rmSync(join(dir, 'server', 'src'), { recursive: true, force: true });
  rmSync(join(dir, 'server', 'scripts'), { recursive: true, force: true });
  return { main: join(dir, 'server', 'dist', 'main.js'), dir, sha };
}

interface Side {
  name: string;
  redis: RedisProcess;
  server: ChildProcess;
  url: string;
  perTicket: number[];
  /** Its Redis's CPU per ticket: the script and what the readers send. */
  redisPerTicket: number[];
}

const load = (url: string, seconds: number) =>
  promisify(execFile)(
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
        seconds,
        concurrency: 64,
      }),
    ],
    { cwd: ROOT },
  ).then(({ stdout }) => JSON.parse(stdout) as { requests: number; errors: number });

const base = buildAt(BASE);
const current = buildHallServer();
const dir = mkdtempSync(join(tmpdir(), 'hall-ab-'));
writeFileSync(
  join(dir, 'demo.yaml'),
  readFileSync(join(ROOT, 'config', 'demo.yaml'), 'utf8').replace(
    /ticketsPerMinutePerDevice: \d+/,
    'ticketsPerMinutePerDevice: 100000000',
  ),
);
const sides: Side[] = [];
try {
  for (const [name, main] of [
    [base.sha.startsWith(BASE) ? base.sha : `${BASE} (${base.sha})`, base.main],
    ['now', current],
  ] as const) {
    const redis = await startRedis();
    const port = await freePort();
    const server = spawnHallServer(main, {
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      HALL_CONFIG: join(dir, 'demo.yaml'),
      LOG_LEVEL: 'warn',
      DATA_DIR: mkdtempSync(join(dir, 'data-')),
    });
    const url = `http://127.0.0.1:${port}`;
    sides.push({ name, redis, server, url, perTicket: [], redisPerTicket: [] });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${url}/readyz`)).ok) break;
      } catch {
        // not yet
      }
      if (i > 300) throw new Error(`${name} did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const load0 = loadavg()[0]!.toFixed(1);
  for (const side of sides) await load(side.url, 2); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
      const before = cpuMs(side.server.pid!);
      const redisBefore = cpuMs(side.redis.child.pid!);
      const res = await load(side.url, SECONDS);
      if (res.errors > 0) throw new Error(`${side.name}: ${res.errors} failed requests`);
      side.perTicket.push(Math.round((1000 * (cpuMs(side.server.pid!) - before)) / res.requests));
      side.redisPerTicket.push(
        Math.round((1000 * (cpuMs(side.redis.child.pid!) - redisBefore)) / res.requests),
      );
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `server CPU per ticket, 64 in flight, ${ROUNDS} × ${SECONDS} s rounds alternating ` +
      `(load average ${load0} at the start, ${loadavg()[0]!.toFixed(1)} at the end):`,
  );
  for (const side of sides)
    console.log(
      `  ${side.name.padEnd(20)} median ${median(side.perTicket)} µs, least ` +
        `${Math.min(...side.perTicket)} µs  (rounds ${side.perTicket.join(', ')}); ` +
        `its redis-server median ${median(side.redisPerTicket)} µs`,
    );
} finally {
  for (const side of sides) {
    if (side.server.exitCode === null) {
      side.server.kill('SIGTERM');
      await new Promise((r) => side.server.once('exit', r));
    }
    await side.redis.stop();
    rmSync(side.redis.dir, { recursive: true, force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  rmSync(base.dir, { recursive: true, force: true });
}
