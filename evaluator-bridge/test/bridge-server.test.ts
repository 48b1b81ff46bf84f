import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import { startServer } from '../../server/src/server.js';
import { hallKeys } from '../../server/src/store/keys.js';
import { Bridge } from '../src/bridge.js';
import { parseConfig } from '../src/config.js';
import type { QueuedRating, SendResult } from '../src/outbox.js';
import { loadProfile } from '../src/profile.js';
import { connectRealtime } from '../src/realtime.js';
import { createHttpSender } from '../src/server-api.js';
import { ScriptedHid } from './scripted-hid.js';

const WINDOW = '1';
const DEVICE = { vendorId: 0x0483, productId: 0x5750, path: '/dev/hidraw7', usagePage: 0xff00 };
/** report-5key: key code 0x01 is 5 非常满意 … 0x05 is 1 非常不满意 */
const press = (code: string) => `01 ${code} 00 00 00 00 00 00`;
const RELEASE = '01 00 00 00 00 00 00 00';
/** Longer than the profile's 50 ms debounce: a resident's presses are never that close. */
const pause = (ms = 120) => new Promise((resolve) => setTimeout(resolve, ms));
const waitFor = <T>(fn: () => T | Promise<T>) => vi.waitFor(fn, { timeout: 15_000, interval: 20 });

describe('evaluator bridge against the real server and Redis', () => {
  let server: TestServer;
  let restarted: Awaited<ReturnType<typeof startServer>> | undefined;
  let bridge: Bridge;
  let dir: string;
  let clerk: string;
  const hid = new ScriptedHid(DEVICE);
  const results: { rating: QueuedRating; result: SendResult }[] = [];

  beforeAll(async () => {
    // the shortest rating time a hall may set, so the outage below outlasts it
    server = await startTestServer(
      sampleHall('demo', (hall) => {
        hall.rules.ratingWindowSeconds = 5;
      }),
    );
    clerk = await server.login('clerk1');
    expect(
      (
        await server.api('POST', `/halls/${server.hall.id}/windows/${WINDOW}/open`, {
          token: clerk,
        })
      ).status,
    ).toBe(200);
    dir = await mkdtemp(join(tmpdir(), 'evaluator-outbox-'));
    const config = parseConfig(
      {
        serverUrl: server.url,
        hallId: server.hall.id,
        windowId: WINDOW,
        deviceToken: 'demo-evaluator',
        profile: 'report-5key',
        outboxDir: dir,
        pollMs: 100,
        retryMinMs: 50,
        retryMaxMs: 200,
      },
      dir,
    );
    const log = pino({ level: 'silent' });
    const send = createHttpSender({ serverUrl: config.serverUrl, deviceToken: config.deviceToken });
    bridge = await Bridge.create({
      config,
      profile: await loadProfile('report-5key'),
      opener: hid,
      log,
      send: async (rating) => {
        const result = await send(rating);
        results.push({ rating, result });
        return result;
      },
      realtime: (prompt, onSubscribed) =>
        connectRealtime({
          serverUrl: config.serverUrl,
          deviceToken: config.deviceToken,
          hallId: config.hallId,
          prompt,
          log,
          onSubscribed,
        }),
    });
    hid.plug();
    bridge.start();
    await waitFor(() => expect(bridge.deviceConnected).toBe(true));
  });

  afterAll(async () => {
    await bridge?.stop();
    await (restarted ?? server)?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const api = (method: string, path: string, token?: string, body?: unknown) =>
    server.api(method, path, { ...(token ? { token } : {}), ...(body ? { body } : {}) });

  /** A resident is served and the clerk finishes: the window waits for a rating. */
  async function serveOne(): Promise<string> {
    const h = server.hall.id;
    const issued = await api('POST', `/halls/${h}/tickets`, 'demo-kiosk', { serviceId: 'labor' });
    expect(issued.status).toBe(201);
    expect((await api('POST', `/halls/${h}/windows/${WINDOW}/call-next`, clerk)).status).toBe(200);
    expect((await api('POST', `/halls/${h}/windows/${WINDOW}/start`, clerk)).status).toBe(200);
    const finished = await api('POST', `/halls/${h}/windows/${WINDOW}/finish`, clerk, {
      outcome: 'done',
    });
    expect(finished.status).toBe(200);
    const ticketId = issued.body.id as string;
    await waitFor(() => expect(bridge.prompt.current()?.ticketId).toBe(ticketId));
    return ticketId;
  }

  const ratingOf = async (ticketId: string) =>
    (await api('GET', `/tickets/${encodeURIComponent(ticketId)}`, 'demo-kiosk')).body.rating as
      { score: number; source: string } | undefined;

  async function recordedRatings(): Promise<{ ticketId: string; score: number }[]> {
    const entries = (await server.redis.xrange(hallKeys(server.hall.id).events, '-', '+')) as [
      string,
      string[],
    ][];
    return entries
      .filter(([, f]) => f[f.indexOf('type') + 1] === 'rating.recorded')
      .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1] ?? '{}'))
      .map((d: { ticketId: string; score: number }) => ({ ticketId: d.ticketId, score: d.score }));
  }

  it('a press outside a rating prompt is ignored, not stored', async () => {
    await pause();
    hid.send(press('05'), RELEASE);
    await bridge.settled();
    expect(bridge.outbox.size).toBe(0);
    expect(await recordedRatings()).toEqual([]);
  });

  it('a bounced press and a held key each give one rating', async () => {
    const first = await serveOne();
    await pause();
    // 满意 with contact bounce
    hid.send(press('02'), RELEASE, press('02'), RELEASE);
    await waitFor(async () =>
      expect(await ratingOf(first)).toEqual(
        expect.objectContaining({ score: 4, source: 'device' }),
      ),
    );

    const second = await serveOne();
    await pause();
    // 基本满意 held down: the device repeats the report until the key is let go
    hid.send(press('03'));
    await pause(20);
    hid.send(press('03'), press('03'));
    await pause(20);
    hid.send(RELEASE);
    // a second press after the rating is in: the prompt is used up
    await pause();
    hid.send(press('05'), RELEASE);
    await waitFor(async () => expect(await ratingOf(second)).toMatchObject({ score: 3 }));
    await bridge.settled();
    await bridge.outbox.whenIdle();
    expect(await recordedRatings()).toEqual([
      { ticketId: first, score: 4 },
      { ticketId: second, score: 3 },
    ]);
  });

  it('a server outage longer than the rating time loses no rating', async () => {
    const ticketId = await serveOne();
    const deadline = bridge.prompt.current()!.deadline;
    const port = server.port;
    await server.close();
    await pause();
    hid.send(press('01'), RELEASE);
    await bridge.settled();
    // stored on disk while the server is away, and at least one attempt failed
    await waitFor(() =>
      expect(results.some((r) => r.rating.ticketId === ticketId && r.result.kind === 'retry')).toBe(
        true,
      ),
    );
    expect(bridge.outbox.size).toBe(1);
    // the server comes back only after the rating time has run out
    await pause(Math.max(0, deadline - Date.now()) + 200);
    restarted = await startServer({ halls: [server.hall], redis: inject('redisUrl'), port });
    const before = server;
    server = Object.assign(restarted, {
      hall: before.hall,
      api: (...a: Parameters<TestServer['api']>) => before.api(...a),
      login: (username: string) => before.login(username),
    });
    await bridge.outbox.whenIdle();
    // the live link is back too, before the next resident is served
    await waitFor(() => expect(bridge.realtimeConnected).toBe(true));
    // pressed in time, delivered late: it counts, from the moment of the press
    expect(await ratingOf(ticketId)).toMatchObject({ score: 5 });
    expect((await api('GET', `/tickets/${ticketId}`, 'demo-kiosk')).body.ratingStatus).toBe(
      'rated',
    );
    expect((await recordedRatings()).filter((r) => r.ticketId === ticketId)).toEqual([
      { ticketId, score: 5 },
    ]);
  });

  it('survives an unplug mid-report and works again once replugged', async () => {
    await waitFor(() => expect(bridge.prompt.current()).toBeUndefined());
    const ticketId = await serveOne();
    // a key goes down, the cable is pulled in the middle of the next report
    await pause();
    hid.send(press('04'), '01 04 00');
    hid.unplug();
    await waitFor(() => expect(bridge.deviceConnected).toBe(false));
    await pause(300);
    expect(bridge.deviceConnected).toBe(false);
    hid.plug();
    await waitFor(() => expect(bridge.deviceConnected).toBe(true));
    expect(hid.opens).toBe(2);
    // the first press was already a rating; the prompt is used up, so this one is ignored
    await pause();
    hid.send(press('04'), RELEASE);
    await bridge.settled();
    await bridge.outbox.whenIdle();
    expect(await ratingOf(ticketId)).toMatchObject({ score: 2 });

    // after the replug the same key counts again for the next resident
    const next = await serveOne();
    await pause();
    hid.send(press('04'), RELEASE);
    await waitFor(async () => expect(await ratingOf(next)).toMatchObject({ score: 2 }));
  });

  it('every rating arrived exactly once; a resend is recognised as a duplicate', async () => {
    await bridge.outbox.whenIdle();
    const all = await recordedRatings();
    expect(all.map((r) => r.score)).toEqual([4, 3, 5, 2, 2]);
    expect(new Set(all.map((r) => r.ticketId)).size).toBe(all.length);
    const delivered = results.find((r) => r.result.kind === 'accepted');
    expect(delivered).toBeDefined();
    const resend = createHttpSender({ serverUrl: server.url, deviceToken: 'demo-evaluator' });
    expect(await resend(delivered!.rating)).toMatchObject({ kind: 'duplicate' });
    expect(await recordedRatings()).toHaveLength(all.length);
  });
});
