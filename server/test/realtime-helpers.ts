// Shared by the realtime tests and the realtime benchmark: server processes, a
// recording realtime client, a scripted day at the counters.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compareEventIds,
  connectHall,
  type HallConnection,
  type HallEvent,
  type HallSnapshot,
  type RealtimeSocket,
} from '@hall/protocol';
import { connectRedis } from '../src/store/redis-connection.js';
import { io, type Socket } from 'socket.io-client';
import { mayReceive, type Audience } from '../src/realtime/public-event.js';
import { hallKeys } from '../src/store/keys.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Api = (
  method: string,
  path: string,
  options?: { token?: string; body?: unknown },
) => Promise<{ status: number; body: any }>;

/**
 * JSON over HTTP against one server node, on a fresh connection each time: a kept-alive
 * one that sat idle while a test waited may be closed by the server just as it is reused.
 */
export function apiAt(baseUrl: string): Api {
  return (method, path, o = {}) =>
    new Promise((resolve, reject) => {
      const body = o.body !== undefined ? JSON.stringify(o.body) : undefined;
      const headers: Record<string, string> = {};
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      const req = request(`${baseUrl}/api/v1${path}`, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

/** The demo hall file under another id and without its printer, written to a temporary folder. */
export function writeDemoHallFile(hallId: string): string {
  const text = readFileSync(join(ROOT, 'config', 'demo.yaml'), 'utf8')
    .replace(/^id: demo$/m, `id: ${hallId}`)
    .replace(/^\s*- \{ id: [\w-]+, kind: printer,.*$/m, '');
  const file = join(mkdtempSync(join(tmpdir(), 'hall-config-')), `${hallId}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** A server node as its own operating-system process (`server/src/main.ts`), so it can be SIGKILLed. */
export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Kills the process with the signal and waits for it to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

export async function spawnServerProcess(options: {
  hallFile: string;
  redisUrl: string;
  port: number;
}): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const start = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(options.port),
        HOST: '127.0.0.1',
        REDIS_URL: options.redisUrl,
        HALL_CONFIG: options.hallFile,
        LOG_LEVEL: 'warn',
        INIT_CWD: ROOT,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    for (let i = 0; i < 2400; i++) {
      if (child.exitCode !== null) throw new Error(`server process exited: ${stderr}`);
      try {
        const res = await fetch(`${url}/readyz`);
        if (res.ok) return child;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    child.kill('SIGKILL');
    throw new Error(`server process did not become ready: ${stderr}`);
  };
  const proc: ServerProcess = {
    url,
    port: options.port,
    child: await start(),
    kill: async (signal = 'SIGKILL') => {
      const child = proc.child;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill(signal);
      await gone;
    },
    restart: async () => {
      proc.child = await start();
    },
  };
  return proc;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for a condition, failing with a description after `ms` (a bound, not a speed check). */
export async function waitUntil(
  condition: () => boolean,
  describe: () => string,
  ms = 60_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${describe()}`);
    await sleep(10);
  }
}

/** Every event id in the hall's stream after `after` that this audience receives, straight from Redis. */
export async function streamIds(
  redisUrl: string,
  hallId: string,
  after = '0-0',
  audience: Audience = 'public',
): Promise<string[]> {
  const redis = connectRedis(redisUrl);
  try {
    const entries = (await redis.xrange(hallKeys(hallId).events, `(${after}`, '+')) as [
      string,
      string[],
    ][];
    return entries
      .filter(([id, fields]) => {
        const type = fields[fields.indexOf('type') + 1] ?? '';
        const data: unknown = JSON.parse(fields[fields.indexOf('data') + 1] ?? '{}');
        return mayReceive(audience, { id, type, data } as HallEvent);
      })
      .map(([id]) => id);
  } finally {
    redis.disconnect();
  }
}

/**
 * Waits until the client has the newest event of the hall's stream and the stream
 * stays put, then gives the stream's ids after the client's first snapshot.
 */
export async function caughtUp(
  redisUrl: string,
  hallId: string,
  c: RecordingClient,
  ms = 120_000,
): Promise<string[]> {
  const deadline = Date.now() + ms;
  const first = c.snapshots[0]?.lastEventId ?? '0-0';
  for (;;) {
    const ids = await streamIds(redisUrl, hallId, first);
    if (c.conn.lastEventId === (ids.at(-1) ?? first)) {
      await sleep(50);
      const again = await streamIds(redisUrl, hallId, first);
      if (again.length === ids.length) return ids;
    } else if (Date.now() > deadline) {
      throw new Error(`client at ${c.conn.lastEventId}, stream at ${ids.at(-1)}`);
    }
    await sleep(20);
  }
}

/** A realtime client that records what it is handed, plus checks on the raw socket packets. */
export interface RecordingClient {
  conn: HallConnection;
  /** Events as the app sees them. */
  events: HallEvent[];
  replayed: number;
  snapshots: HallSnapshot[];
  /** Raw packets that went backwards or repeated within one connection (should stay empty). */
  rawProblems: string[];
  rawPackets: HallEvent[];
  socket(): Socket;
  /** Drops the connection the way a network failure does; the client comes back by itself. */
  dropTransport(): void;
  close(): void;
}

export function recordHall(
  url: string,
  hallId: string,
  options: { token?: string; websocketOnly?: boolean } = {},
): RecordingClient {
  let socket: Socket | null = null;
  const rawProblems: string[] = [];
  const rawPackets: HallEvent[] = [];
  let lastRaw: string | null = null;
  const wrappedIo = (u: string, opts: Record<string, unknown>): RealtimeSocket => {
    const s = io(u, opts);
    socket = s;
    s.on('connect', () => {
      lastRaw = null;
    });
    const raw = (event: HallEvent) => {
      rawPackets.push(event);
      if (lastRaw !== null && compareEventIds(event.id, lastRaw) <= 0)
        rawProblems.push(`${event.id} after ${lastRaw}`);
      lastRaw = event.id;
    };
    s.on('hall:event', raw);
    // the realtime client asks for batches: every event of one stream read in one frame
    s.on('hall:events', (events: HallEvent[]) => events.forEach(raw));
    return s;
  };
  const conn = connectHall({
    url,
    hallId,
    io: wrappedIo,
    fetch: false,
    ...(options.token ? { token: options.token } : {}),
    socketOptions: {
      reconnectionDelay: 50,
      reconnectionDelayMax: 300,
      ...(options.websocketOnly ? { transports: ['websocket'] } : {}),
    },
  });
  const rec: RecordingClient = {
    conn,
    events: [],
    replayed: 0,
    snapshots: [],
    rawProblems,
    rawPackets,
    socket: () => {
      if (!socket) throw new Error('no socket yet');
      return socket;
    },
    dropTransport: () => {
      (rec.socket().io as unknown as { engine?: { close(): void } }).engine?.close();
    },
    close: () => conn.close(),
  };
  conn.on('event', (event, { replayed }) => {
    rec.events.push(event);
    if (replayed) rec.replayed++;
  });
  conn.on('state', (state, event) => {
    if (!event) rec.snapshots.push(state);
  });
  return rec;
}

/** Small deterministic random numbers, so a failing day can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];
const WINDOWS = ['1', '2', '3', '4', '5', '6'];

type WindowState = 'idle' | 'called' | 'serving' | 'paused';

export interface DayStats {
  steps: number;
  tickets: number;
  calls: number;
  transfers: number;
  pauses: number;
  noShows: number;
}

/**
 * A day at the demo hall: six clerks at six windows, tickets from the kiosk
 * (some green, some with a phone number), calls, recalls, no-shows and re-queues,
 * transfers to services and windows, pauses, ratings from phones. Each step is one
 * API request through one of `nodes` (round robin); `beforeStep` may disconnect
 * clients or kill servers between steps and name the nodes that are up.
 */
export async function runScriptedDay(options: {
  nodes: Api[];
  hallId: string;
  steps: number;
  seed: number;
  beforeStep?: (step: number) => Promise<Api[] | void> | Api[] | void;
}): Promise<DayStats> {
  const random = seededRandom(options.seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
  const h = `/halls/${options.hallId}`;
  let nodes = options.nodes;
  let turn = 0;
  const api: Api = async (method, path, o) => {
    const node = nodes[turn++ % nodes.length]!;
    const r = await node(method, path, o);
    if (r.status >= 500)
      throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };

  const tokens = new Map<string, string>();
  for (const w of WINDOWS) {
    const r = await api('POST', '/auth/login', {
      body: { username: `clerk${w}`, password: 'demo1234', hallId: options.hallId },
    });
    tokens.set(w, r.body.token);
    await api('POST', `${h}/windows/${w}/open`, { token: r.body.token });
  }
  const state = new Map<string, WindowState>(WINDOWS.map((w) => [w, 'idle']));
  const current = new Map<string, string>();
  const stats: DayStats = { steps: 0, tickets: 0, calls: 0, transfers: 0, pauses: 0, noShows: 0 };

  for (let step = 0; step < options.steps; step++) {
    const up = await options.beforeStep?.(step);
    if (up) nodes = up;
    stats.steps++;
    if (random() < 0.35) {
      const phone = random() < 0.1 ? { phone: `138${String(step).padStart(8, '0')}` } : {};
      const r = await api('POST', `${h}/tickets`, {
        token: 'demo-kiosk',
        body: {
          serviceId: pick(SERVICES),
          priority: random() < 0.1 ? 'green' : 'normal',
          ...phone,
        },
      });
      if (r.status === 201) stats.tickets++;
      continue;
    }
    const w = pick(WINDOWS);
    const token = tokens.get(w)!;
    const at = `${h}/windows/${w}`;
    const s = state.get(w)!;
    if (s === 'paused') {
      const r = await api('POST', `${at}/resume`, { token });
      if (r.status === 200) state.set(w, 'idle');
    } else if (s === 'idle') {
      if (random() < 0.06) {
        const r = await api('POST', `${at}/pause`, {
          token,
          body: { kind: random() < 0.5 ? 'brief' : 'closed' },
        });
        if (r.status === 200) {
          state.set(w, 'paused');
          stats.pauses++;
        }
      } else {
        const r = await api('POST', `${at}/call-next`, { token });
        if (r.status === 200) {
          state.set(w, 'called');
          current.set(w, r.body.id);
          stats.calls++;
        }
      }
    } else if (s === 'called') {
      const x = random();
      if (x < 0.1) {
        await api('POST', `${at}/recall`, { token });
      } else if (x < 0.17) {
        const r = await api('POST', `${at}/no-show`, { token });
        if (r.status === 200) {
          state.set(w, 'idle');
          stats.noShows++;
          if (random() < 0.5)
            await api('POST', `${at}/requeue`, { token, body: { ticketId: current.get(w) } });
        }
      } else {
        const r = await api('POST', `${at}/start`, { token });
        if (r.status === 200) state.set(w, 'serving');
      }
    } else {
      if (random() < 0.12) {
        const target =
          random() < 0.5
            ? { toServiceId: pick(SERVICES) }
            : { toWindowId: pick(WINDOWS.filter((x) => x !== w)) };
        const r = await api('POST', `${at}/transfer`, { token, body: target });
        if (r.status === 200) {
          state.set(w, 'idle');
          stats.transfers++;
        }
      } else {
        const r = await api('POST', `${at}/finish`, {
          token,
          body: { outcome: random() < 0.1 ? 'materials_missing' : 'done' },
        });
        if (r.status === 200) {
          state.set(w, 'idle');
          if (random() < 0.3)
            await api('POST', `${at}/ratings`, {
              body: {
                score: 1 + Math.floor(random() * 5),
                source: 'mobile',
                ticketId: current.get(w),
              },
            });
        }
      }
    }
  }
  return stats;
}

/** The parts of the hall state that events determine exactly, for comparing with a fresh snapshot. */
export function eventDerived(s: HallSnapshot) {
  return {
    lastEventId: s.lastEventId,
    services: s.services.map((x) => ({ id: x.id, waiting: x.waiting })),
    windows: s.windows.map((w) => ({
      id: w.id,
      status: w.status,
      currentTicketId: w.currentTicketId,
      currentNumber: w.currentNumber,
      currentStatus: w.currentStatus,
      staffName: w.staffName,
      staffJobNo: w.staffJobNo,
    })),
  };
}
