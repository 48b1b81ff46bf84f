import type { Alert, HallEvent } from '@hall/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { HallConfig } from '../src/config/hall-config.js';
import { toPublicEvent } from '../src/realtime/public-event.js';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';
import { recordHall, waitUntil as waitFor } from './realtime-helpers.js';

const waitUntil = (condition: () => boolean) =>
  waitFor(condition, () => 'the expected events', 10_000);

// The demo hall's short limits (config/demo.yaml): waiting 3/5 min, called 1/2, service 10/15,
// brief pause 3/5, closed pause 10/20, 空岗 after 30 s, 脱岗 after 10 min.
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const T0 = Date.parse('2026-11-27T10:00:00+08:00');

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(clock: TestClock, hall: HallConfig = sampleHall('demo'), jobs = false) {
  const server = await startTestServer(hall, { clock, ...(jobs ? { jobs } : {}) });
  servers.push(server);
  return server;
}

/** A hall, its clock and the people in it, with shorthand for what they do. */
async function hallWith(hall?: HallConfig, jobs = false) {
  const clock = new TestClock(T0);
  const server = await start(clock, hall, jobs);
  const h = server.hall.id;
  const supervisor = await server.login('supervisor');
  const tokens = new Map<string, string>();
  const clerk = async (n: number) => {
    const name = `clerk${n}`;
    if (!tokens.has(name)) tokens.set(name, await server.login(name));
    return tokens.get(name) ?? '';
  };
  const at = async (n: number, windowId: string, action: string, body: unknown = {}) => {
    const r = await server.api('POST', `/halls/${h}/windows/${windowId}/${action}`, {
      token: await clerk(n),
      body,
    });
    expect(r.status, `${action} at ${windowId}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body;
  };
  const issue = async (serviceId: string) =>
    (await server.api('POST', `/halls/${h}/tickets`, { token: 'demo-kiosk', body: { serviceId } }))
      .body as { id: string; number: string };
  const alerts = async (query = 'state=open'): Promise<Alert[]> => {
    const r = await server.api('GET', `/halls/${h}/alerts?${query}`, { token: supervisor });
    expect(r.status).toBe(200);
    return r.body.alerts as Alert[];
  };
  /** Moves the clock to `ms` after T0 and lets the engine look. */
  const after = async (ms: number) => {
    clock.ms = T0 + ms;
    await server.alerts.tick();
  };
  const events = async (type: string) =>
    ((await server.redis.xrange(hallKeys(h).events, '-', '+')) as [string, string[]][])
      .filter(([, f]) => f[f.indexOf('type') + 1] === type)
      .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1] ?? '{}') as Record<string, unknown>);
  return { server, clock, h, supervisor, clerk, at, issue, alerts, after, events };
}

const ofKind = (list: Alert[], kind: Alert['kind']) => list.filter((a) => a.kind === kind);

describe('alerts: yellow and red cards, 空岗, 脱岗', () => {
  it('a waiting ticket turns yellow at the wait limit, not a second before, then red, and clears when called', async () => {
    const t = await hallWith();
    await t.at(1, '1', 'open');
    const ticket = await t.issue('labor');
    await t.after(3 * MINUTE - SECOND);
    expect(ofKind(await t.alerts(), 'wait_limit')).toEqual([]);

    await t.after(3 * MINUTE);
    const [yellow] = ofKind(await t.alerts(), 'wait_limit');
    expect(yellow).toMatchObject({
      level: 'yellow',
      serviceId: 'labor',
      ticketId: ticket.id,
      number: ticket.number,
      limitMinutes: 3,
      open: true,
      since: '2026-11-27T10:00:00.000+08:00',
      raisedAt: '2026-11-27T10:03:00.000+08:00',
    });

    await t.after(5 * MINUTE - SECOND);
    expect(ofKind(await t.alerts(), 'wait_limit')[0]?.level).toBe('yellow');
    await t.after(5 * MINUTE);
    const [red] = ofKind(await t.alerts(), 'wait_limit');
    expect(red).toMatchObject({ id: yellow?.id, level: 'red', limitMinutes: 5 });
    expect(red?.history.map((s) => [s.action, s.level])).toEqual([
      ['raised', 'yellow'],
      ['escalated', 'red'],
    ]);

    // ticking again changes nothing: once per cause
    await t.after(6 * MINUTE);
    expect(await t.events('alert.raised')).toHaveLength(1);
    expect(await t.events('alert.escalated')).toHaveLength(1);

    await t.at(1, '1', 'call-next');
    await t.after(6 * MINUTE + SECOND);
    expect(ofKind(await t.alerts(), 'wait_limit')).toEqual([]);
    const [cleared] = ofKind(await t.alerts('state=all'), 'wait_limit');
    expect(cleared).toMatchObject({ open: false, clearedAt: '2026-11-27T10:06:00.000+08:00' });
    expect(cleared?.history.at(-1)?.action).toBe('cleared');
  });

  it('called but not come: yellow after 1 minute; in service: yellow at 10 and red at 15; both clear', async () => {
    const t = await hallWith();
    await t.at(1, '1', 'open');
    await t.issue('labor');
    await t.after(10 * SECOND);
    await t.at(1, '1', 'call-next');
    await t.after(10 * SECOND + MINUTE - SECOND);
    expect(ofKind(await t.alerts(), 'call_limit')).toEqual([]);
    await t.after(10 * SECOND + MINUTE);
    expect(ofKind(await t.alerts(), 'call_limit')).toMatchObject([
      { level: 'yellow', windowId: '1', clerkId: 'clerk1', serviceId: 'labor', number: 'A001' },
    ]);

    await t.after(90 * SECOND);
    await t.at(1, '1', 'start');
    await t.after(90 * SECOND + 10 * MINUTE - SECOND);
    expect(ofKind(await t.alerts(), 'call_limit')).toEqual([]);
    expect(ofKind(await t.alerts(), 'service_limit')).toEqual([]);
    await t.after(90 * SECOND + 10 * MINUTE);
    expect(ofKind(await t.alerts(), 'service_limit')[0]?.level).toBe('yellow');
    await t.after(90 * SECOND + 15 * MINUTE);
    expect(ofKind(await t.alerts(), 'service_limit')).toMatchObject([
      { level: 'red', windowId: '1', clerkId: 'clerk1', limitMinutes: 15 },
    ]);
    await t.at(1, '1', 'finish', { outcome: 'done' });
    await t.after(90 * SECOND + 15 * MINUTE + SECOND);
    expect(ofKind(await t.alerts(), 'service_limit')).toEqual([]);
  });

  it('空岗: people waiting and no open window for their service for 30 s; clears when a window opens', async () => {
    const t = await hallWith();
    await t.issue('party');
    await t.after(29 * SECOND);
    expect(ofKind(await t.alerts(), 'unstaffed_queue')).toEqual([]);
    await t.after(30 * SECOND);
    expect(ofKind(await t.alerts(), 'unstaffed_queue')).toMatchObject([
      { level: 'red', serviceId: 'party', limitMinutes: 0.5 },
    ]);
    // window 6 serves 党员服务: opening it ends the 空岗
    await t.at(6, '6', 'open');
    await t.after(31 * SECOND);
    expect(ofKind(await t.alerts(), 'unstaffed_queue')).toEqual([]);
    expect(ofKind(await t.alerts('state=all'), 'unstaffed_queue')[0]?.clearedAt).toBeDefined();
  });

  it('a window paused too long: brief pause yellow at 3 and red at 5 minutes; resuming clears it', async () => {
    const t = await hallWith();
    await t.at(3, '3', 'open');
    await t.at(3, '3', 'pause', { kind: 'brief' });
    await t.after(3 * MINUTE - SECOND);
    expect(ofKind(await t.alerts(), 'pause_limit')).toEqual([]);
    await t.after(3 * MINUTE);
    expect(ofKind(await t.alerts(), 'pause_limit')).toMatchObject([
      { level: 'yellow', windowId: '3', clerkId: 'clerk3', pauseKind: 'brief' },
    ]);
    await t.after(5 * MINUTE);
    expect(ofKind(await t.alerts(), 'pause_limit')[0]?.level).toBe('red');
    await t.at(3, '3', 'resume');
    await t.after(5 * MINUTE + SECOND);
    expect(ofKind(await t.alerts(), 'pause_limit')).toEqual([]);
  });

  it('脱岗: an open window with nothing done for 10 minutes; the console in use puts it off', async () => {
    const t = await hallWith();
    await t.at(4, '4', 'open');
    await t.after(10 * MINUTE - SECOND);
    expect(ofKind(await t.alerts(), 'idle_post')).toEqual([]);
    await t.after(10 * MINUTE);
    expect(ofKind(await t.alerts(), 'idle_post')).toMatchObject([
      { level: 'red', windowId: '4', clerkId: 'clerk4', limitMinutes: 10 },
    ]);
    // the clerk comes back and calls: the alert clears
    await t.issue('family');
    await t.at(4, '4', 'call-next');
    await t.after(10 * MINUTE + SECOND);
    expect(ofKind(await t.alerts(), 'idle_post')).toEqual([]);

    // at window 5 the clerk works at the console without calling: no 脱岗 until 10 minutes after
    await t.at(5, '5', 'open');
    await t.after(15 * MINUTE);
    expect(
      (
        await t.server.api('POST', `/halls/${t.h}/windows/5/presence`, {
          token: await t.clerk(5),
          body: {},
        })
      ).status,
    ).toBeLessThan(300);
    await t.after(20 * MINUTE + SECOND);
    expect(ofKind(await t.alerts(), 'idle_post').filter((a) => a.windowId === '5')).toEqual([]);
    await t.after(25 * MINUTE - SECOND);
    expect(ofKind(await t.alerts(), 'idle_post').filter((a) => a.windowId === '5')).toEqual([]);
    await t.after(25 * MINUTE);
    expect(ofKind(await t.alerts(), 'idle_post').filter((a) => a.windowId === '5')).toHaveLength(1);
  });

  it('a bad rating is an alert; a supervisor acknowledges it with a note, a clerk may not', async () => {
    const t = await hallWith();
    await t.at(3, '3', 'open');
    await t.issue('civil');
    await t.at(3, '3', 'call-next');
    await t.at(3, '3', 'start');
    await t.at(3, '3', 'finish', { outcome: 'done' });
    const rated = await t.server.api('POST', `/halls/${t.h}/windows/3/ratings`, {
      token: 'demo-evaluator',
      body: { score: 1, source: 'device' },
    });
    expect(rated.status).toBe(201);
    await t.after(SECOND);
    const [alert] = ofKind(await t.alerts(), 'bad_rating');
    expect(alert).toMatchObject({ level: 'red', windowId: '3', clerkId: 'clerk3', score: 1 });
    const id = alert?.id ?? '';

    const path = `/halls/${t.h}/alerts/${id}/ack`;
    const byClerk = await t.server.api('POST', path, {
      token: await t.clerk(3),
      body: { note: '我自己确认' },
    });
    expect(byClerk.status).toBe(403);
    expect(byClerk.body.error.code).toBe('forbidden');
    const clerkList = await t.server.api('GET', `/halls/${t.h}/alerts`, {
      token: await t.clerk(3),
    });
    expect(clerkList.status).toBe(403);

    const tooLong = await t.server.api('POST', path, {
      token: t.supervisor,
      body: { note: '长'.repeat(501) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('invalid_request');

    await t.after(2 * SECOND);
    const acked = await t.server.api('POST', path, {
      token: t.supervisor,
      body: { note: '已电话回访，群众表示理解' },
    });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({
      open: false,
      acknowledgedBy: 'supervisor',
      note: '已电话回访，群众表示理解',
      acknowledgedAt: '2026-11-27T10:00:02.000+08:00',
    });
    expect(acked.body.history.at(-1)).toMatchObject({ action: 'acknowledged', by: 'supervisor' });
    expect(ofKind(await t.alerts(), 'bad_rating')).toEqual([]);
    expect(ofKind(await t.alerts('state=all&date=2026-11-27'), 'bad_rating')).toHaveLength(1);
    expect(await t.alerts('state=all&date=2026-11-26')).toEqual([]);

    const again = await t.server.api('POST', path, { token: t.supervisor, body: { note: '再次' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('alert_acknowledged');
    const missing = await t.server.api('POST', `/halls/${t.h}/alerts/a999999/ack`, {
      token: t.supervisor,
      body: { note: 'x' },
      lang: 'en',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      code: 'alert_not_found',
      message: 'Alert not found',
    });
    // the OpenAPI document, generated from the route list, has both endpoints and the query
    const doc = (await t.server.api('GET', '/openapi.json')).body;
    const list = doc.paths['/api/v1/halls/{hallId}/alerts'].get;
    expect(list.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:hallId', 'query:state', 'query:date']),
    );
    expect(
      doc.paths['/api/v1/halls/{hallId}/alerts/{alertId}/ack'].post.responses['409'],
    ).toBeDefined();
    const badQuery = await t.server.api('GET', `/halls/${t.h}/alerts?state=closed`, {
      token: t.supervisor,
    });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.code).toBe('invalid_request');
  });

  it('an overdue 回访 is a red alert until the follow-up is closed', async () => {
    const t = await hallWith(undefined, true);
    await t.at(3, '3', 'open');
    await t.issue('civil');
    await t.at(3, '3', 'call-next');
    await t.at(3, '3', 'start');
    await t.at(3, '3', 'finish', { outcome: 'done' });
    await t.server.api('POST', `/halls/${t.h}/windows/3/ratings`, {
      token: 'demo-evaluator',
      body: { score: 2, source: 'device' },
    });
    // the follow-up task is created by its job (or by the escalate run, whichever comes first)
    await t.server.followUps.escalateNow(t.h);
    // Friday's rating is due by the end of Wednesday (3 working days); on Thursday it is overdue
    t.clock.set('2026-12-03T09:00:00+08:00');
    expect((await t.server.followUps.escalateNow(t.h)).escalated).toHaveLength(1);
    await t.server.alerts.tick();
    const [overdue] = ofKind(await t.alerts(), 'follow_up_overdue');
    expect(overdue).toMatchObject({
      level: 'red',
      windowId: '3',
      clerkId: 'clerk3',
      number: 'B001',
    });
    const followUp = (
      await t.server.api('GET', `/halls/${t.h}/follow-ups`, { token: t.supervisor })
    ).body.followUps[0];
    await t.server.api('POST', `/halls/${t.h}/follow-ups/${followUp.id}/close`, {
      token: t.supervisor,
      body: { note: '已回访' },
    });
    await t.server.alerts.tick();
    expect(ofKind(await t.alerts(), 'follow_up_overdue')).toEqual([]);
  });

  it('an acknowledged yellow card opens again when it turns red', async () => {
    const t = await hallWith();
    await t.at(1, '1', 'open');
    await t.issue('labor');
    await t.after(3 * MINUTE);
    const [yellow] = ofKind(await t.alerts(), 'wait_limit');
    const ack = await t.server.api('POST', `/halls/${t.h}/alerts/${yellow?.id}/ack`, {
      token: t.supervisor,
      body: { note: '已安排' },
    });
    expect(ack.status).toBe(200);
    expect(ofKind(await t.alerts(), 'wait_limit')).toEqual([]);
    await t.after(5 * MINUTE);
    const [red] = ofKind(await t.alerts(), 'wait_limit');
    expect(red).toMatchObject({ id: yellow?.id, level: 'red', open: true });
    expect(red?.acknowledgedAt).toBeUndefined();
    expect(red?.history.map((s) => s.action)).toEqual(['raised', 'acknowledged', 'escalated']);
  });

  it('two server nodes raise each alert once', async () => {
    const clock = new TestClock(T0);
    const hall = sampleHall('demo');
    const a = await start(clock, hall);
    const b = await start(clock, hall);
    const kiosk = { token: 'demo-kiosk' };
    for (let i = 0; i < 5; i++) {
      await a.api('POST', `/halls/${hall.id}/tickets`, { ...kiosk, body: { serviceId: 'civil' } });
    }
    for (const ms of [31 * SECOND, 3 * MINUTE, 5 * MINUTE]) {
      clock.ms = T0 + ms;
      await Promise.all([a.alerts.tick(), b.alerts.tick(), a.alerts.tick(), b.alerts.tick()]);
    }
    const entries = (await a.redis.xrange(hallKeys(hall.id).events, '-', '+')) as [
      string,
      string[],
    ][];
    const count = (type: string) => entries.filter(([, f]) => f[1] === type).length;
    // five waiting tickets and one 空岗 (民政救济 has no open window)
    expect(count('alert.raised')).toBe(6);
    expect(count('alert.escalated')).toBe(5);
    const supervisor = await b.login('supervisor');
    const list = await b.api('GET', `/halls/${hall.id}/alerts`, { token: supervisor });
    expect(list.body.alerts).toHaveLength(6);
  });

  it('alerts and their running deadlines survive a server restart', async () => {
    const clock = new TestClock(T0);
    const hall = sampleHall('demo');
    const first = await start(clock, hall);
    const clerk = await first.login('clerk1');
    await first.api('POST', `/halls/${hall.id}/windows/1/open`, { token: clerk });
    await first.api('POST', `/halls/${hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'labor' },
    });
    clock.ms = T0 + 3 * MINUTE;
    await first.alerts.tick();
    // a pause starts before the restart and comes due after it
    await first.api('POST', `/halls/${hall.id}/windows/1/pause`, {
      token: clerk,
      body: { kind: 'brief' },
    });
    await servers.splice(servers.indexOf(first), 1)[0]?.close();

    const second = await start(clock, hall);
    const supervisor = await second.login('supervisor');
    const list = async () =>
      (await second.api('GET', `/halls/${hall.id}/alerts`, { token: supervisor })).body
        .alerts as Alert[];
    expect((await list()).map((a) => [a.kind, a.level])).toEqual([['wait_limit', 'yellow']]);
    clock.ms = T0 + 6 * MINUTE;
    await second.alerts.tick();
    const after = await list();
    expect(after.find((a) => a.kind === 'wait_limit')?.level).toBe('red');
    expect(after.find((a) => a.kind === 'pause_limit')?.level).toBe('yellow');
  });

  it('alert events reach supervisors live and never a clerk or the public', async () => {
    const t = await hallWith();
    const sup = recordHall(t.server.url, t.h, { token: t.supervisor });
    const clerk = recordHall(t.server.url, t.h, { token: await t.clerk(1) });
    const pub = recordHall(t.server.url, t.h);
    try {
      await waitUntil(
        () => sup.snapshots.length > 0 && clerk.snapshots.length > 0 && pub.snapshots.length > 0,
      );
      await t.issue('party');
      await t.after(30 * SECOND);
      await waitUntil(() => sup.events.some((e) => e.type === 'alert.raised'));
      const raised = sup.events.find((e) => e.type === 'alert.raised');
      expect(raised?.data).toMatchObject({
        kind: 'unstaffed_queue',
        level: 'red',
        serviceId: 'party',
      });
      await t.at(6, '6', 'open');
      await t.after(31 * SECOND);
      await waitUntil(() => sup.events.some((e) => e.type === 'alert.cleared'));
      await waitUntil(() => clerk.events.some((e) => e.type === 'window.opened'));
      await waitUntil(() => pub.events.some((e) => e.type === 'window.opened'));
      for (const other of [clerk, pub]) {
        expect(other.events.filter((e) => e.type.startsWith('alert.'))).toEqual([]);
      }
    } finally {
      sup.close();
      clerk.close();
      pub.close();
    }
  });
});

describe("the fold's net effect per batch", () => {
  const due = async (t: { server: TestServer; h: string }) =>
    (await t.server.redis.zrange(hallKeys(t.h).alertDue, 0, -1)).sort();

  it('a ticket issued, called, started and finished between two looks raises nothing and leaves no timer', async () => {
    const t = await hallWith();
    await t.at(1, '1', 'open');
    await t.after(0);
    expect(await due(t)).toEqual(['idle:1']);
    const ticket = await t.issue('labor');
    await t.at(1, '1', 'call-next');
    await t.at(1, '1', 'start');
    await t.after(30 * SECOND);
    await t.at(1, '1', 'finish', { outcome: 'done' });
    await t.after(40 * SECOND);
    // only the window's idle time runs, from the finish
    expect(await due(t)).toEqual(['idle:1']);
    const k = hallKeys(t.h);
    for (const c of ['wait', 'call', 'service'])
      expect(await t.server.redis.exists(k.alertCause(`${c}:${ticket.id}`)), c).toBe(0);
    // 脱岗 counts from the finish: due 10 minutes after it
    expect(Number(await t.server.redis.zscore(k.alertDue, 'idle:1'))).toBe(
      T0 + 30 * SECOND + 10 * MINUTE,
    );
    await t.after(30 * SECOND + 10 * MINUTE - SECOND);
    expect(await t.alerts('state=all')).toEqual([]);
    await t.after(30 * SECOND + 10 * MINUTE);
    expect((await t.alerts('state=all')).map((a) => [a.kind, a.windowId, a.since])).toEqual([
      ['idle_post', '1', '2026-11-27T10:00:30.000+08:00'],
    ]);
  });

  it('a running cause has no expiry while its deadline is ahead, and one once its card is red', async () => {
    const t = await hallWith();
    await t.at(1, '1', 'open');
    const ticket = await t.issue('labor');
    await t.after(SECOND);
    const key = hallKeys(t.h).alertCause(`wait:${ticket.id}`);
    expect(await t.server.redis.pttl(key)).toBe(-1);
    await t.after(3 * MINUTE);
    expect(await t.server.redis.pttl(key)).toBe(-1);
    await t.after(5 * MINUTE);
    expect(ofKind(await t.alerts(), 'wait_limit')[0]?.level).toBe('red');
    expect(await due(t)).not.toContain(`wait:${ticket.id}`);
    const ttl = await t.server.redis.pttl(key);
    expect(ttl).toBeGreaterThan(2 * 24 * 3600 * 1000);
    expect(ttl).toBeLessThanOrEqual(3 * 24 * 3600 * 1000);
    // the call still finds it and clears the red card
    await t.at(1, '1', 'call-next');
    await t.after(5 * MINUTE + SECOND);
    expect(ofKind(await t.alerts(), 'wait_limit')).toEqual([]);
    expect(await t.server.redis.exists(key)).toBe(0);
  });

  it('causes running when the server is upgraded, stored field by field, are raised and cleared alike', async () => {
    const t = await hallWith();
    await t.at(1, '1', 'open');
    const ticket = await t.issue('labor');
    await t.after(SECOND);
    // the wait as the fold wrote it before its data moved into one JSON field
    const k = hallKeys(t.h);
    const cause = `wait:${ticket.id}`;
    await t.server.redis.del(k.alertCause(cause));
    await t.server.redis.hset(k.alertCause(cause), {
      kind: 'wait_limit',
      start: T0,
      y: T0 + 3 * MINUTE,
      r: T0 + 5 * MINUTE,
      ly: 3,
      lr: 5,
      level: 'none',
      serviceId: 'labor',
      ticketId: ticket.id,
      number: ticket.number,
    });
    await t.server.redis.pexpire(k.alertCause(cause), 3 * 24 * 3600 * 1000);
    expect(Number(await t.server.redis.zscore(k.alertDue, cause))).toBe(T0 + 3 * MINUTE);
    await t.after(3 * MINUTE);
    expect(ofKind(await t.alerts(), 'wait_limit')).toMatchObject([
      { level: 'yellow', ticketId: ticket.id, number: ticket.number, limitMinutes: 3 },
    ]);
    await t.after(5 * MINUTE);
    expect(ofKind(await t.alerts(), 'wait_limit')[0]?.level).toBe('red');
    await t.at(1, '1', 'call-next');
    await t.after(5 * MINUTE + SECOND);
    expect(ofKind(await t.alerts(), 'wait_limit')).toEqual([]);
    expect(await t.events('alert.cleared')).toEqual([
      { alertId: expect.any(String), kind: 'wait_limit' },
    ]);
    expect(await t.server.redis.exists(k.alertCause(cause))).toBe(0);
  });

  it('two nodes folding at once while tickets come in keep each cause once and raise each alert once', async () => {
    const clock = new TestClock(T0);
    const hall = sampleHall('demo');
    const a = await start(clock, hall);
    const b = await start(clock, hall);
    const clerk = await a.login('clerk1');
    const path = `/halls/${hall.id}`;
    expect((await a.api('POST', `${path}/windows/1/open`, { token: clerk })).status).toBe(200);
    const issued: string[] = [];
    const called: string[] = [];
    for (let i = 0; i < 30; i++) {
      clock.ms = T0 + i * SECOND;
      const node = i % 2 ? a : b;
      const [ticket] = await Promise.all([
        node.api('POST', `${path}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'labor' } }),
        a.alerts.tick(),
        b.alerts.tick(),
      ]);
      issued.push(ticket.body.id as string);
      if (i % 3 === 2) {
        if (called.length > 0) {
          const [missed] = await Promise.all([
            node.api('POST', `${path}/windows/1/no-show`, { token: clerk }),
            a.alerts.tick(),
            b.alerts.tick(),
          ]);
          expect(missed.status).toBe(200);
        }
        const [call] = await Promise.all([
          node.api('POST', `${path}/windows/1/call-next`, { token: clerk }),
          b.alerts.tick(),
          a.alerts.tick(),
        ]);
        expect(call.status).toBe(200);
        called.push(call.body.id as string);
      }
    }
    await Promise.all([a.alerts.tick(), b.alerts.tick()]);
    const waiting = issued.filter((id) => !called.includes(id));
    const members = await a.redis.zrange(hallKeys(hall.id).alertDue, 0, -1);
    expect(members.filter((m) => m.startsWith('wait:')).sort()).toEqual(
      waiting.map((id) => `wait:${id}`).sort(),
    );
    // the ticket at the window is called; every one before it was a no-show and left no timer
    expect(members.filter((m) => m.startsWith('call:'))).toEqual([`call:${called.at(-1)}`]);

    clock.ms = T0 + 3 * MINUTE + 30 * SECOND;
    await Promise.all([a.alerts.tick(), b.alerts.tick(), a.alerts.tick(), b.alerts.tick()]);
    const entries = (await a.redis.xrange(hallKeys(hall.id).events, '-', '+')) as [
      string,
      string[],
    ][];
    const raised = entries
      .filter(([, f]) => f[1] === 'alert.raised')
      .map(([, f]) => JSON.parse(f[5] ?? '{}') as { kind: string; ticketId?: string });
    expect(
      raised
        .filter((r) => r.kind === 'wait_limit')
        .map((r) => r.ticketId)
        .sort(),
    ).toEqual([...waiting].sort());
    expect(raised.filter((r) => r.kind === 'call_limit').map((r) => r.ticketId)).toEqual([
      called.at(-1),
    ]);
  });
});

describe("the live board's timers", () => {
  it('shows how long each window has called, served or paused and each service the longest wait', async () => {
    const t = await hallWith();
    await t.at(1, '1', 'open');
    await t.at(3, '3', 'open');
    await t.issue('labor');
    await t.after(20 * SECOND);
    await t.issue('labor');
    await t.at(1, '1', 'call-next');
    await t.after(40 * SECOND);
    await t.at(3, '3', 'pause', { kind: 'closed' });
    await t.after(MINUTE);
    const r = await t.server.api('GET', `/halls/${t.h}/supervision`, { token: t.supervisor });
    expect(r.status).toBe(200);
    const win = (id: string) => r.body.windows.find((w: { windowId: string }) => w.windowId === id);
    expect(win('1')).toMatchObject({
      state: 'called',
      since: '2026-11-27T10:00:20.000+08:00',
      number: 'A001',
    });
    expect(win('3')).toMatchObject({ state: 'paused', since: '2026-11-27T10:00:40.000+08:00' });
    expect(win('2')).toMatchObject({ state: 'closed', since: null });
    const labor = r.body.services.find((s: { serviceId: string }) => s.serviceId === 'labor');
    expect(labor).toMatchObject({
      waiting: 1,
      longestWaitSince: '2026-11-27T10:00:20.000+08:00',
      longestWaitNumber: 'A002',
      staffed: true,
    });
    expect(
      r.body.limits.services.find((s: { serviceId: string }) => s.serviceId === 'labor'),
    ).toMatchObject({
      waitMinutes: { yellow: 3, red: 5 },
      serviceMinutes: { yellow: 10, red: 15 },
    });
    const byClerk = await t.server.api('GET', `/halls/${t.h}/supervision`, {
      token: await t.clerk(1),
    });
    expect(byClerk.status).toBe(403);
    // the clerk's desk carries the limits the console colours its timers by
    const desk = await t.server.api('GET', `/halls/${t.h}/staff/me`, { token: await t.clerk(1) });
    expect(desk.body.limits.hall.callMinutes).toEqual({ yellow: 1, red: 2 });
  });
});

describe('the transfer note', () => {
  it("reaches the target window's console before calling, and the called ticket", async () => {
    const t = await hallWith();
    await t.at(1, '1', 'open');
    await t.at(3, '3', 'open');
    const ticket = await t.issue('labor');
    await t.at(1, '1', 'call-next');
    await t.at(1, '1', 'start');
    const note = '低保申请，材料齐全，请核对收入证明';
    await t.at(1, '1', 'transfer', { toWindowId: '3', note });
    const upcoming = await t.server.api('GET', `/halls/${t.h}/windows/3/upcoming`, {
      token: await t.clerk(3),
    });
    expect(upcoming.body.tickets[0]).toMatchObject({
      id: ticket.id,
      reason: { code: 'window_queue', fromWindowId: '1', note },
    });
    const called = await t.at(3, '3', 'call-next');
    expect(called).toMatchObject({ id: ticket.id, reason: { fromWindowId: '1', note } });
    // the case record keeps it on the ticket and in a supervisors-only event
    expect(await t.server.redis.hget(hallKeys(t.h).ticket(ticket.id), 'transferNote')).toBe(note);
    expect(await t.events('ticket.transfer_noted')).toEqual([
      {
        ticketId: ticket.id,
        number: ticket.number,
        serviceId: 'labor',
        fromWindowId: '1',
        toWindowId: '3',
        clerkId: 'clerk1',
        note,
      },
    ]);
    // the stored event keeps the note for the case record; what the public sees never has it
    const [stored] = await t.events('ticket.transferred');
    expect(stored).toHaveProperty('note', note);
    const shown = toPublicEvent({
      id: '1-0',
      hallId: t.h,
      type: 'ticket.transferred',
      at: new Date(0).toISOString(),
      data: stored,
    } as HallEvent);
    expect(shown?.data).not.toHaveProperty('note');
  });
});
