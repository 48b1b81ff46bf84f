// The counter console's server side: A/B handover, idle sign-out, the clerk's desk.
import { afterEach, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function events(t: TestServer, type: string): Promise<any[]> {
  const all = await t.redis.xrange(hallKeys(t.hall.id).events, '-', '+');
  return all
    .filter(([, f]) => f[f.indexOf('type') + 1] === type)
    .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1] ?? '{}'));
}

describe('A/B posts (AB岗)', () => {
  it('lets the B post take the window in one action and records the handover', async () => {
    s = await startTestServer(sampleHall('demo'));
    const t = s;
    const w = (token: string, windowId: string, action: string) =>
      t.api('POST', `/halls/${t.hall.id}/windows/${windowId}/${action}`, { token });
    const a = await t.login('clerk1');
    const b = await t.login('clerk2');
    const c = await t.login('clerk3');
    expect((await w(a, '1', 'open')).status).toBe(200);
    expect((await w(b, '2', 'open')).status).toBe(200);

    // a clerk who is neither post of window 1 may not take it
    const refused = await w(c, '1', 'take-over');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');

    // B (signed in at window 2) takes window 1 while A is still there: one action
    const taken = await w(b, '1', 'take-over');
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ id: '1', status: 'open', staffName: '李强' });
    const snap = await t.api('GET', `/halls/${t.hall.id}`);
    expect(snap.body.windows.find((x: any) => x.id === '2').status).toBe('closed');

    const opened = await events(t, 'window.opened');
    expect(opened.at(-1)).toMatchObject({
      windowId: '1',
      clerkId: 'clerk2',
      handoverFrom: 'clerk1',
    });
    const closed = await events(t, 'window.closed');
    expect(closed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ windowId: '2', clerkId: 'clerk2', auto: false }),
        expect.objectContaining({ windowId: '1', clerkId: 'clerk1', handoverTo: 'clerk2' }),
      ]),
    );
    // A is free again and can only be at one window at a time
    expect((await w(a, '2', 'open')).status).toBe(200);
    expect((await w(a, '1', 'open')).body.error.code).toBe('window_taken');

    // after B signs out, A takes window 1 back; the handover names B
    expect((await w(b, '1', 'close')).status).toBe(200);
    expect((await w(a, '2', 'close')).status).toBe(200);
    expect((await w(a, '1', 'take-over')).status).toBe(200);
    expect((await events(t, 'window.opened')).at(-1)).toMatchObject({
      windowId: '1',
      clerkId: 'clerk1',
      handoverFrom: 'clerk2',
    });
  });
});

describe('idle sign-out', () => {
  it('signs out a clerk idle past the limit, recorded with auto: true; presence keeps it away', async () => {
    const clock = new TestClock(Date.parse('2026-11-23T10:00:00+08:00'));
    s = await startTestServer(
      sampleHall('demo', (h) => {
        h.rules.idleSignOutMinutes = 10;
      }),
      { clock },
    );
    const t = s;
    const token = await t.login('clerk3');
    const path = `/halls/${t.hall.id}/windows/3`;
    expect((await t.api('POST', `${path}/open`, { token })).status).toBe(200);

    const sweep = async () => {
      const { CounterService } = await import('../src/halls/counter-service.js');
      const { pino } = await import('pino');
      const service = new CounterService(t.redis, t.halls, clock, pino({ level: 'silent' }));
      return service.signOutIdle(t.halls.get(t.hall.id)!);
    };

    clock.advance(9 * 60_000);
    expect(await sweep()).toEqual([]);
    // the clerk is at the console: presence pushes the limit on
    expect((await t.api('POST', `${path}/presence`, { token })).status).toBe(204);
    clock.advance(9 * 60_000);
    expect(await sweep()).toEqual([]);
    clock.advance(2 * 60_000);
    expect(await sweep()).toEqual(['3']);
    expect((await events(t, 'window.closed')).at(-1)).toEqual({
      windowId: '3',
      clerkId: 'clerk3',
      auto: true,
    });
    const desk = await t.api('GET', `/halls/${t.hall.id}/staff/me`, { token });
    expect(desk.body.windowId).toBeNull();
    // presence at a closed window is refused
    expect((await t.api('POST', `${path}/presence`, { token })).body.error.code).toBe(
      'window_not_open',
    );
  });
});

describe("the clerk's desk", () => {
  it("counts today's own service, times and ratings", async () => {
    const clock = new TestClock(Date.parse('2026-11-23T10:00:00+08:00'));
    s = await startTestServer(sampleHall('demo'), { clock });
    const t = s;
    const token = await t.login('clerk3');
    const path = `/halls/${t.hall.id}/windows/3`;
    const act = (a: string, body?: unknown) =>
      t.api('POST', `${path}/${a}`, { token, ...(body ? { body } : {}) });
    await t.api('POST', `/halls/${t.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'civil' },
    });
    await t.api('POST', `/halls/${t.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'civil' },
    });
    await act('open');
    for (const score of [5, null]) {
      await act('call-next');
      await act('start');
      clock.advance(120_000);
      expect((await act('finish', { outcome: 'done' })).status).toBe(200);
      if (score) {
        const r = await t.api('POST', `${path}/ratings`, {
          token: 'demo-evaluator',
          body: { score, source: 'device' },
        });
        expect(r.status).toBe(201);
      }
    }
    let desk = await t.api('GET', `/halls/${t.hall.id}/staff/me`, { token });
    expect(desk.status).toBe(200);
    expect(desk.body).toMatchObject({
      windowId: '3',
      posts: [
        { windowId: '3', post: 'a' },
        { windowId: '4', post: 'b' },
      ],
      today: { served: 2, averageServiceSeconds: 120, rated: 1, unrated: 0, averageScore: 5 },
      lastFinished: { number: 'B002', rating: 'awaiting' },
    });
    clock.advance(61_000);
    desk = await t.api('GET', `/halls/${t.hall.id}/staff/me`, { token });
    expect(desk.body.today.unrated).toBe(1);
    expect(desk.body.lastFinished.rating).toBe('not_rated');
    expect((await t.api('GET', `/halls/${t.hall.id}/staff/me`)).status).toBe(401);
  });
});
