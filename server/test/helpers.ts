import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { Clock } from '../src/auth/principal.js';
import { parseHallConfig, type HallConfig } from '../src/config/hall-config.js';
import type { HolidayCalendar } from '../src/domain/calendar.js';
import { startServer, type RunningServer } from '../src/server.js';

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
  /** fetch against the server with JSON in and out. */
  api(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; lang?: string; raw?: string },
  ): Promise<{ status: number; body: any }>;
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
    /** The BullMQ prefix of those jobs (default: a fresh one), for workers a test starts itself. */
    queuePrefix?: string;
    /** Run a notification worker in the server (default true with `jobs`). */
    notifyWorker?: boolean;
  } = {},
): Promise<TestServer> {
  const server = await startServer({
    halls: [hall, ...(options.extraHalls ?? [])],
    redis: options.redisUrl ?? inject('redisUrl'),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.calendar ? { calendar: options.calendar } : {}),
    ...(options.pages ? { pages: builtPages() } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.printing ? { printing: true } : {}),
    ...(options.jobs
      ? {
          jobs: true,
          queuePrefix: options.queuePrefix ?? `{bull-test-${randomBytes(4).toString('hex')}}`,
        }
      : {}),
    ...(options.notifyWorker === false ? { notifyWorker: false } : {}),
  });
  const api: TestServer['api'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = {};
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.lang) headers['accept-language'] = o.lang;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const login = async (username: string) => {
    const r = await api('POST', '/auth/login', {
      body: { username, password: 'demo1234', hallId: hall.id },
    });
    if (r.status !== 200)
      throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };
  return Object.assign(server, { hall, api, login });
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
