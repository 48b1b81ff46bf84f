// Opening hours, holidays, make-up workdays, cut-off, quotas and midnight, with an injected clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const at = (local: string) => Date.parse(`${local}+08:00`);

describe('the township hall’s schedule', () => {
  const clock = new TestClock(at('2026-11-23T10:00:00'));
  let s: TestServer;
  let staff: string;
  beforeAll(async () => {
    s = await startTestServer(
      sampleHall('township', (h) => {
        h.services.find((x) => x.id === 'civil')!.dailyQuota = 2;
        // a holiday the national dataset does not list yet, declared by the hall
        h.schedule.overrides['2027-01-01'] = [];
      }),
      { clock },
    );
    staff = await s.login('clerk1');
  });
  afterAll(async () => {
    await s.close();
  });

  const issue = async (serviceId: string, when: string) => {
    clock.set(`${when}+08:00`);
    return s.api('POST', `/halls/${s.hall.id}/tickets`, { token: staff, body: { serviceId } });
  };
  const closed = (r: { status: number; body: any }) => ({
    status: r.status,
    code: r.body.error?.code,
    opensAt: r.body.error?.opensAt,
  });
  const service = async (id: string) =>
    (await s.api('GET', `/halls/${s.hall.id}`)).body.services.find(
      (x: { id: string }) => x.id === id,
    );

  it('issues on a Monday morning', async () => {
    const r = await issue('social', '2026-11-23T10:00:00');
    expect(r.status).toBe(201);
    expect(r.body.number).toBe('A001');
    expect(r.body.businessDay).toBe('2026-11-23');
  });

  it('stops issuing at the cut-off and over lunch, saying when it opens', async () => {
    expect(closed(await issue('social', '2026-11-23T11:31:00'))).toEqual({
      status: 409,
      code: 'service_closed',
      opensAt: '2026-11-23T14:30:00.000+08:00',
    });
    expect(closed(await issue('social', '2026-11-23T12:45:00'))).toMatchObject({
      code: 'service_closed',
      opensAt: '2026-11-23T14:30:00.000+08:00',
    });
    const snapshot = await service('social');
    expect(snapshot).toMatchObject({ open: false, opensAt: '2026-11-23T14:30:00.000+08:00' });
    expect((await issue('social', '2026-11-23T14:30:00')).status).toBe(201);
  });

  it('keeps a service’s own hours (不动产登记 mornings only, 60-minute cut-off)', async () => {
    expect((await issue('housing', '2026-11-24T10:00:00')).status).toBe(201);
    expect(closed(await issue('housing', '2026-11-24T11:05:00'))).toMatchObject({
      code: 'service_closed',
      opensAt: '2026-11-25T08:30:00.000+08:00',
    });
    expect(closed(await issue('housing', '2026-11-24T15:00:00')).code).toBe('service_closed');
  });

  it('closes on Friday afternoon and over the weekend until Monday', async () => {
    expect((await issue('social', '2026-11-27T09:00:00')).status).toBe(201);
    expect(closed(await issue('social', '2026-11-27T15:00:00'))).toEqual({
      status: 409,
      code: 'service_closed',
      opensAt: '2026-11-30T08:30:00.000+08:00',
    });
    expect(closed(await issue('social', '2026-11-28T10:00:00')).opensAt).toBe(
      '2026-11-30T08:30:00.000+08:00',
    );
  });

  it('closes on a statutory holiday and opens on a make-up Saturday (调休)', async () => {
    // 国庆节 2026: 1–7 October off; Saturday 10 October is a working day
    expect(closed(await issue('social', '2026-10-01T10:00:00'))).toMatchObject({
      code: 'service_closed',
      opensAt: '2026-10-08T08:30:00.000+08:00',
    });
    const saturday = await issue('social', '2026-10-10T10:00:00');
    expect(saturday.status).toBe(201);
    expect(saturday.body.businessDay).toBe('2026-10-10');
  });

  it('follows the hall’s own overrides of days (early closing, an extra holiday)', async () => {
    expect((await issue('social', '2026-12-31T09:00:00')).status).toBe(201);
    expect(closed(await issue('social', '2026-12-31T15:00:00'))).toMatchObject({
      code: 'service_closed',
      opensAt: '2027-01-04T08:30:00.000+08:00',
    });
  });

  it('stops a service at its daily quota and starts again the next day', async () => {
    expect((await issue('civil', '2026-11-25T09:00:00')).status).toBe(201);
    expect((await issue('civil', '2026-11-25T09:01:00')).status).toBe(201);
    const third = await issue('civil', '2026-11-25T09:02:00');
    expect({ status: third.status, code: third.body.error.code }).toEqual({
      status: 409,
      code: 'quota_exhausted',
    });
    expect(await service('civil')).toMatchObject({
      quotaLeft: 0,
      open: false,
      closedReason: 'quota_exhausted',
    });
    const nextDay = await issue('civil', '2026-11-26T09:00:00');
    expect(nextDay.status).toBe(201);
    expect(nextDay.body.number).toBe('B001');
  });
});

describe('closing time and midnight', () => {
  it('serves tickets still waiting after closing, and expires what is left at midnight', async () => {
    const clock = new TestClock(at('2026-11-23T16:50:00'));
    const s = await startTestServer(sampleHall('township'), { clock });
    try {
      const clerk = await s.login('clerk1');
      const issue = () =>
        s.api('POST', `/halls/${s.hall.id}/tickets`, {
          token: clerk,
          body: { serviceId: 'social' },
        });
      const tickets = [(await issue()).body, (await issue()).body, (await issue()).body];
      clock.set('2026-11-23T17:45:00+08:00'); // after closing: nobody is turned away
      const w1 = `/halls/${s.hall.id}/windows/1`;
      await s.api('POST', `${w1}/open`, { token: clerk });
      const late = await s.api('POST', `${w1}/call-next`, { token: clerk });
      expect(late.body).toMatchObject({ id: tickets[0].id, status: 'called' });
      expect((await s.api('GET', `/halls/${s.hall.id}`)).body.services[0].waiting).toBe(2);

      clock.set('2026-11-24T00:00:05+08:00');
      const expired = await s.halls.get(s.hall.id)!.rollOver();
      expect(expired).toBe(2);
      expect(await s.halls.get(s.hall.id)!.rollOver()).toBeNull(); // once per day
      for (const t of tickets.slice(1)) {
        const r = await s.api('GET', `/tickets/${t.id}`, { token: clerk });
        expect(r.body.status).toBe('expired');
      }
      const events = await s.redis.xrange(hallKeys(s.hall.id).events, '-', '+');
      const types = events.map(([, f]) => f[f.indexOf('type') + 1]);
      expect(types.filter((x) => x === 'ticket.expired')).toHaveLength(2);
      const rolled = events.find(([, f]) => f[f.indexOf('type') + 1] === 'day.rolled_over')!;
      expect(JSON.parse(rolled[1][rolled[1].indexOf('data') + 1]!)).toEqual({
        businessDay: '2026-11-24',
        expired: 2,
      });
      const snapshot = (await s.api('GET', `/halls/${s.hall.id}`)).body;
      expect(snapshot.businessDay).toBe('2026-11-24');
      expect(snapshot.services[0].waiting).toBe(0);

      clock.set('2026-11-24T08:31:00+08:00');
      const first = await issue();
      expect(first.body).toMatchObject({ number: 'A001', businessDay: '2026-11-24' });
    } finally {
      await s.close();
    }
  });
});
