import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HolidayCalendar } from '../src/domain/calendar.js';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

/** Weekdays work, weekends do not; 2026-11-27 is a Friday. */
const weekdays: HolidayCalendar = (date) => {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6 ? 'weekend' : 'workday';
};

describe('ratings, 未评价 and follow-ups (回访)', () => {
  const clock = new TestClock(Date.parse('2026-11-27T10:00:00+08:00'));
  let server: TestServer;
  let clerk: string;
  let supervisor: string;
  let h: string;

  beforeAll(async () => {
    server = await startTestServer(
      sampleHall('demo', (hall) => {
        hall.devices.push({
          id: 'tablet-3',
          kind: 'display',
          token: 'tablet-window-3',
          windowId: '3',
        });
      }),
      { clock, calendar: weekdays, jobs: true },
    );
    h = server.hall.id;
    clerk = await server.login('clerk3');
    supervisor = await server.login('supervisor');
    expect((await server.api('POST', `/halls/${h}/windows/3/open`, { token: clerk })).status).toBe(
      200,
    );
  });
  afterAll(() => server?.close());

  /** Issues, calls, serves and finishes one ticket at window 3 (民政救济). */
  async function serveOne(): Promise<string> {
    const issued = await server.api('POST', `/halls/${h}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'civil' },
    });
    for (const action of ['call-next', 'start']) {
      expect(
        (await server.api('POST', `/halls/${h}/windows/3/${action}`, { token: clerk })).status,
      ).toBe(200);
    }
    const finished = await server.api('POST', `/halls/${h}/windows/3/finish`, {
      token: clerk,
      body: { outcome: 'done' },
    });
    expect(finished.body.ratingStatus).toBe('awaiting');
    // the key of the phone link (the ticket's QR code): what proves a phone holds the ticket
    phoneKeys.set(issued.body.id, new URL(issued.body.phoneUrl).searchParams.get('k') ?? '');
    return issued.body.id as string;
  }
  const phoneKeys = new Map<string, string>();
  const read = (id: string) => server.api('GET', `/tickets/${id}?k=${phoneKeys.get(id) ?? ''}`);

  const rate = (body: object, token?: string) =>
    server.api('POST', `/halls/${h}/windows/3/ratings`, { body, ...(token ? { token } : {}) });

  async function events(type: string): Promise<Record<string, unknown>[]> {
    const entries = (await server.redis.xrange(hallKeys(h).events, '-', '+')) as [
      string,
      string[],
    ][];
    return entries
      .filter(([, f]) => f[f.indexOf('type') + 1] === type)
      .map(([, f]) => JSON.parse(f[f.indexOf('data') + 1] ?? '{}'));
  }

  it('the evaluator, the window tablet and the phone all rate through one endpoint, once per ticket', async () => {
    const a = await serveOne();
    const byDevice = await rate({ score: 5, source: 'device' }, 'demo-evaluator');
    expect(byDevice.status).toBe(201);
    expect(byDevice.body).toMatchObject({
      ticketId: a,
      windowId: '3',
      clerkId: 'clerk3',
      serviceId: 'civil',
      score: 5,
      source: 'device',
    });
    expect(
      (await rate({ score: 1, source: 'device', ticketId: a }, 'demo-evaluator')).body.error.code,
    ).toBe('already_rated');

    const b = await serveOne();
    expect((await rate({ score: 4, source: 'screen' }, 'tablet-window-3')).status).toBe(201);
    const c = await serveOne();
    // the phone page proves itself with the key of its link, not with the (public) ticket id
    const key = phoneKeys.get(c);
    expect((await rate({ score: 3, source: 'mobile', ticketId: c, key })).status).toBe(201);
    expect((await rate({ score: 3, source: 'mobile', ticketId: c, key })).status).toBe(409);

    for (const [id, status] of [
      [a, 'rated'],
      [b, 'rated'],
      [c, 'rated'],
    ]) {
      expect((await read(id ?? '')).body.ratingStatus).toBe(status);
    }
  });

  it("an unanswered prompt times out into 未评价, and the clerk's counts show it", async () => {
    const t = await serveOne();
    clock.advance(61_000);
    const ticket = await read(t);
    expect(ticket.body.ratingStatus).toBe('unrated');
    expect(ticket.body.rating).toBeUndefined();
    expect((await rate({ score: 5, source: 'device' }, 'demo-evaluator')).body.error.code).toBe(
      'nothing_to_rate',
    );
    const stats = await server.api('GET', `/halls/${h}/rating-stats/2026-11-27`, {
      token: supervisor,
    });
    expect(stats.status).toBe(200);
    expect(stats.body.period).toBe('2026-11-27');
    expect(stats.body.clerks).toEqual([
      {
        clerkId: 'clerk3',
        offered: 4,
        rated: 3,
        unrated: 1,
        bad: 0,
        ratedRate: 0.75,
        averageScore: 4,
      },
    ]);
    expect(
      (await server.api('GET', `/halls/${h}/rating-stats/2026-11-27`, { token: clerk })).status,
    ).toBe(403);
  });

  it('a rating the evaluator queued while the server was unreachable counts from when it was pressed', async () => {
    const t = await serveOne();
    const pressedAt = new Date(clock.now() + 10_000).toISOString();
    clock.advance(5 * 60_000);
    const late = await rate(
      { score: 4, source: 'device', ticketId: t, pressedAt },
      'demo-evaluator',
    );
    expect(late.status).toBe(201);
    expect((await read(t)).body.ratingStatus).toBe('rated');

    const u = await serveOne();
    const tooLate = new Date(clock.now() + 61_000).toISOString();
    clock.advance(5 * 60_000);
    expect(
      (
        await rate(
          { score: 4, source: 'device', ticketId: u, pressedAt: tooLate },
          'demo-evaluator',
        )
      ).body.error.code,
    ).toBe('nothing_to_rate');
    // only devices may say when they were pressed
    const v = await serveOne();
    const phone = await rate({
      score: 5,
      source: 'mobile',
      ticketId: v,
      key: phoneKeys.get(v),
      pressedAt: new Date(clock.now()).toISOString(),
    });
    expect(phone.status).toBe(400);
    expect(phone.body.error.field).toBe('pressedAt');
  });

  let badTicket = '';

  it('a bad rating alerts the supervisor and its follow-up job creates a task due in 3 working days', async () => {
    badTicket = await serveOne();
    expect((await rate({ score: 1, source: 'device' }, 'demo-evaluator')).status).toBe(201);
    expect(await events('rating.alert')).toEqual([
      expect.objectContaining({ ticketId: badTicket, windowId: '3', clerkId: 'clerk3', score: 1 }),
    ]);

    const job = await server.followUps.jobQueue!.getJob(`create.${badTicket}`);
    expect(job?.name).toBe('create');
    await expect
      .poll(
        async () => (await server.followUps.jobQueue!.getJob(`create.${badTicket}`))?.finishedOn,
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(0);

    const list = await server.api('GET', `/halls/${h}/follow-ups`, { token: supervisor });
    expect(list.status).toBe(200);
    // rated on Friday 27 November: Monday, Tuesday, Wednesday; due at the end of Wednesday
    expect(list.body.followUps).toEqual([
      expect.objectContaining({
        id: badTicket,
        ticketId: badTicket,
        windowId: '3',
        clerkId: 'clerk3',
        serviceId: 'civil',
        score: 1,
        status: 'open',
        overdue: false,
        dueAt: '2026-12-02T23:59:59.999+08:00',
      }),
    ]);
    expect(await events('follow_up.created')).toEqual([
      expect.objectContaining({ followUpId: badTicket, dueAt: '2026-12-02T23:59:59.999+08:00' }),
    ]);
    expect((await server.api('GET', `/halls/${h}/follow-ups`, { token: clerk })).status).toBe(403);
  });

  it('an overdue task is escalated once', async () => {
    // Wednesday evening: still in time
    clock.set('2026-12-02T20:00:00+08:00');
    expect((await server.followUps.escalateNow(h)).escalated).toEqual([]);
    // Thursday morning: overdue
    clock.set('2026-12-03T09:00:00+08:00');
    expect((await server.followUps.escalateNow(h)).escalated).toEqual([badTicket]);
    expect((await server.followUps.escalateNow(h)).escalated).toEqual([]);
    expect(await events('follow_up.escalated')).toEqual([
      expect.objectContaining({
        followUpId: badTicket,
        clerkId: 'clerk3',
        dueAt: '2026-12-02T23:59:59.999+08:00',
      }),
    ]);
    const [task] = (await server.api('GET', `/halls/${h}/follow-ups`, { token: supervisor })).body
      .followUps;
    expect(task).toMatchObject({ overdue: true, escalatedAt: '2026-12-03T09:00:00.000+08:00' });
  });

  it('a supervisor closes the task with a note, once', async () => {
    const close = (id: string, token: string, note = '已电话回访，群众表示理解') =>
      server.api('POST', `/halls/${h}/follow-ups/${id}/close`, { token, body: { note } });
    expect((await close(badTicket, clerk)).status).toBe(403);
    const closed = await close(badTicket, supervisor);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      overdue: false,
      closedBy: 'supervisor',
      note: '已电话回访，群众表示理解',
    });
    expect((await close(badTicket, supervisor)).body.error.code).toBe('follow_up_closed');
    expect((await close(`${h}.nope`, supervisor)).body.error.code).toBe('follow_up_not_found');
    expect(
      (
        await server.api('POST', `/halls/${h}/follow-ups/${badTicket}/close`, {
          token: supervisor,
          body: { note: '' },
        })
      ).body.error,
    ).toMatchObject({ code: 'invalid_request' });
    const [event] = await events('follow_up.closed');
    expect(event).toEqual({ followUpId: badTicket, ticketId: badTicket, closedBy: 'supervisor' });
  });

  it('the new endpoints are in the OpenAPI document', async () => {
    const doc = await server.api('GET', '/openapi.json');
    const paths = Object.keys(doc.body.paths as object).join(' ');
    for (const path of ['follow-ups', 'follow-ups/{followUpId}/close', 'rating-stats/{period}']) {
      expect(paths).toContain(`/halls/{hallId}/${path}`);
    }
  });

  it('a bad rating whose job was never queued still gets its task from the next escalate run', async () => {
    const t = await serveOne();
    // as if the server stopped between storing the rating and queuing the job
    const followUps = server.followUps;
    // on every node (two under npm run test:cluster)
    const halls = (server.nodes ?? [server]).map((n) => n.halls.get(h)!);
    const saved = halls.map((x) => x.followUps);
    for (const x of halls) x.followUps = null;
    try {
      expect((await rate({ score: 2, source: 'device' }, 'demo-evaluator')).status).toBe(201);
    } finally {
      halls.forEach((x, i) => (x.followUps = saved[i] ?? null));
    }
    expect(await server.redis.smembers(hallKeys(h).followUpsPending)).toEqual([t]);
    expect((await followUps.escalateNow(h)).created).toBe(1);
    expect(await server.redis.smembers(hallKeys(h).followUpsPending)).toEqual([]);
    const list = (await server.api('GET', `/halls/${h}/follow-ups`, { token: supervisor })).body
      .followUps;
    expect(list[0]).toMatchObject({ id: t, score: 2, status: 'open' });
    // this one was served on Thursday 3 December: the month's counts hold it
    const month = await server.api('GET', `/halls/${h}/rating-stats/2026-12`, {
      token: supervisor,
    });
    expect(month.body).toEqual({
      period: '2026-12',
      clerks: [
        {
          clerkId: 'clerk3',
          offered: 1,
          rated: 1,
          unrated: 0,
          bad: 1,
          ratedRate: 1,
          averageScore: 2,
        },
      ],
    });
  });
});
