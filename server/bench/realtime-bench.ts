// Realtime benchmark: 1,000 and then 5,000 socket.io clients (the protocol's realtime client,
// batched frames, websocket transport) subscribed to one hall of a server node in its own
// process on a real redis-server. The clients live in child processes of at most 1,250 each
// (realtime-clients.ts), so neither they nor this process share the server's event loop.
// Clerks make calls over the API one after another; for each call the time from sending the
// request to each client holding the ticket.called event is taken (wall-clock high-resolution
// time, comparable between processes). Prints call-to-client latency p50/p99/max over all
// deliveries, sockets that missed a call, the median time until the first and the last client
// of a call had it, and the server's RSS and heap, and its RSS per connected socket.
//   npm run bench:realtime            (CLIENTS=1000,5000 CALLS=40 PER_PROCESS=1250 to change it)
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../test/redis-process.js';
import { apiAt, writeDemoHallFile, type Api } from '../test/realtime-helpers.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROUNDS = (process.env.CLIENTS ?? '1000,5000').split(',').map(Number);
const CALLS = Number(process.env.CALLS ?? 40);
const PER_PROCESS = Number(process.env.PER_PROCESS ?? 1250);
const HALL = 'demo';
const WINDOWS = ['1', '2', '3', '4', '5', '6'];
const SERVICES = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface Node {
  url: string;
  child: ChildProcess;
  memory(): Promise<NodeJS.MemoryUsage>;
  /** The server process's CPU time so far, in microseconds. */
  cpu(): Promise<number>;
}

async function startNode(hallFile: string, redisUrl: string): Promise<Node> {
  const child = fork(join(HERE, 'realtime-node.ts'), [hallFile, redisUrl], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`server node exited with ${code}`)));
  });
  return {
    url,
    child,
    memory: () =>
      new Promise((resolve) => {
        const onMessage = (m: { memory?: NodeJS.MemoryUsage }) => {
          if (!m.memory) return;
          child.off('message', onMessage);
          resolve(m.memory);
        };
        child.on('message', onMessage);
        child.send('memory');
      }),
    cpu: () =>
      new Promise((resolve) => {
        const onMessage = (m: { cpu?: NodeJS.CpuUsage }) => {
          if (!m.cpu) return;
          child.off('message', onMessage);
          resolve(m.cpu.user + m.cpu.system);
        };
        child.on('message', onMessage);
        child.send('cpu');
      }),
  };
}

interface ClientProcess {
  child: ChildProcess;
  count: number;
}

/** Starts `count` clients spread over processes of at most PER_PROCESS each. */
async function startClients(url: string, count: number): Promise<ClientProcess[]> {
  const procs: ClientProcess[] = [];
  for (let left = count; left > 0; left -= PER_PROCESS) {
    const n = Math.min(PER_PROCESS, left);
    const child = fork(join(HERE, 'realtime-clients.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    procs.push({ child, count: n });
  }
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          p.child.on('message', function ready(m: { ready?: true }) {
            if (!m.ready) return;
            p.child.off('message', ready);
            resolve();
          });
          p.child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
          p.child.send({ start: { url, hallId: HALL, count: p.count } });
        }),
    ),
  );
  return procs;
}

/** Resolves when every process says all its clients hold the call, or after `ms` anyway. */
function allHold(procs: ClientProcess[], ticketId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let left = procs.length;
    const listeners = procs.map((p) => {
      const l = (m: { all?: string }) => {
        if (m.all !== ticketId) return;
        p.child.off('message', l);
        if (--left === 0) done();
      };
      p.child.on('message', l);
      return l;
    });
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      procs.forEach((p, i) => p.child.off('message', listeners[i]!));
      resolve();
    }
  });
}

async function arrivalsOf(procs: ClientProcess[]): Promise<Map<string, number[]>> {
  const all = new Map<string, number[]>();
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          p.child.on('message', function report(m: { arrivals?: Record<string, number[]> }) {
            if (!m.arrivals) return;
            p.child.off('message', report);
            for (const [id, times] of Object.entries(m.arrivals))
              all.set(id, [...(all.get(id) ?? []), ...times]);
            resolve();
          });
          p.child.send({ report: true });
        }),
    ),
  );
  return all;
}

async function round(node: Node, api: Api, tokens: string[], count: number): Promise<void> {
  const before = await node.memory();
  const t0 = performance.now();
  const procs = await startClients(node.url, count);
  const connectMs = performance.now() - t0;
  const connected = await node.memory();

  const h = `/halls/${HALL}`;
  for (let i = 0; i < CALLS; i++) {
    await api('POST', `${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: SERVICES[i % SERVICES.length] },
    });
  }
  const cpuBefore = await node.cpu();
  // each call waits for every client before the next, so calls do not queue behind each other
  const sentAt = new Map<string, number>();
  const busy = new Set<string>();
  for (let i = 0; sentAt.size < CALLS && i < CALLS * 3; i++) {
    const w = WINDOWS[i % WINDOWS.length]!;
    const token = tokens[i % WINDOWS.length]!;
    const at = `${h}/windows/${w}`;
    if (busy.has(w)) {
      await api('POST', `${at}/start`, { token });
      await api('POST', `${at}/finish`, { token, body: { outcome: 'done' } });
      busy.delete(w);
    }
    const sent = performance.timeOrigin + performance.now();
    const r = await api('POST', `${at}/call-next`, { token });
    if (r.status !== 200) continue;
    busy.add(w);
    const ticketId = r.body.id as string;
    sentAt.set(ticketId, sent);
    await allHold(procs, ticketId, 10_000);
  }
  const cpuUsed = (await node.cpu()) - cpuBefore;
  for (const [i, w] of WINDOWS.entries()) {
    if (!busy.has(w)) continue;
    await api('POST', `${h}/windows/${w}/start`, { token: tokens[i]! });
    await api('POST', `${h}/windows/${w}/finish`, { token: tokens[i]!, body: { outcome: 'done' } });
  }
  const memory = await node.memory();
  const arrivals = await arrivalsOf(procs);
  const latencies: number[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  let missing = 0;
  for (const [ticketId, sent] of sentAt) {
    const times = (arrivals.get(ticketId) ?? []).map((t) => t - sent);
    missing += count - times.length;
    if (times.length === 0) continue;
    latencies.push(...times);
    firsts.push(Math.min(...times));
    lasts.push(Math.max(...times));
  }
  for (const list of [latencies, firsts, lasts]) list.sort((a, b) => a - b);
  console.log(
    [
      `${String(count).padStart(5)} clients in ${procs.length} processes`,
      `connect+subscribe ${ms(connectMs)}`,
      `${sentAt.size} calls → ${latencies.length} deliveries`,
      `missing ${missing}`,
      `call→client p50 ${ms(percentile(latencies, 50))}`,
      `p99 ${ms(percentile(latencies, 99))}`,
      `max ${ms(latencies.at(-1) ?? NaN)}`,
      `first client p50 ${ms(percentile(firsts, 50))}`,
      `last client p50 ${ms(percentile(lasts, 50))}`,
      `server CPU ${(cpuUsed / Math.max(1, latencies.length)).toFixed(1)} µs per delivery (with the calls' requests)`,
      `server rss ${mb(memory.rss)}`,
      `heap ${mb(memory.heapUsed)}`,
      `per socket ~${Math.round((connected.heapUsed - before.heapUsed) / count / 1024)} KB heap, ~${Math.round((connected.rss - before.rss) / count / 1024)} KB rss`,
    ].join(' | '),
  );
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          p.child.once('exit', () => resolve());
          p.child.send({ close: true });
        }),
    ),
  );
}

async function main(): Promise<void> {
  const redis = await startRedis();
  const hallFile = writeDemoHallFile(HALL);
  const node = await startNode(hallFile, redis.url);
  try {
    const api = apiAt(node.url);
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
      await round(node, api, tokens, count);
      // let the closed sockets go before the next round
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    node.child.disconnect();
    await new Promise((r) => node.child.once('exit', r));
    await redis.stop();
  }
}

await main();
