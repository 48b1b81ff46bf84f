// Check-in with an appointment through the ticket request (预约签到), on the township hall's real
// opening hours with an injected clock: 2026-11-30 is a Monday, the hall opens at 08:30, check-in
// opens 30 minutes before a slot and closes 15 minutes after its start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const KIOSK = 'township-kiosk-token';
const at = (local: string) => `2026-11-30T${local}:00.000+08:00`;

async function eventsOf(s: TestServer, type: string): Promise<{ data: any }[]> {
  const all = await s.redis.xrange(hallKeys(s.hall.id).events, '-', '+');
  return all
    .map(([, f]) => ({ type: f[1], data: JSON.parse(f[5] ?? '{}') }))
    .filter((e) => e.type === type);
}

describe('check-in at the kiosk', () => {
  const clock = new TestClock(Date.parse(at('08:00')));
  let s: TestServer;
  let h: string;
  let clerk: string;
  const book = async (slot: string, phone?: string, serviceId = 'social') => {
    const r = await s.api('POST', `/halls/${h}/appointments`, {
      token: clerk,
      body: { serviceId, slotStart: at(slot), ...(phone ? { phone } : {}) },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.code as string;
  };
  const take = (body: object, token = KIOSK, lang?: string) =>
    s.api('POST', `/halls/${h}/tickets`, { token, body, ...(lang ? { lang } : {}) });

  beforeAll(async () => {
    s = await startTestServer(sampleHall('township'), { clock });
    h = s.hall.id;
    clerk = await s.login('clerk1');
  });
  afterAll(() => s?.close());

  it('too early: says when to come back and issues nothing; on time: appointment priority', async () => {
    clock.set(at('08:00'));
    const code = await book('09:00');
    clock.set(at('08:20'));
    const early = await take({ appointmentCode: code });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'appointment_too_early',
      comeBackAt: at('08:30'),
    });
    expect(early.body.error.message).toMatch(/签到时间/);
    expect(await s.redis.hget(hallKeys(h).appointment(code), 'status')).toBe('booked');

    clock.set(at('08:40'));
    // typed as the console shows it: lower case, a space and a dash
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 6)}-${code.slice(6)}`;
    const r = await take({ appointmentCode: typed });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      serviceId: 'social',
      priority: 'appointment',
      checkIn: 'on_time',
      status: 'waiting',
    });
    expect(r.body.appointmentId).toBeTruthy();
    expect(r.body.appointmentCode).toBeUndefined();
    expect(await s.redis.hget(hallKeys(h).appointment(code), 'status')).toBe('checked_in');
    expect(await s.redis.hget(hallKeys(h).appointment(code), 'ticketId')).toBe(r.body.id);
    // the day's list at the counter says so
    const listed = (
      await s.api('GET', `/halls/${h}/appointments?date=2026-11-30`, { token: clerk })
    ).body.appointments.find((x: { code: string }) => x.code === code);
    expect(listed).toMatchObject({
      status: 'checked_in',
      checkIn: 'on_time',
      checkedInAt: at('08:40'),
      ticketId: r.body.id,
    });

    // the events carry the appointment's id, never its code
    const issued = (await eventsOf(s, 'ticket.issued')).find((e) => e.data.ticketId === r.body.id);
    expect(issued?.data).toMatchObject({
      priority: 'appointment',
      checkIn: 'on_time',
      appointmentId: r.body.appointmentId,
    });
    const raw = JSON.stringify(await s.redis.xrange(hallKeys(h).events, '-', '+'));
    expect(raw).not.toContain(code);
    const checked = await eventsOf(s, 'appointment.checked_in');
    expect(checked.at(-1)?.data).toMatchObject({ ticketId: r.body.id, checkIn: 'on_time' });

    // used: refused, in Chinese by default and in English when asked
    const again = await take({ appointmentCode: code });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'appointment_used',
      message: '该预约码已签到使用',
    });
    const en = await take({ appointmentCode: code }, KIOSK, 'en');
    expect(en.body.error.message).toBe('This appointment was already checked in');
  });

  it('too late: a normal ticket that says so', async () => {
    clock.set(at('08:00'));
    const code = await book('08:30');
    clock.set(at('08:50'));
    const r = await take({ appointmentCode: code });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ priority: 'normal', checkIn: 'late' });
    expect(await s.redis.hget(hallKeys(h).appointment(code), 'status')).toBe('checked_in');
  });

  it('refuses a wrong code, a cancelled appointment and another service, changing nothing', async () => {
    clock.set(at('08:00'));
    const cancelled = await book('10:00');
    expect(
      (await s.api('DELETE', `/halls/${h}/appointments/${cancelled}`, { token: clerk })).status,
    ).toBe(200);
    const other = await book('10:00');
    clock.set(at('09:45'));
    const before = await s.redis.xlen(hallKeys(h).events);

    const wrong = await take({ appointmentCode: 'ZZZZ2222' });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toMatchObject({
      code: 'appointment_not_found',
      message: '找不到该预约，请核对预约码',
    });
    const gone = await take({ appointmentCode: cancelled });
    expect(gone.status).toBe(409);
    expect(gone.body.error).toMatchObject({
      code: 'appointment_cancelled',
      message: '该预约已取消',
    });
    const elsewhere = await take({ appointmentCode: other, serviceId: 'civil' });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('appointment_other_service');
    expect(await s.redis.xlen(hallKeys(h).events)).toBe(before);
    expect(await s.redis.hget(hallKeys(h).appointment(other), 'status')).toBe('booked');

    // the same code with its own service, or none, is checked in
    const right = await take({ appointmentCode: other, serviceId: 'social' });
    expect(right.status).toBe(201);
    expect(right.body.priority).toBe('appointment');
  });

  it('checks in by the phone number the appointment was booked with', async () => {
    clock.set(at('08:00'));
    await book('11:00', '13912345678');
    const code = await book('11:00', '13812345678');
    // the day's phone index serves check-in only: it goes a day after the slot's end
    const ttl = await s.redis.pttl(hallKeys(h).appointmentPhones('2026-11-30'));
    expect(ttl).toBeGreaterThan(27 * 3600_000);
    expect(ttl).toBeLessThanOrEqual(27.5 * 3600_000);
    clock.set(at('10:50'));
    const none = await take({ appointmentPhone: '13700000000' });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('appointment_not_found');
    const r = await take({ appointmentPhone: '13812345678' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ priority: 'appointment', checkIn: 'on_time' });
    expect(await s.redis.hget(hallKeys(h).appointment(code), 'ticketId')).toBe(r.body.id);
    // the number is not shown with the ticket
    expect(JSON.stringify(r.body)).not.toContain('13812345678');
    const again = await take({ appointmentPhone: '13812345678' });
    expect(again.body.error.code).toBe('appointment_used');
  });

  it('two kiosks racing with one code: one ticket', async () => {
    clock.set(at('08:00'));
    const code = await book('11:30');
    clock.set(at('11:10'));
    const tickets = await s.redis.zcard(hallKeys(h).dayTickets('2026-11-30'));
    const results = await Promise.all(
      Array.from({ length: 8 }, () => take({ appointmentCode: code })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body.error.code).toBe('appointment_used');
    expect(await s.redis.zcard(hallKeys(h).dayTickets('2026-11-30'))).toBe(tickets + 1);
  });

  it('预约延时服务 after hours: issued on time although the service is closed', async () => {
    clock.set(at('08:00'));
    const booked = await s.api('POST', `/halls/${h}/appointments`, {
      token: clerk,
      body: { serviceId: 'social', slotStart: at('18:00'), kind: 'after_hours', clerkId: 'clerk1' },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    clock.set(at('17:45'));
    const walkIn = await take({ serviceId: 'social' });
    expect(walkIn.status).toBe(409);
    expect(walkIn.body.error.code).toBe('service_closed');
    const r = await take({ appointmentCode: booked.body.code });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ priority: 'appointment', checkIn: 'on_time' });
  });

  it('a retry of the same request gets the same ticket, not "used"', async () => {
    clock.set(at('08:00'));
    const code = await book('11:30');
    clock.set(at('11:10'));
    const first = await take({ appointmentCode: code, requestId: 'retry-1' });
    const retry = await take({ appointmentCode: code, requestId: 'retry-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
  });
});

describe('appointments interleave with the green channel and normal tickets', () => {
  const clock = new TestClock(Date.parse(at('08:00')));
  let s: TestServer;
  let h: string;

  beforeAll(async () => {
    s = await startTestServer(sampleHall('township'), { clock });
    h = s.hall.id;
  });
  afterAll(() => s?.close());

  it('calls P1 P2 G1 P3 G2 N1 G3 N2 N3 with each reason, as docs/appointments.md says', async () => {
    const clerk = await s.login('clerk1');
    const codes: string[] = [];
    for (const slot of ['09:00', '09:00', '09:30']) {
      const r = await s.api('POST', `/halls/${h}/appointments`, {
        token: clerk,
        body: { serviceId: 'social', slotStart: at(slot) },
      });
      codes.push(r.body.code as string);
    }
    clock.set(at('09:05'));
    const number = new Map<string, string>();
    const issue = async (name: string, body: object) => {
      const r = await s.api('POST', `/halls/${h}/tickets`, { token: KIOSK, body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      number.set(r.body.number as string, name);
    };
    // they arrive mixed: normal and green first, appointments later
    await issue('N1', { serviceId: 'social' });
    await issue('G1', { serviceId: 'social', priority: 'green' });
    await issue('N2', { serviceId: 'social' });
    await issue('P1', { appointmentCode: codes[0] });
    await issue('G2', { serviceId: 'social', green: true });
    await issue('P2', { appointmentCode: codes[1] });
    await issue('N3', { serviceId: 'social' });
    await issue('G3', { serviceId: 'social', priority: 'green' });
    await issue('P3', { appointmentCode: codes[2] });

    const w = `/halls/${h}/windows/1`;
    expect((await s.api('POST', `${w}/open`, { token: clerk })).status).toBe(200);
    const order: string[] = [];
    const reasons: string[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await s.api('POST', `${w}/call-next`, { token: clerk });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      order.push(number.get(r.body.number as string) ?? '?');
      reasons.push(r.body.reason.code as string);
      if (i === 0) expect(r.body.reason.text).toBe('预约（连续第1位）');
      if (i === 2) expect(r.body.reason.text).toBe('已连续叫2位预约，轮到绿色通道或普通号');
      await s.api('POST', `${w}/start`, { token: clerk });
      await s.api('POST', `${w}/finish`, { token: clerk, body: { outcome: 'done' } });
      clock.advance(70_000); // past the rating window
    }
    expect(order).toEqual(['P1', 'P2', 'G1', 'P3', 'G2', 'N1', 'G3', 'N2', 'N3']);
    expect(reasons).toEqual([
      'appointment',
      'appointment',
      'appointment_interleave',
      'appointment',
      'green',
      'green_interleave',
      'green',
      'oldest',
      'oldest',
    ]);
    // the ledger shows the appointment mark and the call reason
    const sup = await s.login('supervisor');
    const cases = (await s.api('GET', `/halls/${h}/cases?date=2026-11-30`, { token: sup })).body
      .cases as any[];
    const p1 = cases.find((c) => number.get(c.number) === 'P1');
    expect(p1).toMatchObject({ priority: 'appointment', checkIn: 'on_time' });
    expect(p1.calls[0].reason).toBe('appointment');
    const report = await s.api('GET', `/halls/${h}/reports?from=2026-11-30&to=2026-11-30`, {
      token: sup,
    });
    expect(report.body.total).toMatchObject({ issued: 9, appointments: 3, greenChannel: 3 });
  });
});

describe('an on-time appointment and the daily quota', () => {
  const clock = new TestClock(Date.parse(at('08:00')));
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(
      sampleHall('township', (hall) => {
        const social = hall.services.find((x) => x.id === 'social');
        if (social) social.dailyQuota = 1;
      }),
      { clock },
    );
  });
  afterAll(() => s?.close());

  it('is issued when the walk-in tickets are all taken; a late one is not', async () => {
    const h = s.hall.id;
    const clerk = await s.login('clerk1');
    const book = async (slot: string) =>
      (
        await s.api('POST', `/halls/${h}/appointments`, {
          token: clerk,
          body: { serviceId: 'social', slotStart: at(slot) },
        })
      ).body.code as string;
    const onTime = await book('09:00');
    const late = await book('08:30');
    clock.set(at('08:50'));
    const take = (body: object) => s.api('POST', `/halls/${h}/tickets`, { token: KIOSK, body });
    expect((await take({ serviceId: 'social' })).status).toBe(201);
    const full = await take({ serviceId: 'social' });
    expect(full.body.error.code).toBe('quota_exhausted');
    const kept = await take({ appointmentCode: onTime });
    expect(kept.status).toBe(201);
    expect(kept.body.priority).toBe('appointment');
    const tooLate = await take({ appointmentCode: late });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.code).toBe('quota_exhausted');
    expect(await s.redis.hget(hallKeys(h).appointment(late), 'status')).not.toBe('checked_in');
  });
});

describe('trying codes', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(
      sampleHall('township', (hall) => {
        hall.rateLimits.ticketsPerMinutePerDevice = 3;
      }),
      { clock: new TestClock(Date.parse(at('09:00'))) },
    );
  });
  afterAll(() => s?.close());

  it('is limited per kiosk like taking tickets', async () => {
    const h = s.hall.id;
    const tryCode = (appointmentCode: string) =>
      s.api('POST', `/halls/${h}/tickets`, { token: KIOSK, body: { appointmentCode } });
    for (const code of ['AAAA2222', 'AAAA3333', 'AAAA4444'])
      expect((await tryCode(code)).body.error.code).toBe('appointment_not_found');
    const fourth = await tryCode('AAAA5555');
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('rate_limited');
    const byPhone = await s.api('POST', `/halls/${h}/tickets`, {
      token: KIOSK,
      body: { appointmentPhone: '13800000000' },
    });
    expect(byPhone.status).toBe(429);
  });
});
