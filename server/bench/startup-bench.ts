// Start-up benchmark: the demo hall started the ways an operator can, each ROUNDS times, on
// a real redis-server (REDIS_URL, so Redis' own start is not counted):
//   node       `node server/dist/main.js` (as the systemd unit runs it)
//   compiled   `npm start` (build step skipped when nothing changed, then node server/dist/main.js)
//   tsx        `npm run start:tsx -w server` (TypeScript compiled on load)
// Prints time to ready (spawn → GET /readyz 200), idle RSS 5 s after ready of the server
// process and of its whole process tree (npm and tsx parents included), and the time from
// SIGTERM to exit. Run `npm run build` first.   npm run bench:startup   (ROUNDS=3)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startRedis } from '../test/redis-process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const MODES: Record<string, string[]> = {
  node: ['node', 'server/dist/main.js'],
  compiled: ['npm', 'start'],
  tsx: ['npm', 'run', 'start:tsx', '-w', 'server'],
};

/** pid → [ppid, rss bytes, command] of every process. */
function processes(): Map<number, { ppid: number; rss: number; cmd: string }> {
  const all = new Map<number, { ppid: number; rss: number; cmd: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      all.set(Number(name), { ppid, rss, cmd });
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

function tree(root: number): { total: number; server: number; serverPid: number; count: number } {
  const all = processes();
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of all) {
      if (!inTree.has(pid) && inTree.has(p.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  let server = 0;
  let serverPid = 0;
  for (const pid of inTree) {
    const p = all.get(pid);
    if (!p) continue;
    total += p.rss;
    // the process that runs main: the largest of those naming it (tsx's launcher is small)
    if (/main\.(js|ts)/.test(p.cmd) && p.rss > server) {
      server = p.rss;
      serverPid = pid;
    }
  }
  return { total, server, serverPid, count: inTree.size };
}

async function once(mode: string, redisUrl: string) {
  const port = await freePort();
  const [cmd, ...args] = MODES[mode]!;
  const t0 = performance.now();
  const child = spawn(cmd!, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      REDIS_URL: redisUrl,
      DEMO_PRINTER: 'off',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
    // its own process group, signalled as a whole (as Ctrl-C at a terminal or systemd does)
    detached: true,
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ready = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 5000));
  const mem = tree(child.pid!);
  const s0 = performance.now();
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  // until the server process itself is gone (npm may exit before it)
  while (existsSync(`/proc/${mem.serverPid}`)) await new Promise((r) => setTimeout(r, 10));
  const stop = performance.now() - s0;
  return { ready, total: mem.total, server: mem.server, count: mem.count, stop };
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const redis = await startRedis();
try {
  for (const mode of Object.keys(MODES)) {
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(await once(mode, redis.url));
    console.log(
      `${mode.padEnd(9)} ready ${median(runs.map((r) => r.ready)).toFixed(0)} ms · idle RSS server ` +
        `${mb(median(runs.map((r) => r.server)))}, tree ${mb(median(runs.map((r) => r.total)))} ` +
        `(${runs[0]?.count} processes) · SIGTERM→exit ${median(runs.map((r) => r.stop)).toFixed(0)} ms ` +
        `(median of ${ROUNDS})`,
    );
  }
} finally {
  await redis.stop();
}
