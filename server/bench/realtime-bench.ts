// Realtime benchmark: 1,000 and then 5,000 clients (WebSocket transport, batched frames)
// subscribed to one hall of the product's compiled server (server/dist/main.js, built here, in
// its own process, with realtime-probe.mjs answering memory, CPU and profile requests) on a
// real redis-server. The clients live in child processes (realtime-clients.ts), so neither they
// nor this process share the server's event loop; on two or more CPUs the server has CPU 0 to
// itself and the clients, Redis and this process share the others, as screens on machines of
// their own would leave the server's CPU alone. By default each client is the lean one (the
// protocol spoken over a TCP socket, a third of socket.io-client's CPU per frame: decision 071);
// CLIENT=socket.io uses socket.io-client, CLIENT=connectHall the apps' shared realtime client.
// Clerks make calls over the API one at a time: each call is read by every client, then started
// and finished, and the next is sent when every client has the finish. For each call the time
// from sending the request to each client seeing ticket.called is taken (wall-clock
// high-resolution time, comparable between processes).
// Prints call-to-client latency p50/p99/max over all deliveries, sockets that missed a call,
// the median time until the first and the last client of a call had it, server CPU per frame
// written and client CPU per frame read, the server's RSS and heap and its memory per socket;
// then the same for the same clients reading frames of the same shape (the hall's own events
// as its clients saw them) from a bare ws server (realtime-bare.ts), the machine's floor.
// On both servers: a pause, WARMUP calls not counted (6), the CALLS counted calls (100), then
// AFTER_PAUSE calls (3) each after PAUSE_MS (1000) without frames, reported on a line of their
// own (docs/decisions/075-…).
//   npm run bench:realtime   (CLIENTS=1000,5000 CALLS=100 WARMUP=6 AFTER_PAUSE=3 PAUSE_MS=1000
//                             BARE=0 PROFILE=1 PIN=0 PER_PROCESS=… DETAIL=1 (every call)
//                             CLIENT=socket.io|connectHall to change it)
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startRedis } from '../test/redis-process.js';
import { summarizeProfile } from './realtime-profile.js';
import {
  allHold,
  askAll,
  CLIENT_CPUS,
  closeClients,
  CPUS,
  latencyLine,
  mb,
  ms,
  percentile,
  pin,
  PIN,
  reportOf,
  SERVER_CPUS,
  type Report,
  startClients,
} from './realtime-rig.js';
import type { HallEvent } from '@hall/protocol';
import { apiAt, writeDemoHallFile, type Api } from '../test/realtime-helpers.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const PROFILE = process.env.PROFILE === '1';
const PROFILE_DIR = join(ROOT, 'server', 'data');
if (PROFILE) mkdirSync(PROFILE_DIR, { recursive: true });
const ROUNDS = (process.env.CLIENTS ?? '1000,5000').split(',').map(Number);
const CALLS = Number(process.env.CALLS ?? 100);
const WARMUP = Number(process.env.WARMUP ?? 6);
const AFTER_PAUSE = Number(process.env.AFTER_PAUSE ?? 3);
const PAUSE_MS = Number(process.env.PAUSE_MS ?? 1000);
const BARE = process.env.BARE !== '0';
const HALL = 'demo';
const WINDOWS = ['1', '2', '3', '4', '5', '6'];
/** A service each window calls (config/demo.yaml): tickets are issued in the calls' order. */
const SERVICES = ['labor', 'labor', 'civil', 'family', 'finance', 'party'];

interface Node {
  url: string;
  dataDir: string;
  child: ChildProcess;
  memory(): Promise<NodeJS.MemoryUsage>;
  /** The server process's CPU time so far, in microseconds. */
  cpu(): Promise<number>;
  ask<T>(message: unknown, key: string): Promise<T>;
}

/**
 * The product's compiled server (server/dist/main.js, as `npm start` and the systemd unit run
 * it) on a free port, behind "a proxy" (TRUSTED_PROXIES=loopback): each benchmark client
 * names an address of its own, as a hall's phones and screens arriving through nginx would.
 */
async function startNode(hallFile: string, redisUrl: string): Promise<Node> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'realtime-bench-'));
  const execArgv = ['--expose-gc', '--import', join(HERE, 'realtime-probe.mjs')];
  const child = fork(join(ROOT, 'server', 'dist', 'main.js'), [], {
    execArgv,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redisUrl,
      HALL_CONFIG: hallFile,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TRUSTED_PROXIES: 'loopback',
      DEMO_PRINTER: 'off',
      // as npm start, the systemd unit and the container run it (docs/decisions/070)
      MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '1048576',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  pin(child.pid, SERVER_CPUS);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`))),
  );
  exited.catch(() => undefined);
  for (let ready = false; !ready;) {
    await Promise.race([new Promise((r) => setTimeout(r, 100)), exited]);
    ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
  }
  /** Sends the probe a message and waits for its answer carrying `key`. */
  const ask = <T>(message: unknown, key: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (!(key in m)) return;
        child.off('message', onMessage);
        resolve(m[key] as T);
      };
      child.on('message', onMessage);
      child.send(message as string);
    });
  return {
    url,
    dataDir,
    child,
    memory: () => ask<NodeJS.MemoryUsage>('memory', 'memory'),
    cpu: () => ask<NodeJS.CpuUsage>('cpu', 'cpu').then((c) => c.user + c.system),
    ask,
  };
}

/** Waits `ms` milliseconds. */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

/**
 * The calls of a round, the same on both servers: a pause (what came before has gone out),
 * the warm-up calls, not counted, then the counted calls one after another (from the mark,
 * with the server's CPU measured around them), then AFTER_PAUSE calls each after a pause of
 * PAUSE_MS without frames, reported apart. The warm-up comes after the pause because a Linux
 * receiver acknowledges its next 16 segments at once after a gap longer than its
 * retransmission timeout (200 ms), and on loopback those acknowledgements run inside the
 * server's writes: the first six calls after a pause cost the server about half as much
 * again per write, which a screen on a machine of its own pays on its own CPU (decision 075).
 */
async function calls(
  call: (i: number) => Promise<{ ticketId: string; sent: number } | null>,
  hooks: { mark(): Promise<void>; measured(): Promise<void> },
): Promise<{ sentAt: Map<string, number>; afterPause: Map<string, number> }> {
  await pause(500);
  for (let i = 0; i < WARMUP; i++) await call(i);
  await hooks.mark();
  const sentAt = new Map<string, number>();
  for (let i = 0; sentAt.size < CALLS && i < CALLS * 3; i++) {
    const made = await call(WARMUP + i);
    if (made) sentAt.set(made.ticketId, made.sent);
  }
  await hooks.measured();
  const afterPause = new Map<string, number>();
  for (let i = 0; afterPause.size < AFTER_PAUSE && i < AFTER_PAUSE * 3; i++) {
    await pause(PAUSE_MS);
    const made = await call(WARMUP + CALLS * 3 + i);
    if (made) afterPause.set(made.ticketId, made.sent);
  }
  return { sentAt, afterPause };
}

/** The line for the calls made after a pause. */
function afterPauseLine(
  afterPause: Map<string, number>,
  arrivals: Map<string, number[]>,
  count: number,
) {
  if (afterPause.size === 0) return [];
  const { line } = latencyLine(afterPause, arrivals, count);
  return [`  ${afterPause.size} calls each after ${PAUSE_MS} ms without frames: ${line}`];
}

/** The clerks' side of the counted calls: how long call-next took to answer. */
function answeredLine(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `  the clerk's call-next answered in p50 ${ms(percentile(sorted, 50))} | p99 ${ms(percentile(sorted, 99))} | max ${ms(sorted.at(-1) ?? NaN)}`;
}

/**
 * The floor: the same clients reading frames of the same shape (the hall server's own events,
 * as its clients saw them, with other ticket ids) from a bare `ws` server that does nothing
 * but write the frame to every socket.
 */
async function bareRound(count: number, samples: Report['samples']): Promise<void> {
  const child = fork(join(HERE, 'realtime-bare.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  pin(child.pid, SERVER_CPUS);
  const url = await new Promise<string>((resolve) =>
    child.once('message', (m: { url: string }) => resolve(m.url)),
  );
  const cpu = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m: { cpuUsed: number }) => resolve(m.cpuUsed));
      child.send({ cpu: true });
    });
  const procs = await startClients(url, count);
  let seq = 0;
  /** The hall's event of this type with this ticket and a fresh id of the same length. */
  const event = (type: string, ticketId: string): HallEvent => {
    const sample = samples[type];
    if (!sample) throw new Error(`the hall server's clients saw no ${type}`);
    const [ms, n] = sample.id.split('-');
    seq++;
    return {
      ...sample,
      id: `${Number(ms) + seq}-${n}`,
      data: { ...sample.data, ticketId },
    } as HallEvent;
  };
  const idLength = (samples['ticket.called']?.data as { ticketId?: string } | undefined)?.ticketId
    ?.length;
  const call = async (i: number) => {
    const ticketId = `bare-${i}-`.padEnd(idLength ?? 0, 'x');
    const sent = now();
    child.send({ send: [event('ticket.called', ticketId)] });
    await allHold(procs, `ticket.called:${ticketId}`, 10_000);
    child.send({ send: [event('ticket.started', ticketId)] });
    child.send({ send: [event('ticket.finished', ticketId)] });
    await allHold(procs, `ticket.finished:${ticketId}`, 10_000);
    return { ticketId, sent };
  };
  let cpuBefore = 0;
  let cpuUsed = 0;
  const { sentAt, afterPause } = await calls(call, {
    mark: async () => {
      await askAll(procs, { mark: true }, 'marked');
      cpuBefore = await cpu();
    },
    measured: async () => {
      cpuUsed = (await cpu()) - cpuBefore;
      await askAll(procs, { measured: true }, 'measured');
    },
  });
  const { arrivals, frames, clientCpu } = await reportOf(procs);
  const { line, deliveries } = latencyLine(sentAt, arrivals, count);
  const perFrame = (us: number) => `${(us / Math.max(1, frames)).toFixed(1)} µs`;
  console.log(
    [
      `${String(count).padStart(5)} clients of a bare ws server writing the same frames (the floor)`,
      `  ${sentAt.size} calls → ${deliveries} deliveries | ${line}`,
      `  server CPU ${perFrame(cpuUsed)} per frame written | clients CPU ${perFrame(clientCpu)} per frame read`,
      ...afterPauseLine(afterPause, arrivals, count),
    ].join('\n'),
  );
  await closeClients(procs);
  child.disconnect();
}

async function round(
  node: Node,
  api: Api,
  tokens: string[],
  count: number,
): Promise<Report['samples']> {
  const before = await node.memory();
  const t0 = performance.now();
  const procs = await startClients(node.url, count);
  const connectMs = performance.now() - t0;
  const connected = await node.memory();

  const h = `/halls/${HALL}`;
  // a few more than the calls: a window calls only the services it serves
  for (let i = 0; i < CALLS + WARMUP + AFTER_PAUSE + SERVICES.length; i++) {
    await api('POST', `${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: SERVICES[i % SERVICES.length] },
    });
  }
  // each call is taken to every client, then started and finished, and the next call sent
  // only when every client has the finish too: nothing of one call is in flight during another
  /** How long each clerk's call-next took to answer. */
  const answered = new Map<string, number>();
  const call = async (i: number) => {
    const token = tokens[i % WINDOWS.length]!;
    const at = `${h}/windows/${WINDOWS[i % WINDOWS.length]!}`;
    const sent = now();
    const r = await api('POST', `${at}/call-next`, { token });
    if (r.status !== 200) return null;
    const ticketId = r.body.id as string;
    answered.set(ticketId, now() - sent);
    await allHold(procs, `ticket.called:${ticketId}`, 10_000);
    await api('POST', `${at}/start`, { token });
    await api('POST', `${at}/finish`, { token, body: { outcome: 'done' } });
    await allHold(procs, `ticket.finished:${ticketId}`, 10_000);
    return { ticketId, sent };
  };
  let cpuBefore = 0;
  let cpuUsed = 0;
  let gc = { count: 0, total: 0, longest: 0 };
  let profile: string | null = null;
  const { sentAt, afterPause } = await calls(call, {
    mark: async () => {
      await askAll(procs, { mark: true }, 'marked');
      if (PROFILE) await node.ask('profile-start', 'profiling');
      await node.ask('gc', 'gc');
      cpuBefore = await node.cpu();
    },
    measured: async () => {
      cpuUsed = (await node.cpu()) - cpuBefore;
      await askAll(procs, { measured: true }, 'measured');
      gc = await node.ask<typeof gc>('gc', 'gc');
      if (PROFILE)
        profile = await node.ask<string>(
          { profileTo: join(PROFILE_DIR, `realtime-${count}.cpuprofile`) },
          'profiled',
        );
    },
  });
  const memory = await node.memory();
  const { arrivals, frames, clientCpu, samples } = await reportOf(procs);
  const { line, deliveries } = latencyLine(sentAt, arrivals, count);
  const perFrame = (us: number) => `${(us / Math.max(1, frames)).toFixed(1)} µs`;
  console.log(
    [
      `${String(count).padStart(5)} clients in ${procs.length} processes, connected and subscribed in ${ms(connectMs)}`,
      `  ${sentAt.size} calls → ${deliveries} deliveries | ${line}`,
      [
        `  server CPU ${perFrame(cpuUsed)} per frame written (${frames} frames: called, started, finished; requests included)`,
        `rss ${mb(memory.rss)}`,
        `heap ${mb(memory.heapUsed)}`,
        `per socket ~${((connected.heapUsed - before.heapUsed) / count / 1024).toFixed(1)} KB heap, ~${((connected.rss - before.rss) / count / 1024).toFixed(1)} KB rss`,
        `clients CPU ${perFrame(clientCpu)} per frame read`,
      ].join(' | '),
      `  server GC during the calls: ${gc.count} pauses, ${ms(gc.total)} in all, longest ${ms(gc.longest)}`,
      answeredLine([...sentAt.keys()].map((id) => answered.get(id)!)),
      ...afterPauseLine(afterPause, arrivals, count),
    ].join('\n'),
  );
  if (profile) summarizeProfile(profile);
  await closeClients(procs);
  return samples;
}

async function main(): Promise<void> {
  // the same bundle `npm start` runs, built from the sources as they are
  execFileSync('npm', ['run', 'build', '-w', 'server'], { cwd: ROOT, stdio: 'ignore' });
  const redis = await startRedis();
  pin(process.pid, CLIENT_CPUS);
  pin(redis.child.pid, CLIENT_CPUS);
  const hallFile = writeDemoHallFile(HALL);
  const node = await startNode(hallFile, redis.url);
  try {
    const api = apiAt(node.url);
    const started = await node.memory();
    console.log(
      `node ${process.version}, ${CPUS} CPUs, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}; clients: ${process.env.CLIENT ?? 'lean'}; ` +
        (PIN
          ? `server on CPU ${SERVER_CPUS}, clients and Redis on CPUs ${CLIENT_CPUS}`
          : 'not pinned'),
    );
    console.log(`server started: rss ${mb(started.rss)} | heap ${mb(started.heapUsed)}`);
    const tokens: string[] = [];
    for (const w of WINDOWS) {
      const r = await api('POST', '/auth/login', {
        body: { username: `clerk${w}`, password: 'demo1234', hallId: HALL },
      });
      tokens.push(r.body.token);
      await api('POST', `/halls/${HALL}/windows/${w}/open`, { token: r.body.token });
    }
    const idle = await node.memory();
    console.log(`server idle: rss ${mb(idle.rss)} | heap ${mb(idle.heapUsed)}`);
    for (const count of ROUNDS) {
      const samples = await round(node, api, tokens, count);
      // let the closed sockets go before the next round
      await pause(1000);
      if (BARE) await bareRound(count, samples);
    }
  } finally {
    const gone = new Promise((r) => node.child.once('exit', r));
    node.child.kill('SIGTERM');
    await gone;
    await redis.stop();
    rmSync(node.dataDir, { recursive: true, force: true });
  }
}

await main();
