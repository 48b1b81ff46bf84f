// Appointment slots and bookings (预约) against the real server and Redis, on the township hall's
// real opening hours (config/township.yaml) with an injected clock: 2026-11-30 is a Monday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const clock = new TestClock(Date.parse('2026-11-30T08:00:00+08:00'));
let s: TestServer;
let h: string;
let clerk: string;
let supervisor: string;
const BOOKING = 'township-booking-token';

beforeAll(async () => {
  s = await startTestServer(
    sampleHall('township', (hall) => {
      hall.devices.push({ id: 'booking-site', kind: 'booking', token: BOOKING });
      hall.devices.push({ id: 'booking-other', kind: 'booking', token: 'other-booking-site' });
    }),
    { clock },
  );
  h = s.hall.id;
  clerk = await s.login('clerk1');
  supervisor = await s.login('supervisor');
});
afterAll(() => s?.close());

const at = (local: string) => `${local}:00.000+08:00`;
const day = (date: string, token = clerk, extra = '') =>
  s.api('GET', `/halls/${h}/appointments?date=${date}${extra}`, { token });
const book = (body: object, token = clerk, lang?: string) =>
  s.api('POST', `/halls/${h}/appointments`, { token, body, ...(lang ? { lang } : {}) });
const startsOf = (r: { body: any }, serviceId: string): string[] =>
  r.body.services
    .find((x: any) => x.serviceId === serviceId)
    .slots.map((x: any) => (x.start as string).slice(11, 16));

async function events(type: string): Promise<any[]> {
  const all = await s.redis.xrange(hallKeys(h).events, '-', '+');
  return all
    .map(([, f]) => ({ type: f[1], data: JSON.parse(f[5] ?? '{}') }))
    .filter((e) => e.type === type);
}

describe('slots from the opening hours', () => {
  it('lays 30-minute slots in both sessions of a weekday, none over lunch', async () => {
    const r = await day('2026-11-30');
    expect(r.status).toBe(200);
    expect(startsOf(r, 'social')).toEqual([
      ...['08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'],
      ...['14:30', '15:00', '15:30', '16:00', '16:30', '17:00'],
    ]);
    const first = r.body.services[0].slots[0];
    expect(first).toMatchObject({
      start: '2026-11-30T08:30:00.000+08:00',
      end: '2026-11-30T09:00:00.000+08:00',
      capacity: 3, // 社保医保's own capacity; the hall's is 2
      booked: 0,
      left: 3,
      closed: false,
    });
    const civil = r.body.services.find((x: any) => x.serviceId === 'civil');
    expect(civil.slots[0]).toMatchObject({ capacity: 2, left: 2 });
  });

  it('respects Friday afternoon, weekends, holidays, make-up days, overrides and a service’s own hours', async () => {
    const morning = ['08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
    expect(startsOf(await day('2026-12-04'), 'social')).toEqual(morning); // Friday: study afternoon
    expect(startsOf(await day('2026-12-05'), 'social')).toEqual([]); // Saturday
    expect(startsOf(await day('2026-10-05'), 'social')).toEqual([]); // 国庆 holiday, a Monday
    expect(startsOf(await day('2026-10-10'), 'social')).toHaveLength(13); // 调休 Saturday: Monday hours
    expect(startsOf(await day('2026-12-31'), 'social')).toEqual(morning); // override: 年终决算
    // 不动产登记: mornings only, in slots of an hour
    expect(startsOf(await day('2026-11-30'), 'housing')).toEqual(['08:30', '09:30', '10:30']);
  });
});

describe('booking', () => {
  it('books to capacity and refuses one more, also when many book at once', async () => {
    const slot = at('2026-12-01T09:00');
    const a = await book({
      serviceId: 'social',
      slotStart: slot,
      phone: '13800001111',
      name: '张三',
    });
    const b = await book({ serviceId: 'social', slotStart: slot });
    const c = await book({ serviceId: 'social', slotStart: slot });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(a.body).toMatchObject({
      serviceId: 'social',
      serviceName: '社保医保',
      slotStart: '2026-12-01T09:00:00.000+08:00',
      slotEnd: '2026-12-01T09:30:00.000+08:00',
      checkInFrom: '2026-12-01T08:30:00.000+08:00',
      checkInUntil: '2026-12-01T09:15:00.000+08:00',
      status: 'booked',
      kind: 'normal',
      phone: '13800001111',
      name: '张三',
      bookedBy: 'clerk1',
    });
    const full = await book({ serviceId: 'social', slotStart: slot });
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('slot_full');
    expect(full.body.error.message).toBe('该时段预约已满，请选择其他时段');

    const race = await Promise.all(
      Array.from({ length: 12 }, () =>
        book({ serviceId: 'civil', slotStart: at('2026-12-01T10:00') }),
      ),
    );
    expect(race.filter((r) => r.status === 201)).toHaveLength(2);
    expect(race.filter((r) => r.status === 409 && r.body.error.code === 'slot_full')).toHaveLength(
      10,
    );
    const listed = await day('2026-12-01');
    const civil = listed.body.services.find((x: any) => x.serviceId === 'civil');
    expect(civil.slots.find((x: any) => x.start.includes('T10:00'))).toMatchObject({
      booked: 2,
      left: 0,
    });
    expect(listed.body.appointments).toHaveLength(5);
  });

  it('gives short codes that are unique, random and not sequential', async () => {
    const codes: string[] = [];
    for (const time of ['14:30', '15:00', '15:30', '16:00', '16:30', '17:00']) {
      for (let i = 0; i < 2; i++) {
        const r = await book({ serviceId: 'social', slotStart: at(`2026-12-02T${time}`) });
        expect(r.status).toBe(201);
        codes.push(r.body.code as string);
      }
    }
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // no two share a 6-character prefix, and the order of booking is not the order of the codes
    expect(new Set(codes.map((c) => c.slice(0, 6))).size).toBe(codes.length);
    expect([...codes].sort()).not.toEqual(codes);
    // lower case, spaces and a dash are what a resident may type: the same code
    const typed = `${codes[0]!.slice(0, 4).toLowerCase()}-${codes[0]!.slice(4)}`;
    const cancelled = await s.api('DELETE', `/halls/${h}/appointments/${typed}`, { token: clerk });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.code).toBe(codes[0]);
  });

  it('cancels: the place is free again, and a second cancel is refused', async () => {
    const slot = at('2026-12-03T08:30');
    const a = await book({ serviceId: 'housing', slotStart: slot });
    await book({ serviceId: 'housing', slotStart: slot });
    expect((await book({ serviceId: 'housing', slotStart: slot })).status).toBe(409);
    const del = await s.api('DELETE', `/halls/${h}/appointments/${a.body.code}`, { token: clerk });
    expect(del.status).toBe(200);
    expect(del.body.status).toBe('cancelled');
    expect((await book({ serviceId: 'housing', slotStart: slot })).status).toBe(201);
    const again = await s.api('DELETE', `/halls/${h}/appointments/${a.body.code}`, {
      token: clerk,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('appointment_not_active');
    const none = await s.api('DELETE', `/halls/${h}/appointments/ABCDEFGH`, { token: clerk });
    expect(none.status).toBe(404);
    expect(none.body.error.code).toBe('appointment_not_found');
    const cancelEvents = (await events('appointment.cancelled')).filter(
      (e) => e.data.appointmentId === a.body.id,
    );
    expect(cancelEvents.map((e) => e.data)).toEqual([
      {
        appointmentId: a.body.id,
        serviceId: 'housing',
        slotStart: '2026-12-03T08:30:00.000+08:00',
      },
    ]);
  });

  it('reschedules to a slot with room, keeping the code; a full slot is refused', async () => {
    const a = await book({ serviceId: 'civil', slotStart: at('2026-12-07T09:00') });
    const moved = await s.api('POST', `/halls/${h}/appointments/${a.body.code}/reschedule`, {
      token: clerk,
      body: { slotStart: at('2026-12-08T15:00') },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      code: a.body.code,
      slotStart: '2026-12-08T15:00:00.000+08:00',
      rescheduledFrom: '2026-12-07T09:00:00.000+08:00',
    });
    const before = (await day('2026-12-07')).body.services.find(
      (x: any) => x.serviceId === 'civil',
    );
    expect(before.slots.find((x: any) => x.start.includes('T09:00')).booked).toBe(0);
    const after = (await day('2026-12-08')).body.services.find((x: any) => x.serviceId === 'civil');
    expect(after.slots.find((x: any) => x.start.includes('T15:00')).booked).toBe(1);
    // the 12-01 10:00 civil slot was filled above
    const full = await s.api('POST', `/halls/${h}/appointments/${a.body.code}/reschedule`, {
      token: clerk,
      body: { slotStart: at('2026-12-01T10:00') },
    });
    expect(full.body.error.code).toBe('slot_full');
    expect(
      (
        await s.api('GET', `/halls/${h}/appointments?date=2026-12-08`, { token: clerk })
      ).body.appointments.map((x: any) => x.code),
    ).toContain(a.body.code);
  });

  it('takes 预约延时服务 after hours with the clerk who serves, once per clerk and time', async () => {
    const lunch = at('2026-12-01T12:30');
    const r = await book({
      serviceId: 'social',
      slotStart: lunch,
      kind: 'after_hours',
      clerkId: 'clerk2',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'after_hours', clerkId: 'clerk2' });
    const twice = await book({
      serviceId: 'social',
      slotStart: lunch,
      kind: 'after_hours',
      clerkId: 'clerk2',
    });
    expect(twice.body.error.code).toBe('slot_full');
    const open = await book({
      serviceId: 'social',
      slotStart: at('2026-12-01T09:30'),
      kind: 'after_hours',
      clerkId: 'clerk2',
    });
    expect(open.body.error.code).toBe('during_opening_hours');
    const noClerk = await book({ serviceId: 'social', slotStart: lunch, kind: 'after_hours' });
    expect([noClerk.status, noClerk.body.error.field]).toEqual([400, 'clerkId']);
    const ghost = await book({
      serviceId: 'social',
      slotStart: lunch,
      kind: 'after_hours',
      clerkId: 'nobody',
    });
    expect(ghost.body.error.code).toBe('clerk_not_found');
  });

  it('refuses bad input with a named code, in Chinese or English, and changes nothing', async () => {
    const before = await s.redis.xlen(hallKeys(h).events);
    const cases: [object, number, string, string?][] = [
      [{ slotStart: at('2026-12-01T08:30') }, 400, 'invalid_request', 'serviceId'],
      [{ serviceId: 'social', slotStart: '2026-12-01 08:30' }, 400, 'invalid_request', 'slotStart'],
      [
        { serviceId: 'social', slotStart: at('2026-12-01T08:30'), phone: '12345' },
        400,
        'invalid_request',
        'phone',
      ],
      [
        { serviceId: 'social', slotStart: at('2026-12-01T08:30'), kind: 'vip' },
        400,
        'invalid_request',
        'kind',
      ],
      [
        { serviceId: 'social', slotStart: at('2026-12-01T08:30'), extra: 1 },
        400,
        'invalid_request',
      ],
      [{ serviceId: 'nope', slotStart: at('2026-12-01T08:30') }, 404, 'service_not_found'],
      [{ serviceId: 'social', slotStart: at('2026-12-01T09:10') }, 409, 'slot_unavailable'], // not a slot
      [{ serviceId: 'social', slotStart: at('2026-12-01T12:30') }, 409, 'slot_unavailable'], // lunch
      [{ serviceId: 'social', slotStart: at('2026-11-27T08:30') }, 409, 'slot_unavailable'], // past
      [{ serviceId: 'social', slotStart: at('2027-03-01T08:30') }, 409, 'slot_unavailable'], // too far
      [
        { serviceId: 'social', slotStart: at('2026-12-01T08:30'), clerkId: 'clerk1' },
        400,
        'invalid_request',
        'clerkId',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const r = await book(body);
      expect([r.status, r.body.error.code], JSON.stringify(body)).toEqual([status, code]);
      if (field) expect(r.body.error.field).toBe(field);
    }
    const en = await book({ serviceId: 'social', slotStart: at('2026-12-01T12:30') }, clerk, 'en');
    expect(en.body.error.message).toBe(
      'This time cannot be booked (not a slot, past, or too far ahead)',
    );
    const zh = await book({ serviceId: 'social', slotStart: at('2026-12-01T12:30') });
    expect(zh.body.error.message).toBe('该时段不可预约（不是预约时段、已过或超出可预约天数）');
    expect((await day('2026-13-01')).body.error).toMatchObject({
      code: 'invalid_request',
      field: 'date',
    });
    expect((await s.api('GET', `/halls/${h}/appointments`, { token: clerk })).status).toBe(400);
    expect(
      (await s.api('DELETE', `/halls/${h}/appointments/%3Cx%3E`, { token: clerk })).body.error.code,
    ).toBe('appointment_not_found');
    expect(await s.redis.xlen(hallKeys(h).events)).toBe(before);
  });
});

describe('who may book', () => {
  it('lets a booking site book, list its own bookings masked and cancel them, nothing more', async () => {
    const slot = at('2026-12-09T16:00');
    const r = await book(
      {
        serviceId: 'social',
        slotStart: slot,
        phone: '13912345678',
        name: '李四',
        notifyConsent: true,
      },
      BOOKING,
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      phone: '139****5678',
      name: '李*',
      bookedBy: 'device:booking-site',
    });
    const staffOne = await book({ serviceId: 'social', slotStart: slot, phone: '13700000000' });
    const listed = await day('2026-12-09', BOOKING);
    expect(listed.body.appointments.map((a: any) => a.code)).toEqual([r.body.code]);
    expect(JSON.stringify(listed.body)).not.toContain('13912345678');
    // the staff list shows the full number to the clerk
    expect((await day('2026-12-09')).body.appointments.map((a: any) => a.phone).sort()).toEqual([
      '13700000000',
      '13912345678',
    ]);
    const foreign = await s.api('DELETE', `/halls/${h}/appointments/${staffOne.body.code}`, {
      token: BOOKING,
    });
    expect(foreign.status).toBe(404);
    const other = await s.api('DELETE', `/halls/${h}/appointments/${r.body.code}`, {
      token: 'other-booking-site',
    });
    expect(other.status).toBe(404);
    const move = await s.api('POST', `/halls/${h}/appointments/${r.body.code}/reschedule`, {
      token: BOOKING,
      body: { slotStart: at('2026-12-09T16:30') },
    });
    expect(move.status).toBe(403);
    const own = await s.api('DELETE', `/halls/${h}/appointments/${r.body.code}`, {
      token: BOOKING,
    });
    expect([own.status, own.body.status]).toEqual([200, 'cancelled']);
    expect((await day('2026-12-09', 'township-kiosk-token')).status).toBe(403);
    expect((await s.api('GET', `/halls/${h}/appointments?date=2026-12-09`)).status).toBe(401);
  });

  it('lets supervisors close a slot or a day; clerks may not', async () => {
    const slot = at('2026-12-10T10:30');
    const close = (body: object, token = supervisor) =>
      s.api('POST', `/halls/${h}/appointments/closures`, { token, body });
    expect(
      (
        await close(
          { date: '2026-12-10', serviceId: 'social', slotStart: slot, closed: true },
          clerk,
        )
      ).status,
    ).toBe(403);
    const closed = await close({
      date: '2026-12-10',
      serviceId: 'social',
      slotStart: slot,
      closed: true,
    });
    expect(closed.status).toBe(200);
    const social = closed.body.services.find((x: any) => x.serviceId === 'social');
    expect(social.slots.find((x: any) => x.start.includes('T10:30')).closed).toBe(true);
    expect((await book({ serviceId: 'social', slotStart: slot })).body.error.code).toBe(
      'slot_closed',
    );
    await close({ date: '2026-12-10', serviceId: 'social', slotStart: slot, closed: false });
    expect((await book({ serviceId: 'social', slotStart: slot })).status).toBe(201);
    const wholeDay = await close({ date: '2026-12-11', closed: true });
    expect(wholeDay.body.closed).toBe(true);
    expect(
      (await book({ serviceId: 'civil', slotStart: at('2026-12-11T09:00') })).body.error.code,
    ).toBe('slot_closed');
    const mismatch = await close({
      date: '2026-12-12',
      serviceId: 'social',
      slotStart: slot,
      closed: true,
    });
    expect([mismatch.status, mismatch.body.error.field]).toEqual([400, 'slotStart']);
  });
});

describe('no-shows', () => {
  it('records a no-show once when the check-in window has passed', async () => {
    const a = await book({ serviceId: 'civil', slotStart: at('2026-11-30T09:00') });
    expect(a.status).toBe(201);
    clock.set('2026-11-30T09:14:00+08:00');
    let today = await day('2026-11-30');
    expect(today.body.appointments.find((x: any) => x.code === a.body.code).status).toBe('booked');
    clock.set('2026-11-30T09:15:00+08:00');
    today = await day('2026-11-30');
    expect(today.body.appointments.find((x: any) => x.code === a.body.code).status).toBe('no_show');
    await day('2026-11-30');
    const noShows = (await events('appointment.no_show')).filter(
      (e) => e.data.appointmentId === a.body.id,
    );
    expect(noShows).toHaveLength(1);
    const cancel = await s.api('DELETE', `/halls/${h}/appointments/${a.body.code}`, {
      token: clerk,
    });
    expect(cancel.body.error.code).toBe('appointment_not_active');
  });

  it('records a no-show by the sweep, without anyone reading the day', async () => {
    const a = await book({ serviceId: 'civil', slotStart: at('2026-11-30T10:00') });
    expect(a.status).toBe(201);
    clock.set('2026-11-30T10:15:00+08:00');
    s.appointments.startSweeping([s.hall], 50, (err) => {
      throw err;
    });
    try {
      const noShow = async () =>
        (await events('appointment.no_show')).some((e) => e.data.appointmentId === a.body.id);
      const deadline = Date.now() + 5000;
      while (!(await noShow()) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await noShow()).toBe(true);
    } finally {
      s.appointments.stopSweeping();
    }
  });

  it('keeps the code, phone and name out of the events', async () => {
    const booked = await events('appointment.booked');
    expect(booked.length).toBeGreaterThan(10);
    for (const e of booked) {
      expect(Object.keys(e.data).sort()).toEqual([
        'appointmentId',
        'kind',
        'serviceId',
        'slotStart',
      ]);
    }
  });
});

describe('the OpenAPI document', () => {
  it('lists the appointment endpoints with their query, bodies and named errors', async () => {
    const doc = (await s.api('GET', '/openapi.json')).body;
    const list = doc.paths['/api/v1/halls/{hallId}/appointments'];
    expect(list.get.parameters.map((p: any) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:hallId', 'query:date', 'query:serviceId']),
    );
    expect(list.post.responses['409'].description).toContain('slot_full');
    expect(doc.paths['/api/v1/halls/{hallId}/appointments/{code}'].delete).toBeDefined();
    expect(doc.paths['/api/v1/halls/{hallId}/appointments/{code}/reschedule'].post).toBeDefined();
    expect(doc.paths['/api/v1/halls/{hallId}/tickets/{ticketId}/contact'].post).toBeDefined();
  });
});
