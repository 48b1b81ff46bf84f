import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cluster } from 'ioredis';
import { inject } from 'vitest';
import type { Clock } from '../src/auth/principal.js';
import { parseHallConfig, type HallConfig } from '../src/config/hall-config.js';
import type { HolidayCalendar } from '../src/domain/calendar.js';
import { startServer, type RunningServer, type ServerOptions } from '../src/server.js';

const CONFIG_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config');

/** A sample hall file with a fresh id, so tests sharing one Redis never meet. */
export function sampleHall(
  file: 'demo' | 'township',
  patch: (h: HallConfig) => void = () => undefined,
): HallConfig {
  const hall = parseHallConfig(
    readFileSync(join(CONFIG_DIR, `${file}.yaml`), 'utf8'),
    `${file}.yaml`,
  );
  hall.id = `${file}-${randomBytes(5).toString('hex')}`;
  patch(hall);
  return hall;
}

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestServer extends RunningServer {
  hall: HallConfig;
  /**
   * Every node's base URL. One node, except under `npm run test:cluster`: there a
   * second node shares the Redis Cluster and `api` sends every other request to it.
   */
  urls?: string[];
  /** Every node (the first is this object), for tests that reach inside a node. */
  nodes?: RunningServer[];
  /** fetch against the server with JSON in and out. */
  api(
    method: string,
    path: string,
    options?: {
      token?: string;
      body?: unknown;
      lang?: string;
      /** A body sent as it is (a string, or bytes such as an image). */
      raw?: string | Uint8Array;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  login(username: string): Promise<string>;
}

export async function startTestServer(
  hall: HallConfig,
  options: {
    clock?: Clock;
    calendar?: HolidayCalendar;
    redisUrl?: string;
    extraHalls?: HallConfig[];
    /** Serve the built web apps (kiosk/, counter-display/, hall-screen/ dist folders). */
    pages?: boolean;
    /** Listen on this port (e.g. to restart a server where its clients expect it); default: any free port. */
    port?: number;
    /** Queue print jobs and serve printer agents (server/src/printing). */
    printing?: boolean;
    /** Run the BullMQ jobs (rollover, follow-ups), with a follow-up queue of this server's own. */
    jobs?: boolean;
    /** Fold the reports' history this often (ms) besides when a report is read. */
    reportsEveryMs?: number;
    /** Where the reports archive finished days (and so may trim the event stream). */
    dataDir?: string;
    /** Let the alert engine look every this many ms (default: only when the test calls tick()). */
    alertEveryMs?: number;
    /** Other server options as they are (logger, trusted proxies, session lifetimes …). */
    server?: Partial<ServerOptions>;
    /** Bearer token GET /metrics asks for. */
    metricsToken?: string;
    /** The BullMQ prefix of those jobs (default: a fresh one), for workers a test starts itself. */
    queuePrefix?: string;
    /** Run a notification worker in the server (default true with `jobs`). */
    notifyWorker?: boolean;
  } = {},
): Promise<TestServer> {
  const nodeOptions = {
    halls: [hall, ...(options.extraHalls ?? [])],
    redis: options.redisUrl ?? inject('redisUrl'),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.calendar ? { calendar: options.calendar } : {}),
    ...(options.pages ? { pages: builtPages() } : {}),
    ...(options.printing ? { printing: true } : {}),
    ...(options.reportsEveryMs ? { reportsEveryMs: options.reportsEveryMs } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.alertEveryMs ? { alertEveryMs: options.alertEveryMs } : {}),
    ...(options.jobs
      ? {
          jobs: true,
          queuePrefix: options.queuePrefix ?? `{bull-test-${randomBytes(4).toString('hex')}}`,
        }
      : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
    ...options.server,
  };
  const server = await startServer({
    ...nodeOptions,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.notifyWorker === false ? { notifyWorker: false } : {}),
  });
  const others: RunningServer[] = [];
  // a test with a Redis of its own (restarts, crashes) keeps one node
  const nodes = options.redisUrl ? 1 : inject('serverNodes');
  for (let i = 1; i < nodes; i++) others.push(await startServer(nodeOptions));
  const urls = [server.url, ...others.map((o) => o.url)];
  let turn = 0;
  const closeFirst = server.close.bind(server);
  const close = async () => {
    // from now on requests go to the first node's address only (a test may restart it there)
    urls.splice(1);
    await Promise.all([closeFirst(), ...others.map((o) => o.close())]);
  };
  const api: TestServer['api'] = async (method, path, o = {}) => {
    const base = urls[turn++ % urls.length] ?? server.url;
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.lang) headers['accept-language'] = o.lang;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (typeof o.raw === 'string') body = o.raw;
    else if (o.raw !== undefined) body = new Uint8Array(o.raw);
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const login = async (username: string) => {
    const r = await api('POST', '/auth/login', {
      body: { username, password: 'demo1234', hallId: hall.id },
    });
    if (r.status !== 200)
      throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };
  return Object.assign(server, { hall, urls, nodes: [server, ...others], api, login, close });
}

/**
 * The names of the hall's keys matching `pattern` (after the `{hall:ID}:` prefix).
 * KEYS goes to one node: on a Redis Cluster that is the node holding the hall's slot.
 */
export async function hallKeyNames(server: RunningServer, hallId: string, pattern = '*') {
  const match = `{hall:${hallId}}:${pattern}`;
  const client = server.redis as unknown as Partial<Cluster> & RunningServer['redis'];
  if (typeof client.nodes !== 'function') return client.keys(match);
  const found: string[] = [];
  for (const node of client.nodes('master')) found.push(...(await node.keys(match)));
  return found;
}

/** The web apps' built folders by URL prefix, as the server serves them in production. */
export function builtPages(): Record<string, string> {
  const root = join(CONFIG_DIR, '..');
  return {
    '/kiosk': join(root, 'kiosk', 'dist'),
    '/counter': join(root, 'counter-display', 'dist'),
    '/hall': join(root, 'hall-screen', 'dist'),
  };
}
