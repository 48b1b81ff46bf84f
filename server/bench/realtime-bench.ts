// Realtime benchmark: 1,000 and then 5,000 socket.io clients (the protocol's realtime client,
// websocket transport) subscribed to one hall of a server node in its own process on a real
// redis-server. Clerks make calls over the API one after another; for each call the time from
// sending the request to each client holding the ticket.called event is taken. Prints
// call-to-client latency p50/p99/max over all deliveries, the median time until the first
// and the last client of a call had it, and the server's RSS and heap.
//   npm run bench:realtime            (CLIENTS=1000,5000 CALLS=40 to change the load)
// All clients live in this one process, so its own event loop is part of the latency measured.
import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectHall, type HallConnection, type HallEvent } from '@hall/protocol';
import { io } from 'socket.io-client';
import { startRedis } from '../test/redis-process.js';
import { apiAt, writeDemoHallFile, type Api } from '../test/realtime-helpers.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROUNDS = (process.env.CLIENTS ?? '1000,5000').split(',').map(Number);
const CALLS = Number(process.env.CALLS ?? 40);
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
}

async function startNode(hallFile: string, redisUrl: string): Promise<Node> {
  const child = fork(join(HERE, 'realtime-node.ts'), [hallFile, redisUrl], {
    execArgv: ['--import', 'tsx'],
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
  };
}

async function connectClients(url: string, count: number): Promise<HallConnection[]> {
  const clients: HallConnection[] = [];
  // in batches, as a hall's screens and phones would arrive, not in one burst of SYNs
  for (let i = 0; i < count; i += 250) {
    const batch = Array.from({ length: Math.min(250, count - i) }, () =>
      connectHall({
        url,
        hallId: HALL,
        io,
        fetch: false,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 200 },
      }),
    );
    await Promise.all(
      batch.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.status === 'live') return resolve();
            const off = c.on('status', (s) => {
              if (s === 'live') {
                off();
                resolve();
              }
            });
          }),
      ),
    );
    clients.push(...batch);
  }
  return clients;
}

async function round(node: Node, api: Api, tokens: string[], count: number): Promise<void> {
  const t0 = performance.now();
  const clients = await connectClients(node.url, count);
  const connectMs = performance.now() - t0;

  // each call waits for every client before the next, so calls do not queue behind each other
  const arrivals = new Map<string, number[]>();
  let waitingFor: { ticketId: string; done: () => void } | null = null;
  for (const c of clients) {
    c.on('event', (event: HallEvent) => {
      if (event.type !== 'ticket.called') return;
      const times = arrivals.get(event.data.ticketId) ?? [];
      times.push(performance.now());
      arrivals.set(event.data.ticketId, times);
      if (waitingFor?.ticketId === event.data.ticketId && times.length === count) waitingFor.done();
    });
  }
  const h = `/halls/${HALL}`;
  for (let i = 0; i < CALLS; i++) {
    await api('POST', `${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: SERVICES[i % SERVICES.length] },
    });
  }
  const latencies: number[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  const busy = new Set<string>();
  let made = 0;
  for (let i = 0; made < CALLS && i < CALLS * 3; i++) {
    const w = WINDOWS[i % WINDOWS.length]!;
    const token = tokens[i % WINDOWS.length]!;
    const at = `${h}/windows/${w}`;
    if (busy.has(w)) {
      await api('POST', `${at}/start`, { token });
      await api('POST', `${at}/finish`, { token, body: { outcome: 'done' } });
      busy.delete(w);
    }
    const sent = performance.now();
    const r = await api('POST', `${at}/call-next`, { token });
    if (r.status !== 200) continue;
    busy.add(w);
    const ticketId = r.body.id as string;
    if ((arrivals.get(ticketId)?.length ?? 0) < count) {
      await new Promise<void>((done) => (waitingFor = { ticketId, done }));
    }
    waitingFor = null;
    const times = (arrivals.get(ticketId) ?? []).map((t) => t - sent);
    latencies.push(...times);
    firsts.push(Math.min(...times));
    lasts.push(Math.max(...times));
    made++;
  }
  for (const w of WINDOWS) {
    const i = WINDOWS.indexOf(w);
    if (busy.has(w)) {
      await api('POST', `${h}/windows/${w}/start`, { token: tokens[i]! });
      await api('POST', `${h}/windows/${w}/finish`, {
        token: tokens[i]!,
        body: { outcome: 'done' },
      });
    }
  }
  const memory = await node.memory();
  for (const list of [latencies, firsts, lasts]) list.sort((a, b) => a - b);
  console.log(
    [
      `${String(count).padStart(5)} clients`,
      `connect+subscribe ${ms(connectMs)}`,
      `${made} calls → ${latencies.length} deliveries`,
      `latency p50 ${ms(percentile(latencies, 50))}`,
      `p99 ${ms(percentile(latencies, 99))}`,
      `max ${ms(latencies.at(-1) ?? NaN)}`,
      `first client p50 ${ms(percentile(firsts, 50))}`,
      `last client p50 ${ms(percentile(lasts, 50))}`,
      `server rss ${mb(memory.rss)}`,
      `heap ${mb(memory.heapUsed)}`,
    ].join(' | '),
  );
  for (const c of clients) c.close();
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
