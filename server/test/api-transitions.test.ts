// Every ticket and window transition of the API, and each named error an invalid one gets.
import { afterEach, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function demo(patch?: Parameters<typeof sampleHall>[1]): Promise<TestServer> {
  s = await startTestServer(sampleHall('demo', patch));
  return s;
}

function client(t: TestServer) {
  const hallPath = `/halls/${t.hall.id}`;
  return {
    issue: (serviceId: string, extra: Record<string, unknown> = {}) =>
      t.api('POST', `${hallPath}/tickets`, { token: 'demo-kiosk', body: { serviceId, ...extra } }),
    at: (token: string, windowId: string) => {
      const act = (action: string, body?: unknown) =>
        t.api('POST', `${hallPath}/windows/${windowId}/${action}`, {
          token,
          ...(body !== undefined ? { body } : {}),
        });
      return act;
    },
    events: async (type: string) => {
      const all = await t.redis.xrange(hallKeys(t.hall.id).events, '-', '+');
      return all
        .filter(([, f]) => f[f.indexOf('type') + 1] === type)
        .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1] ?? '{}'));
    },
  };
}

function expectError(r: { status: number; body: any }, status: number, code: string): void {
  expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status, code });
  expect(typeof r.body.error.message).toBe('string');
  expect(r.body.error.message.length).toBeGreaterThan(0);
}

describe('a ticket from issue to rating', () => {
  it('walks issue → called → recalled → serving → done → rated, each step an event', async () => {
    const t = await demo();
    const c = client(t);
    const token = await t.login('clerk3');
    const w3 = c.at(token, '3');

    const issued = await c.issue('civil');
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ number: 'B001', status: 'waiting', serviceId: 'civil' });
    expect(issued.body.waitingAhead).toBe(0);

    expectError(await w3('call-next'), 409, 'window_not_open');
    const opened = await w3('open');
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: '3', status: 'open', staffName: '张敏' });

    expectError(await w3('start'), 409, 'nothing_called');
    expectError(await w3('recall'), 409, 'nothing_called');
    expectError(await w3('no-show'), 409, 'nothing_called');
    expectError(await w3('finish', { outcome: 'done' }), 409, 'nothing_in_service');

    const called = await w3('call-next');
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ id: issued.body.id, status: 'called', windowId: '3' });
    expect(called.body.reason).toMatchObject({ code: 'oldest' });
    expect(called.body.reason.text).toContain('民政救济');
    expectError(await w3('call-next'), 409, 'window_busy');

    const recalled = await w3('recall');
    expect(recalled.status).toBe(200);
    expect(recalled.body.callCount).toBe(2);

    const started = await w3('start');
    expect(started.body.status).toBe('serving');
    expectError(await w3('recall'), 409, 'nothing_called');
    expectError(await w3('close'), 409, 'window_busy');

    const finished = await w3('finish', { outcome: 'done' });
    expect(finished.body).toMatchObject({ status: 'done', outcome: 'done' });

    const ratingPath = `/halls/${t.hall.id}/windows/3/ratings`;
    const phoneKey = new URL(issued.body.phoneUrl as string).searchParams.get('k');
    const rated = await t.api('POST', ratingPath, {
      token: 'demo-evaluator',
      body: { score: 5, source: 'device' },
    });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ ticketId: issued.body.id, score: 5, clerkId: 'clerk3' });
    expectError(
      await t.api('POST', ratingPath, {
        body: { score: 4, source: 'mobile', ticketId: issued.body.id, key: phoneKey },
      }),
      409,
      'already_rated',
    );

    const phone = await t.api('GET', `/tickets/${issued.body.id}?k=${phoneKey}`);
    expect(phone.body).toMatchObject({ status: 'done', number: 'B001', windowName: '3号窗口' });

    for (const type of [
      'ticket.issued',
      'window.opened',
      'ticket.called',
      'ticket.recalled',
      'ticket.started',
      'ticket.finished',
      'rating.recorded',
    ]) {
      expect(await c.events(type), type).toHaveLength(1);
    }
    const closed = await w3('close');
    expect(closed.body.status).toBe('closed');
    expect(await c.events('window.closed')).toEqual([
      { windowId: '3', clerkId: 'clerk3', auto: false },
    ]);
  });

  it('answers 204 to call-next when nobody waits, and nothing_to_rate when nothing was finished', async () => {
    const t = await demo();
    const token = await t.login('clerk4');
    const w4 = client(t).at(token, '4');
    await w4('open');
    const r = await w4('call-next');
    expect(r.status).toBe(204);
    expectError(
      await t.api('POST', `/halls/${t.hall.id}/windows/4/ratings`, {
        token: 'demo-evaluator',
        body: { score: 3, source: 'device' },
      }),
      409,
      'nothing_to_rate',
    );
  });

  it('stops recalls at the limit and refuses a rating after its time', async () => {
    const clock = new TestClock(Date.parse('2026-11-23T10:00:00+08:00'));
    s = await startTestServer(sampleHall('demo'), { clock });
    const t = s;
    const c = client(t);
    const w4 = c.at(await t.login('clerk4'), '4');
    await w4('open');
    await c.issue('family');
    await w4('call-next');
    for (let i = 0; i < 3; i++) expect((await w4('recall')).status).toBe(200);
    expectError(await w4('recall'), 409, 'recall_limit');
    await w4('start');
    await w4('finish', { outcome: 'consulted' });
    clock.advance(61_000);
    expectError(
      await t.api('POST', `/halls/${t.hall.id}/windows/4/ratings`, {
        token: 'demo-evaluator',
        body: { score: 5, source: 'device' },
      }),
      409,
      'nothing_to_rate',
    );
  });

  it('records missing materials on the ticket', async () => {
    const t = await demo();
    const c = client(t);
    const w4 = c.at(await t.login('clerk4'), '4');
    await w4('open');
    await c.issue('family');
    await w4('call-next');
    await w4('start');
    const r = await w4('finish', { outcome: 'materials_missing', missingMaterials: ['结婚证'] });
    expect(r.body).toMatchObject({ outcome: 'materials_missing', missingMaterials: ['结婚证'] });
  });
});

describe('the hall rules', () => {
  it('returns the same ticket for a repeated requestId, never a second one', async () => {
    const t = await demo();
    const c = client(t);
    const body = { requestId: 'tap-7f3a9c' };
    const [a, b, d] = await Promise.all([
      c.issue('labor', body),
      c.issue('labor', body),
      c.issue('labor', body),
    ]);
    const statuses = [a, b, d].map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 201]);
    expect(new Set([a, b, d].map((r) => r.body.id)).size).toBe(1);
    const other = await c.issue('labor', { requestId: 'tap-other' });
    expect(other.body.number).toBe('A002');
    expect(await c.events('ticket.issued')).toHaveLength(2);
  });

  it('interleaves the green channel: at most two green in a row while normal tickets wait', async () => {
    const t = await demo();
    const c = client(t);
    const n1 = await c.issue('civil');
    const g1 = await c.issue('civil', { priority: 'green' });
    const g2 = await c.issue('civil', { priority: 'green' });
    const g3 = await c.issue('civil', { priority: 'green' });
    const n2 = await c.issue('civil');
    const w3 = c.at(await t.login('clerk3'), '3');
    await w3('open');
    const order: { number: string; code: string; text: string }[] = [];
    for (;;) {
      const r = await w3('call-next');
      if (r.status === 204) break;
      order.push({ number: r.body.number, code: r.body.reason.code, text: r.body.reason.text });
      await w3('start');
      await w3('finish', { outcome: 'done' });
    }
    expect(order.map((o) => o.number)).toEqual([
      g1.body.number,
      g2.body.number,
      n1.body.number,
      g3.body.number,
      n2.body.number,
    ]);
    expect(order.map((o) => o.code)).toEqual([
      'green',
      'green',
      'green_interleave',
      'green',
      'oldest',
    ]);
    expect(order[2]!.text).toMatch(/2/);
  });

  it('puts a transferred ticket at the front of its target window and keeps its first window', async () => {
    const t = await demo();
    const c = client(t);
    await c.issue('civil'); // B001 waits at window 3 already
    const a = await c.issue('labor');
    const w1 = c.at(await t.login('clerk1'), '1');
    const w3 = c.at(await t.login('clerk3'), '3');
    await w1('open');
    await w3('open');
    await w1('call-next');
    expectError(await w1('transfer', { toWindowId: '1' }), 409, 'transfer_to_self');
    expectError(await w1('transfer', {}), 400, 'invalid_request');
    expectError(
      await w1('transfer', { toWindowId: '3', toServiceId: 'civil' }),
      400,
      'invalid_request',
    );
    expectError(await w1('transfer', { toWindowId: '99' }), 404, 'window_not_found');
    expectError(await w1('transfer', { toServiceId: 'nope' }), 404, 'service_not_found');
    const moved = await w1('transfer', { toWindowId: '3', note: '需民政审核' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'transferred', firstWindowId: '1' });
    const next = await w3('call-next');
    expect(next.body).toMatchObject({
      id: a.body.id,
      firstWindowId: '1',
      transferredFromWindowId: '1',
    });
    expect(next.body.reason).toMatchObject({ code: 'window_queue', fromWindowId: '1' });
    expect(next.body.reason.text).toBe('由1号窗口转来本窗口，优先办理');
    // a transfer to a service goes to the front of that service's queue, ahead of older tickets
    await w3('start');
    await c.issue('labor');
    const toService = await w3('transfer', { toServiceId: 'labor' });
    expect(toService.body.firstWindowId).toBe('1');
    const back = await w1('call-next');
    expect(back.body).toMatchObject({ id: a.body.id, firstWindowId: '1' });
    expect(back.body.reason).toMatchObject({ code: 'transferred', fromWindowId: '3' });
    expect(await c.events('ticket.transferred')).toHaveLength(2);
  });

  it('lets a no-show come back a configured number of places behind the head', async () => {
    const t = await demo();
    const c = client(t);
    const tickets = [];
    for (let i = 0; i < 5; i++) tickets.push((await c.issue('family')).body);
    const w4 = c.at(await t.login('clerk4'), '4');
    await w4('open');
    const first = await w4('call-next');
    expect(first.body.id).toBe(tickets[0].id);
    expectError(await w4('requeue', { ticketId: tickets[1].id }), 409, 'not_no_show');
    const missed = await w4('no-show');
    expect(missed.body.status).toBe('no_show');
    const back = await w4('requeue', { ticketId: tickets[0].id });
    expect(back.body).toMatchObject({ status: 'waiting', requeued: true });
    // two places behind the head (demo rule): C002, C003, then C001
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await w4('call-next');
      order.push(r.body.number);
      if (r.body.id === tickets[0].id) expect(r.body.reason.code).toBe('requeued');
      await w4('start');
      await w4('finish', { outcome: 'done' });
    }
    expect(order).toEqual(['C002', 'C003', 'C001']);
  });

  it('refuses a no-show before the configured number of calls', async () => {
    const t = await demo((h) => {
      h.rules.noShowAfterCalls = 2;
    });
    const c = client(t);
    await c.issue('family');
    const w4 = c.at(await t.login('clerk4'), '4');
    await w4('open');
    await w4('call-next');
    expectError(await w4('no-show'), 409, 'no_show_too_early');
    await w4('recall');
    expect((await w4('no-show')).body.status).toBe('no_show');
  });

  it('calls a chosen ticket out of order with its reason recorded', async () => {
    const t = await demo();
    const c = client(t);
    await c.issue('finance');
    const second = (await c.issue('construction')).body;
    const civil = (await c.issue('civil')).body;
    const w5 = c.at(await t.login('clerk5'), '5');
    await w5('open');
    expectError(
      await w5('call', { ticketId: civil.id, reason: '行动不便' }),
      409,
      'not_served_here',
    );
    expectError(
      await w5('call', { ticketId: `${t.hall.id}.nope`, reason: 'x' }),
      404,
      'ticket_not_found',
    );
    expectError(await w5('call', { ticketId: second.id }), 400, 'invalid_request');
    const r = await w5('call', { ticketId: second.id, reason: '行动不便，优先办理' });
    expect(r.body.reason).toMatchObject({ code: 'chosen', note: '行动不便，优先办理' });
    await w5('start');
    await w5('finish', { outcome: 'done' });
    expectError(await w5('call', { ticketId: second.id, reason: '再次' }), 409, 'not_waiting');
    const [event] = await c.events('ticket.called');
    expect(event).toMatchObject({ ticketId: second.id, reason: 'chosen' });
  });

  it('serves a window’s services oldest-first across them (一窗多能)', async () => {
    const t = await demo();
    const c = client(t);
    const e1 = (await c.issue('construction')).body;
    const d1 = (await c.issue('finance')).body;
    const w5 = c.at(await t.login('clerk5'), '5');
    await w5('open');
    const up = await t.api('GET', `/halls/${t.hall.id}/windows/5/upcoming`, {
      token: await t.login('clerk6'),
    });
    expect(up.body.tickets.map((x: { id: string }) => x.id)).toEqual([e1.id, d1.id]);
    expect((await w5('call-next')).body.id).toBe(e1.id);
  });

  it('keeps a clerk to one window and a window to one clerk', async () => {
    const t = await demo();
    const c = client(t);
    const one = await t.login('clerk1');
    const two = await t.login('clerk2');
    expect((await c.at(one, '1')('open')).status).toBe(200);
    expectError(await c.at(two, '1')('open'), 409, 'window_taken');
    expectError(await c.at(one, '2')('open'), 409, 'clerk_elsewhere');
    expectError(await c.at(two, '1')('call-next'), 403, 'forbidden');
  });

  it('pauses and resumes a window', async () => {
    const t = await demo();
    const c = client(t);
    await c.issue('family');
    const w4 = c.at(await t.login('clerk4'), '4');
    await w4('open');
    const paused = await w4('pause', { kind: 'brief' });
    expect(paused.body.status).toBe('brief_pause');
    expectError(await w4('call-next'), 409, 'window_paused');
    const snap = await t.api('GET', `/halls/${t.hall.id}`);
    expect(snap.body.windows.find((w: { id: string }) => w.id === '4').status).toBe('brief_pause');
    expect((await w4('pause', { kind: 'closed', note: '系统维护' })).body.status).toBe('paused');
    expect((await w4('resume')).body.status).toBe('open');
    expect((await w4('call-next')).status).toBe(200);
    expectError(await w4('pause', { kind: 'brief' }), 409, 'window_busy');
  });

  it('speaks English when asked to', async () => {
    const t = await demo();
    const r = await t.api('POST', `/halls/${t.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'nope' },
      lang: 'en-US,en;q=0.9',
    });
    expect(r.body.error.code).toBe('service_not_found');
    expect(r.body.error.message).toMatch(/^Service not found/);
    const zh = await t.api('POST', `/halls/${t.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'nope' },
    });
    expect(zh.body.error.message).toMatch(/^找不到该业务/);
    const en = await t.api('GET', `/halls/${t.hall.id}`, { lang: 'en' });
    expect(en.body.windows.find((w: { id: string }) => w.id === '3').name).toBe('Window 3');
    expect(en.body.services.find((x: { id: string }) => x.id === 'civil').name).toBe(
      'Civil Affairs & Relief',
    );
  });
});
