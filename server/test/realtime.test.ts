// Realtime over the real socket.io client and a real redis-server: a subscriber sees every event
// of a day once and in order, through disconnects, trims and with public payloads only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HallEvent } from '@hall/protocol';
import { connectRedis } from '../src/store/redis-connection.js';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';
import {
  apiAt,
  caughtUp,
  eventDerived,
  recordHall,
  runScriptedDay,
  seededRandom,
  sleep,
  streamIds,
  waitUntil,
  type RecordingClient,
} from './realtime-helpers.js';

/** A whole day over HTTP and sockets: generous on a loaded machine; nothing here measures speed. */
const HEAVY = 240_000;

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** The demo hall without its printer: no print events between the ones a test counts. */
const quietHall = () =>
  sampleHall('demo', (h) => {
    h.devices = h.devices.filter((d) => d.kind !== 'printer');
  });

async function server(clock?: TestClock): Promise<TestServer> {
  const s = await startTestServer(quietHall(), clock ? { clock } : {});
  cleanup.push(() => s.close());
  return s;
}

function record(s: TestServer, token?: string): RecordingClient {
  const c = recordHall(s.url, s.hall.id, token ? { token } : {});
  cleanup.push(() => c.close());
  return c;
}

/** Every event of the stream after the client's first snapshot, once, in order, and the state they add up to. */
async function expectCompleteDay(s: TestServer, c: RecordingClient): Promise<void> {
  const ids = await caughtUp(inject('redisUrl'), s.hall.id, c);
  expect(c.events.map((e) => e.id)).toEqual(ids);
  expect(c.rawProblems).toEqual([]);
  // a device's snapshot, with the ticket ids the socket's state carries
  const rest = await s.api('GET', `/halls/${s.hall.id}`, { token: 'demo-screen' });
  expect(eventDerived(c.conn.state!)).toEqual(eventDerived(rest.body));
}

describe('realtime', () => {
  it(
    'delivers every event of a scripted day exactly once and in order',
    { timeout: HEAVY },
    async () => {
      const s = await server();
      const c = record(s);
      await waitUntil(
        () => c.conn.status === 'live',
        () => c.conn.status,
      );
      const stats = await runScriptedDay({
        nodes: [apiAt(s.url)],
        hallId: s.hall.id,
        steps: 900,
        seed: 1,
      });
      expect(stats.tickets).toBeGreaterThan(250);
      expect(stats.calls).toBeGreaterThan(100);
      expect(stats.transfers).toBeGreaterThan(5);
      expect(stats.pauses).toBeGreaterThan(5);
      await expectCompleteDay(s, c);
      expect(c.snapshots).toHaveLength(1);
      expect(c.events.length).toBeGreaterThan(600);
    },
  );

  it(
    'loses nothing and repeats nothing across 20 disconnects at random moments',
    { timeout: HEAVY },
    async () => {
      const s = await server();
      const c = record(s);
      await waitUntil(
        () => c.conn.status === 'live',
        () => c.conn.status,
      );
      const random = seededRandom(7);
      const steps = 800;
      const at = new Set<number>();
      while (at.size < 20) at.add(1 + Math.floor(random() * (steps - 2)));
      let drops = 0;
      const stats = await runScriptedDay({
        nodes: [apiAt(s.url)],
        hallId: s.hall.id,
        steps,
        seed: 2,
        beforeStep: (step) => {
          if (!at.has(step)) return;
          drops++;
          // alternately the network drops and the client hangs up and dials again
          if (drops % 2) c.dropTransport();
          else {
            c.socket().disconnect();
            c.socket().connect();
          }
        },
      });
      expect(drops).toBe(20);
      expect(stats.tickets).toBeGreaterThan(200);
      await expectCompleteDay(s, c);
      // it came back from the events it had, never from a new snapshot
      expect(c.snapshots).toHaveLength(1);
      expect(c.replayed).toBeGreaterThan(0);
    },
  );

  it('joins each catch-up to the live events without a gap or a repeat while calls keep coming', async () => {
    const s = await server();
    const api = apiAt(s.url);
    const h = `/halls/${s.hall.id}`;
    let writing = true;
    const writers = [0, 1, 2].map(async (n) => {
      for (let i = 0; writing; i++) {
        await api('POST', `${h}/tickets`, {
          token: 'demo-kiosk',
          body: { serviceId: ['labor', 'civil', 'family'][n] },
        });
      }
    });
    // subscribers arrive while the stream grows; the first starts the node's tail, the rest race it
    const random = seededRandom(11);
    const clients: RecordingClient[] = [];
    for (let i = 0; i < 30; i++) {
      clients.push(record(s));
      if (random() < 0.5) await sleep(Math.floor(random() * 20));
    }
    await waitUntil(
      () => clients.every((c) => c.conn.status === 'live'),
      () => clients.map((c) => c.conn.status).join(),
    );
    // half of them drop and come back with `since` while it still grows
    for (const c of clients.slice(0, 15)) {
      c.dropTransport();
      await sleep(Math.floor(random() * 20));
    }
    await waitUntil(
      () => clients.every((c) => c.conn.status === 'live'),
      () => clients.map((c) => c.conn.status).join(),
    );
    writing = false;
    await Promise.all(writers);
    for (const c of clients) {
      const ids = await caughtUp(inject('redisUrl'), s.hall.id, c);
      expect(c.events.map((e) => e.id)).toEqual(ids);
      expect(c.rawProblems).toEqual([]);
      expect(c.snapshots).toHaveLength(1);
    }
    expect(clients.slice(0, 15).some((c) => c.replayed > 0)).toBe(true);
  });

  it('acknowledges a subscription with `since` after sending what was missed', async () => {
    const s = await server();
    const kiosk = { token: 'demo-kiosk', body: { serviceId: 'labor' } };
    await s.api('POST', `/halls/${s.hall.id}/tickets`, kiosk);
    const [since] = await streamIds(inject('redisUrl'), s.hall.id);
    for (let i = 0; i < 5; i++) await s.api('POST', `/halls/${s.hall.id}/tickets`, kiosk);
    const socket = io(s.url, { transports: ['websocket'] });
    cleanup.push(() => socket.disconnect());
    const got: HallEvent[] = [];
    socket.on('hall:event', (e: HallEvent) => got.push(e));
    const ack = await socket.emitWithAck('subscribe', { hallId: s.hall.id, since });
    const ids = await streamIds(inject('redisUrl'), s.hall.id, since);
    expect(ids).toHaveLength(5);
    expect(ack).toEqual({ lastEventId: ids.at(-1) });
    expect(got.map((e) => e.id)).toEqual(ids);

    // without since (or with one the stream never had): a snapshot, then only newer events
    const fresh = await socket.emitWithAck('subscribe', { hallId: s.hall.id });
    expect(fresh.lastEventId).toBe(ids.at(-1));
    expect(fresh.snapshot.services.find((x: { id: string }) => x.id === 'labor').waiting).toBe(6);
    const future = await socket.emitWithAck('subscribe', {
      hallId: s.hall.id,
      since: '9999999999999-0',
    });
    expect(future.snapshot.lastEventId).toBe(ids.at(-1));
    const bad = await socket.emitWithAck('subscribe', { hallId: 'no-such-hall' });
    expect(bad.error).toEqual({ code: 'hall_not_found', message: '找不到该服务大厅' });
    // the language a screen asks for: names and messages in English
    const en = await socket.emitWithAck('subscribe', { hallId: s.hall.id, lang: 'en' });
    expect(en.snapshot.services.find((x: { id: string }) => x.id === 'labor').name).toBe(
      'Labour & Social Security',
    );
    expect(en.snapshot.windows.find((w: { id: string }) => w.id === '1').name).toBe('Window 1');
    const badEn = await socket.emitWithAck('subscribe', { hallId: 'no-such-hall', lang: 'en' });
    expect(badEn.error.message).toBe('Hall not found');
  });

  it('gives a snapshot, not a gap, when the events after `since` were trimmed', async () => {
    const s = await server();
    const redis = connectRedis(inject('redisUrl'));
    cleanup.push(() => redis.disconnect());
    const h = `/halls/${s.hall.id}`;
    for (let i = 0; i < 6; i++)
      await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'civil' } });
    const ids = await streamIds(inject('redisUrl'), s.hall.id);
    // the day rollover's trim: everything before the 4th event goes
    const k = hallKeys(s.hall.id);
    await redis.xtrim(k.events, 'MINID', ids[3]!);
    await redis.set(`${k.events}:trimmed-before`, ids[3]!);

    const socket = io(s.url, { transports: ['websocket'] });
    cleanup.push(() => socket.disconnect());
    const got: string[] = [];
    socket.on('hall:event', (e: HallEvent) => got.push(e.id));
    const stale = await socket.emitWithAck('subscribe', { hallId: s.hall.id, since: ids[1] });
    expect(stale.snapshot.lastEventId).toBe(ids[5]);
    expect(stale.snapshot.services.find((x: { id: string }) => x.id === 'civil').waiting).toBe(6);
    expect(got).toEqual([]);
    // from the first kept event on, the events themselves still come
    const kept = await socket.emitWithAck('subscribe', { hallId: s.hall.id, since: ids[3] });
    expect(kept).toEqual({ lastEventId: ids[5] });
    expect(got).toEqual([ids[4], ids[5]]);
  });

  it('keeps the current business day through the rollover, and a client from before it gets a snapshot', async () => {
    const clock = new TestClock(Date.now());
    // the stream is trimmed by the reports, behind their fold and daily archive
    const dataDir = mkdtempSync(join(tmpdir(), 'realtime-archive-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const s = await startTestServer(quietHall(), { clock, dataDir });
    cleanup.push(() => s.close());
    const history = s.reports.get(s.hall.id)!.history;
    const h = `/halls/${s.hall.id}`;
    const c = record(s);
    await waitUntil(
      () => c.conn.status === 'live',
      () => c.conn.status,
    );
    for (let i = 0; i < 3; i++)
      await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'family' } });
    await waitUntil(
      () => c.events.length === 3,
      () => `${c.events.length} events`,
    );
    const since = c.conn.lastEventId!;
    const hall = s.halls.get(s.hall.id)!;

    // the next day's rollover keeps the day that ended (and so today): `since` still replays
    clock.advance(24 * 3600_000);
    expect(await hall.rollOver()).toBe(3);
    await history.maintain();
    await waitUntil(
      () => c.events.length === 7,
      () => `${c.events.length} events`,
    );
    expect(c.events.slice(3).map((e) => e.type)).toEqual([
      'ticket.expired',
      'ticket.expired',
      'ticket.expired',
      'day.rolled_over',
    ]);
    const socket = io(s.url, { transports: ['websocket'] });
    cleanup.push(() => socket.disconnect());
    const replay = await socket.emitWithAck('subscribe', { hallId: s.hall.id, since });
    expect(replay.snapshot).toBeUndefined();

    // a day later still, those events are gone: the same `since` now gets a snapshot
    c.close();
    clock.advance(24 * 3600_000);
    await hall.rollOver();
    await history.maintain();
    const late = await socket.emitWithAck('subscribe', { hallId: s.hall.id, since });
    expect(late.snapshot).toBeDefined();
    expect(late.snapshot.services.find((x: { id: string }) => x.id === 'family').waiting).toBe(0);
  });

  it('never sends a phone number or resident name, and supervisor alerts only to supervisors', async () => {
    const s = await server();
    const h = `/halls/${s.hall.id}`;
    const pub = record(s);
    const clerk = record(s, await s.login('clerk1'));
    const supervisor = record(s, await s.login('supervisor'));
    const all = [pub, clerk, supervisor];
    await waitUntil(
      () => all.every((c) => c.conn.status === 'live'),
      () => all.map((c) => c.conn.status).join(),
    );
    const phone = '13912345678';
    const issued = await s.api('POST', `${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'labor', phone },
    });
    expect(issued.status).toBe(201);
    // whatever a script writes into the stream, only what the contract names goes out
    const redis = connectRedis(inject('redisUrl'));
    cleanup.push(() => redis.disconnect());
    const add = (type: string, data: unknown) =>
      redis.xadd(
        hallKeys(s.hall.id).events,
        '*',
        'type',
        type,
        'at',
        String(Date.now()),
        'data',
        JSON.stringify(data),
      );
    const ref = { ticketId: issued.body.id, number: issued.body.number, serviceId: 'labor' };
    await add('rating.alert', { ...ref, windowId: '1', clerkId: 'clerk1', score: 1, phone });
    await add('ticket.secret', { ...ref, phone });
    const last = await add('ticket.issued', {
      ...ref,
      priority: 'normal',
      waitingAhead: 1,
      phone,
      residentName: '张三',
    });
    for (const c of all) {
      await waitUntil(
        () => c.conn.lastEventId === last,
        () => `${c.conn.lastEventId} not ${last}`,
      );
      const seen = JSON.stringify([c.snapshots, c.rawPackets]);
      expect(seen).not.toContain(phone);
      expect(seen).not.toContain('张三');
      expect(c.events.at(-1)!.data).toEqual({ ...ref, priority: 'normal', waitingAhead: 1 });
    }
    expect(pub.events.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.issued']);
    expect(clerk.events.map((e) => e.type)).toEqual(['ticket.issued', 'ticket.issued']);
    expect(supervisor.events.map((e) => e.type)).toEqual([
      'ticket.issued',
      'rating.alert',
      'ticket.issued',
    ]);
    expect(supervisor.events[1]!.data).toEqual({
      ...ref,
      windowId: '1',
      clerkId: 'clerk1',
      score: 1,
    });
  });

  it('sends a rating only to that window’s own channel and to supervisors', async () => {
    const s = await server();
    const h = `/halls/${s.hall.id}`;
    const pub = record(s);
    const kiosk = record(s, 'demo-kiosk');
    const clerk3 = record(s, await s.login('clerk3'));
    const clerk4 = record(s, await s.login('clerk4'));
    const display3 = record(s, 'demo-display-3');
    const display4 = record(s, 'demo-display-4');
    const supervisor = record(s, await s.login('supervisor'));
    const all = [pub, kiosk, clerk3, clerk4, display3, display4, supervisor];
    await waitUntil(
      () => all.every((c) => c.conn.status === 'live'),
      () => all.map((c) => c.conn.status).join(),
    );
    const token = await s.login('clerk3');
    await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'civil' } });
    await s.api('POST', `${h}/windows/3/open`, { token });
    await s.api('POST', `${h}/windows/3/call-next`, { token });
    await s.api('POST', `${h}/windows/3/start`, { token });
    await s.api('POST', `${h}/windows/3/finish`, { token, body: { outcome: 'done' } });
    const rated = await s.api('POST', `${h}/windows/3/ratings`, {
      token: 'demo-evaluator',
      body: { score: 4, source: 'device' },
    });
    expect(rated.status).toBe(201);
    // a public event after the rating: once everyone has it, the rating has gone where it goes
    await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'labor' } });
    const last = (await streamIds(inject('redisUrl'), s.hall.id)).at(-1);
    for (const c of all) {
      await waitUntil(
        () => c.conn.lastEventId === last,
        () => `${c.conn.lastEventId} not ${last}`,
      );
    }
    const ratings = (c: RecordingClient) =>
      c.events.filter((e) => e.type === 'rating.recorded').map((e) => e.data);
    const expected = [
      {
        ticketId: rated.body.ticketId,
        windowId: '3',
        clerkId: 'clerk3',
        serviceId: 'civil',
        score: 4,
        source: 'device',
      },
    ];
    expect(ratings(clerk3)).toEqual(expected);
    expect(ratings(display3)).toEqual(expected);
    expect(ratings(supervisor)).toEqual(expected);
    for (const c of [pub, kiosk, clerk4, display4]) expect(ratings(c)).toEqual([]);
    // everyone saw the same public events around it
    const types = (c: RecordingClient) =>
      c.events.filter((e) => e.type !== 'rating.recorded').map((e) => e.id);
    for (const c of all) expect(types(c)).toEqual(types(supervisor));
  });

  it('refuses a wrong token and a token of another hall', async () => {
    const hall = quietHall();
    const second = quietHall();
    const s = await startTestServer(hall, { extraHalls: [second] });
    cleanup.push(() => s.close());
    const bad = io(s.url, {
      transports: ['websocket'],
      auth: { token: 'nope' },
      reconnection: false,
    });
    cleanup.push(() => bad.disconnect());
    const err = await new Promise<Error>((resolve) => bad.on('connect_error', resolve));
    expect(err.message).toBe('unauthorized');

    const login = await s.api('POST', '/auth/login', {
      body: { username: 'clerk1', password: 'demo1234', hallId: second.id },
    });
    const socket = io(s.url, { transports: ['websocket'], auth: { token: login.body.token } });
    cleanup.push(() => socket.disconnect());
    const own = await socket.emitWithAck('subscribe', { hallId: second.id });
    expect(own.snapshot.id).toBe(second.id);
    const foreign = await socket.emitWithAck('subscribe', { hallId: hall.id });
    expect(foreign.error.code).toBe('forbidden');
  });
});
