// SMS notifications through BullMQ against the real server, Redis and an HTTP webhook receiver that
// plays the hall's SMS gateway. The notification worker runs in child processes; one is killed with
// SIGKILL while its request is in flight. Each notification must be accepted by the gateway exactly
// once, and none may go to a number that did not consent.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { NOTIFY_QUEUE } from '../src/notifications/notification-jobs.js';
import { NotificationSettings } from '../src/notifications/notification-settings.js';
import { signBody } from '../src/notifications/senders.js';
import { toHallEvent } from '../src/realtime/event-reader.js';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const WORKER = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'src',
  'notifications',
  'worker-main.ts',
);
const SECRET = 'gateway-secret-0123456789';
const SUPERVISOR_PHONE = '13900000000';

interface Received {
  key: string;
  kind: string;
  to: string;
  text: string;
  signed: boolean;
  answer: number;
}

/** The SMS gateway: records every request; `policy` decides the answer (or to hold it). */
class Gateway {
  readonly requests: Received[] = [];
  held: ServerResponse | null = null;
  onHold: (() => void) | null = null;
  policy: (r: Received, nth: number) => number | 'hold' = () => 200;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const json = JSON.parse(body) as { kind: string; to: string; text: string };
        const ts = String(req.headers['x-hall-timestamp']);
        const r: Received = {
          key: String(req.headers['idempotency-key']),
          kind: json.kind,
          to: json.to,
          text: json.text,
          signed: req.headers['x-hall-signature'] === `sha256=${signBody(SECRET, ts, body)}`,
          answer: 0,
        };
        const nth = this.requests.filter((x) => x.key === r.key).length;
        this.requests.push(r);
        const decision = this.policy(r, nth);
        if (decision === 'hold') {
          this.held = res;
          this.onHold?.();
          return;
        }
        r.answer = decision;
        res.writeHead(decision).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/sms`;
  }

  /** Notifications the gateway accepted (answered 2xx), by id. */
  accepted(): Map<string, Received[]> {
    const out = new Map<string, Received[]>();
    for (const r of this.requests.filter((x) => x.answer >= 200 && x.answer < 300))
      out.set(r.key, [...(out.get(r.key) ?? []), r]);
    return out;
  }

  async stop(): Promise<void> {
    this.held?.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

async function until<T>(what: string, check: () => T | Promise<T>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const clock = new TestClock(Date.parse('2026-11-30T10:00:00+08:00'));
const gateway = new Gateway();
const prefix = `{bull-notify-${randomBytes(4).toString('hex')}}`;
const children: ChildProcess[] = [];
let s: TestServer;
let h: string;
let hallFile: string;
let logDir: string;

function startWorker(name: string): ChildProcess {
  const log = openSync(join(logDir, `${name}.log`), 'w');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      WORKER,
      '--redis',
      inject('redisUrl'),
      '--halls',
      hallFile,
      '--prefix',
      prefix,
      '--lock-ms',
      '1500',
    ],
    { stdio: ['ignore', log, log] },
  );
  children.push(child);
  return child;
}

beforeAll(async () => {
  await gateway.start();
  const hall = sampleHall('demo', (hall) => {
    hall.notifications = NotificationSettings.parse({
      sender: 'webhook',
      webhook: { url: gateway.url, secret: SECRET },
      turnNearPosition: 2,
      supervisorPhone: SUPERVISOR_PHONE,
      reminderTime: '18:00',
    });
  });
  logDir = mkdtempSync(join(tmpdir(), 'notify-'));
  hallFile = join(logDir, 'hall.json');
  writeFileSync(hallFile, JSON.stringify(hall));
  s = await startTestServer(hall, {
    clock,
    jobs: true,
    queuePrefix: prefix,
    notifyWorker: false,
  });
  h = s.hall.id;
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await s?.close();
  await gateway.stop();
});

describe('notifications', () => {
  let clerk: string;
  const tickets: Record<string, { id: string; number: string }> = {};

  const issue = async (name: string, phone?: string) => {
    const r = await s.api('POST', `/halls/${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'labor', ...(phone ? { phone } : {}) },
    });
    expect(r.status).toBe(201);
    tickets[name] = { id: r.body.id, number: r.body.number };
  };
  const contact = (name: string, phone: string, consent: boolean) =>
    s.api('POST', `/halls/${h}/tickets/${tickets[name]!.id}/contact`, {
      token: 'demo-kiosk',
      body: { phone, consent },
    });
  const act = async (action: string, body?: object) => {
    const r = await s.api('POST', `/halls/${h}/windows/1/${action}`, {
      token: clerk,
      ...(body ? { body } : {}),
    });
    expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
    return r.body;
  };

  it('sends each once, survives a worker killed mid-request, retries a failing gateway', async () => {
    // the first request the gateway sees is held open, and its worker is killed meanwhile
    const held = new Promise<void>((resolve) => (gateway.onHold = resolve));
    gateway.policy = (r, nth) => {
      if (gateway.requests.length === 1) return 'hold';
      if (r.kind === 'done' && nth === 0) return 503; // the gateway fails once: retried with backoff
      return 200;
    };
    const first = startWorker('worker-1');

    // t1 left a number with its ticket but never ticked consent; t5 said no; t2 and t4 said yes
    for (const name of ['t1', 't2', 't3', 't4', 't5'])
      await issue(name, name === 't1' ? '13800000001' : undefined);
    expect((await contact('t2', '13800000002', true)).body).toEqual({
      ticketId: tickets.t2!.id,
      consent: true,
      phone: '138****0002',
    });
    expect((await contact('t4', '13800000004', true)).status).toBe(200);
    expect((await contact('t5', '13800000005', false)).body).toEqual({
      ticketId: tickets.t5!.id,
      consent: false,
    });
    expect(await s.redis.exists(hallKeys(h).contact(tickets.t5!.id))).toBe(0);

    // t2 has one ahead (≤ 2): "your turn is near" goes at once, and its worker dies mid-request
    await held;
    expect(gateway.requests[0]).toMatchObject({ key: 'near.' + tickets.t2!.id, kind: 'turn_near' });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    gateway.held?.destroy();
    gateway.held = null;
    startWorker('worker-2');
    await until('the near notice again', () => gateway.accepted().has(`near.${tickets.t2!.id}`));

    clerk = await s.login('clerk1');
    await act('open');
    await act('call-next'); // t1: no consent, nothing; t4 now has two ahead
    await act('start');
    await act('finish', { outcome: 'done' });
    await act('call-next'); // t2 called
    await act('recall'); // a recall sends nothing more
    await act('start');
    await act('finish', { outcome: 'done' }); // t2 done (the gateway fails once)
    const rated = await s.api('POST', `/halls/${h}/windows/1/ratings`, {
      token: 'demo-evaluator',
      body: { score: 1, source: 'device' },
    });
    expect(rated.status).toBe(201); // a bad rating: the supervisor gets t2's number for the 回访
    for (const name of ['t3', 't4', 't5']) {
      const called = await act('call-next');
      expect(called.number).toBe(tickets[name]!.number);
      await act('start');
      await act('finish', { outcome: name === 't4' ? 'materials_missing' : 'consulted' });
    }

    // tomorrow's appointments: one with consent gets the reminder from 18:00, one without does not
    const book = (phone: string, notifyConsent: boolean) =>
      s.api('POST', `/halls/${h}/appointments`, {
        token: clerk,
        body: { serviceId: 'civil', slotStart: '2026-12-01T09:00:00+08:00', phone, notifyConsent },
      });
    const withConsent = await book('13700000001', true);
    await book('13700000002', false);
    const hall = s.halls.get(h)!;
    expect(await s.notifier!.scanReminders(hall)).toBe(0); // 10:00: not yet
    clock.set('2026-11-30T18:00:00+08:00');
    expect(await s.notifier!.scanReminders(hall)).toBe(1);

    const t2 = tickets.t2!;
    const expected = new Map([
      [`near.${t2.id}`, ['13800000002', `您的${t2.number}号（劳动保障）前面还有1位`]],
      [
        `near.${tickets.t4!.id}`,
        ['13800000004', `您的${tickets.t4!.number}号（劳动保障）前面还有2位`],
      ],
      [`called.${t2.id}`, ['13800000002', `请${t2.number}号到1号窗口办理。`]],
      [`done.${t2.id}`, ['13800000002', `您的${t2.number}号（劳动保障）业务已办结`]],
      [`followup.${t2.id}`, [SUPERVISOR_PHONE, '群众联系电话13800000002']],
      [`called.${tickets.t4!.id}`, ['13800000004', `请${tickets.t4!.number}号到1号窗口办理。`]],
      [
        `reminder.${withConsent.body.code}.${Date.parse('2026-12-01T09:00:00+08:00')}`,
        ['13700000001', `您预约了12月1日09:00的民政救济，预约码${withConsent.body.code}`],
      ],
    ]);
    await until('every notification', () => gateway.accepted().size >= expected.size);
    await new Promise((r) => setTimeout(r, 1500)); // time for any duplicate to arrive

    const accepted = gateway.accepted();
    expect([...accepted.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, [to, text]] of expected) {
      const got = accepted.get(key)!;
      expect(got, key).toHaveLength(1);
      expect(got[0]!.to).toBe(to);
      expect(got[0]!.text).toContain(text);
      expect(got[0]!.text.startsWith('【城关社区便民服务中心】')).toBe(true);
    }
    // the only repeats on the wire are the killed worker's request and the gateway's failure
    const repeats = gateway.requests.filter(
      (r, i) => gateway.requests.findIndex((x) => x.key === r.key) !== i,
    );
    expect(repeats.map((r) => r.key).sort()).toEqual([`done.${t2.id}`, `near.${t2.id}`].sort());
    expect(gateway.requests.every((r) => r.signed)).toBe(true);
    // none without consent
    const numbers = new Set(gateway.requests.map((r) => r.to));
    for (const n of ['13800000001', '13800000005', '13700000002'])
      expect(numbers.has(n)).toBe(false);
    expect(gateway.requests.some((r) => r.text.includes('13800000005'))).toBe(false);
  });

  it('sends nothing again when the events are read once more and the jobs are gone', async () => {
    const before = gateway.requests.length;
    const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const queue = new Queue(NOTIFY_QUEUE, { connection, prefix });
    try {
      await queue.clean(0, 10_000, 'completed');
      const hall = s.halls.get(h)!;
      // as a second node (or a restart from an old cursor) would: every event handled again
      for (const entry of await s.redis.xrange(hallKeys(h).events, '-', '+'))
        await s.notifier!.handle(hall, toHallEvent(h, hall.config.timeZone, entry));
      expect(await s.notifier!.scanReminders(hall)).toBe(1);
      // the near notices are not queued again: their tickets left the watch list when sent
      await until('the replayed jobs to finish', async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed');
        return c.waiting === 0 && c.active === 0 && c.delayed === 0 && (c.completed ?? 0) >= 5;
      });
      const done = await queue.getJobs(['completed']);
      expect(done.map((j) => j.name).sort()).toEqual(
        ['called', 'called', 'done', 'follow_up_contact', 'reminder'].sort(),
      );
      expect(new Set(done.map((j) => j.returnvalue as string))).toEqual(new Set(['already_sent']));
      expect(gateway.requests.length).toBe(before);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('refuses a contact for a ticket of another hall or a bad number', async () => {
    const bad = await s.api('POST', `/halls/${h}/tickets/${tickets.t2!.id}/contact`, {
      token: 'demo-kiosk',
      body: { phone: '12345', consent: true },
    });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'phone']);
    const foreign = await s.api('POST', `/halls/${h}/tickets/other.abc/contact`, {
      token: 'demo-kiosk',
      body: { phone: '13800000009', consent: true },
    });
    expect(foreign.body.error.code).toBe('ticket_not_found');
    const screen = await s.api('POST', `/halls/${h}/tickets/${tickets.t2!.id}/contact`, {
      token: 'demo-screen',
      body: { phone: '13800000009', consent: true },
    });
    expect(screen.status).toBe(403);
  });
});
