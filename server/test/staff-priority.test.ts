// Priority under staff control: a clerk marks a waiting ticket green (and the call order changes,
// with who and why in the event and the ledger), staff issue tickets for residents, the hall's
// kiosk green channel set to ask_staff, and the appointment mark on the printed ticket.
import { PrintAgent, Printer, receiptText, VirtualPrinter } from '@hall/printer-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';
import { recordHall, waitUntil } from './realtime-helpers.js';

const KIOSK = 'township-kiosk-token';
const at = (local: string) => `2026-11-30T${local}:00.000+08:00`;

async function storedEvents(s: TestServer, type: string): Promise<any[]> {
  const all = await s.redis.xrange(hallKeys(s.hall.id).events, '-', '+');
  return all
    .filter(([, f]) => f[1] === type)
    .map(([, f]) => JSON.parse(f[5] ?? '{}') as Record<string, unknown>);
}

describe('a clerk marks a waiting ticket green', () => {
  const clock = new TestClock(Date.parse(at('09:00')));
  let s: TestServer;
  let h: string;
  let clerk: string;
  let sup: string;
  const take = async (body: object = { serviceId: 'social' }, token = KIOSK) => {
    const r = await s.api('POST', `/halls/${h}/tickets`, { token, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; number: string; priority: string };
  };
  const mark = (ticketId: string, body: object, token = clerk, lang?: string) =>
    s.api('POST', `/halls/${h}/tickets/${ticketId}/priority`, {
      token,
      body,
      ...(lang ? { lang } : {}),
    });

  beforeAll(async () => {
    s = await startTestServer(sampleHall('township'), { clock });
    h = s.hall.id;
    clerk = await s.login('clerk1');
    sup = await s.login('supervisor');
  });
  afterAll(() => s?.close());

  it('moves it ahead of normal tickets with the reason in the event and the ledger', async () => {
    const [n1, n2, n3] = [await take(), await take(), await take()];
    const upcoming = async () =>
      (
        (await s.api('GET', `/halls/${h}/windows/1/upcoming`, { token: clerk })).body.tickets as {
          number: string;
          reason: { code: string };
        }[]
      ).map((t) => t.number);
    expect(await upcoming()).toEqual([n1.number, n2.number, n3.number]);

    const r = await mark(n3.id, { green: true, reason: '行动不便的老人' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.priority).toBe('green');
    expect(await upcoming()).toEqual([n3.number, n1.number, n2.number]);

    // unmarked again it is back in its place in time, not at the back
    await mark(n2.id, { green: true, reason: '孕妇' });
    expect(await upcoming()).toEqual([n2.number, n3.number, n1.number]);
    expect((await mark(n2.id, { green: false, reason: '误标，改回普通' })).status).toBe(200);
    expect(await upcoming()).toEqual([n3.number, n1.number, n2.number]);

    const changes = await storedEvents(s, 'ticket.priority_changed');
    expect(changes[0]).toEqual({
      ticketId: n3.id,
      number: n3.number,
      serviceId: 'social',
      from: 'normal',
      to: 'green',
      by: 'clerk1',
      reason: '行动不便的老人',
    });
    expect(changes).toHaveLength(3);

    await s.api('POST', `/halls/${h}/windows/1/open`, { token: clerk });
    const called = await s.api('POST', `/halls/${h}/windows/1/call-next`, { token: clerk });
    expect(called.body.number).toBe(n3.number);
    expect(called.body.reason).toMatchObject({ code: 'green', text: '绿色通道（连续第1位）' });

    const cases = (await s.api('GET', `/halls/${h}/cases?date=2026-11-30`, { token: sup })).body
      .cases as any[];
    const c3 = cases.find((c) => c.number === n3.number);
    expect(c3.priority).toBe('normal'); // as issued
    expect(c3.priorityChanges).toEqual([
      {
        at: at('09:00'),
        from: 'normal',
        to: 'green',
        by: 'clerk1',
        reason: '行动不便的老人',
      },
    ]);
    expect(c3.calls[0].reason).toBe('green');
  });

  it('refuses a missing reason, a ticket not waiting, the same priority and devices', async () => {
    const t = await take();
    const before = await s.redis.xlen(hallKeys(h).events);
    const noReason = await mark(t.id, { green: true });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error).toMatchObject({
      code: 'reason_required',
      message: '请填写原因（至少2个字）',
    });
    expect((await mark(t.id, { green: true, reason: ' 老 ' })).body.error.code).toBe(
      'reason_required',
    );
    const same = await mark(t.id, { green: false, reason: '不是绿色通道' });
    expect(same.status).toBe(409);
    expect(same.body.error.code).toBe('priority_unchanged');
    const device = await mark(t.id, { green: true, reason: '行动不便' }, KIOSK);
    expect(device.status).toBe(403);
    expect(device.body.error.code).toBe('forbidden');
    const nobody = await mark(`${h}.nope`, { green: true, reason: '行动不便' });
    expect(nobody.status).toBe(404);
    expect(await s.redis.xlen(hallKeys(h).events)).toBe(before);

    // the ticket being served is no longer waiting
    const w = `/halls/${h}/windows/1`;
    await s.api('POST', `${w}/start`, { token: clerk });
    await s.api('POST', `${w}/finish`, { token: clerk, body: { outcome: 'done' } });
    clock.advance(70_000);
    let served: string | undefined;
    while (served !== t.number) {
      const r = await s.api('POST', `${w}/call-next`, { token: clerk });
      served = r.body.number as string;
      if (served !== t.number) {
        await s.api('POST', `${w}/start`, { token: clerk });
        await s.api('POST', `${w}/finish`, { token: clerk, body: { outcome: 'done' } });
        clock.advance(70_000);
      }
    }
    const called = await mark(t.id, { green: true, reason: '行动不便' }, clerk, 'en');
    expect(called.status).toBe(409);
    expect(called.body.error).toMatchObject({
      code: 'not_waiting',
      message: 'That ticket is not waiting',
    });
  });

  it('a clerk issues a green ticket for a resident: who and why go to the event and the ledger', async () => {
    const missing = await s.api('POST', `/halls/${h}/tickets`, {
      token: clerk,
      body: { serviceId: 'civil', green: true },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('reason_required');
    const t = await take({ serviceId: 'civil', green: true, reason: '残疾人，持证' }, clerk);
    expect(t.priority).toBe('green');
    const issued = (await storedEvents(s, 'ticket.issued')).find((e) => e.ticketId === t.id);
    expect(issued).toMatchObject({ byStaff: 'clerk1', reason: '残疾人，持证', priority: 'green' });
    const cases = (await s.api('GET', `/halls/${h}/cases?date=2026-11-30`, { token: sup })).body
      .cases as any[];
    expect(cases.find((c) => c.number === t.number)).toMatchObject({
      priority: 'green',
      issuedBy: { by: 'clerk1', reason: '残疾人，持证' },
    });
    // a resident's own tap at the kiosk needs no reason under "tap"
    expect((await take({ serviceId: 'civil', green: true })).priority).toBe('green');

    // the day's report counts them (the hall's total over the tests above)
    const report = await s.api(
      'GET',
      `/halls/${h}/reports?from=2026-11-30&to=2026-11-30&by=service`,
      { token: sup },
    );
    expect(report.status).toBe(200);
    expect(report.body.total).toMatchObject({
      issued: 6,
      greenChannel: 2,
      staffIssued: 1,
      priorityChanges: 3,
      appointments: 0,
    });
    const civil = report.body.rows.find((r: { key: string }) => r.key === 'civil');
    expect(civil).toMatchObject({ issued: 2, greenChannel: 2, staffIssued: 1 });
  });
});

describe('green channel "ask staff"', () => {
  let s: TestServer;
  let h: string;
  beforeAll(async () => {
    s = await startTestServer(
      sampleHall('township', (hall) => {
        hall.rules.greenChannel = 'ask_staff';
        hall.devices.push({
          id: 'desk-kiosk',
          kind: 'kiosk',
          token: 'township-desk-token',
          serviceDesk: true,
        });
      }),
      { clock: new TestClock(Date.parse(at('09:00'))) },
    );
    h = s.hall.id;
  });
  afterAll(() => s?.close());

  it('refuses the kiosk’s green tap, says so in the hall info, lets staff and the service desk give it', async () => {
    expect((await s.api('GET', `/halls/${h}`)).body.greenChannel).toBe('ask_staff');
    const before = await s.redis.xlen(hallKeys(h).events);
    const tap = await s.api('POST', `/halls/${h}/tickets`, {
      token: KIOSK,
      body: { serviceId: 'social', priority: 'green' },
    });
    expect(tap.status).toBe(403);
    expect(tap.body.error).toMatchObject({
      code: 'green_needs_staff',
      message: '请到服务台由工作人员办理绿色通道',
    });
    expect(await s.redis.xlen(hallKeys(h).events)).toBe(before);
    // a normal ticket from the same kiosk is fine
    const normal = await s.api('POST', `/halls/${h}/tickets`, {
      token: KIOSK,
      body: { serviceId: 'social' },
    });
    expect(normal.status).toBe(201);

    const desk = await s.api('POST', `/halls/${h}/tickets`, {
      token: 'township-desk-token',
      body: { serviceId: 'social', green: true, reason: '孕妇' },
    });
    expect(desk.status, JSON.stringify(desk.body)).toBe(201);
    expect(desk.body.priority).toBe('green');
    const clerk = await s.login('clerk2');
    const byClerk = await s.api('POST', `/halls/${h}/tickets`, {
      token: clerk,
      body: { serviceId: 'social', green: true, reason: '退役军人' },
    });
    expect(byClerk.status).toBe(201);
    const issued = await storedEvents(s, 'ticket.issued');
    expect(issued.map((e) => e.byStaff ?? null)).toEqual([null, 'desk-kiosk', 'clerk2']);
  });
});

describe('the printed ticket of an appointment', () => {
  it('carries 【预约】 under the number', async () => {
    const clock = new TestClock(Date.parse(at('09:00')));
    const s = await startTestServer(sampleHall('demo'), { printing: true, clock });
    const vp = new VirtualPrinter();
    await vp.listen(0);
    const agent = new PrintAgent({
      serverUrl: s.url,
      token: 'demo-printer',
      paperWidth: 58,
      printer: new Printer({ transport: 'network', host: '127.0.0.1', port: vp.port }),
      statusIntervalMs: 100,
      reconnectMaxMs: 200,
    });
    try {
      const h = s.hall.id;
      const booked = await s.api('POST', `/halls/${h}/appointments`, {
        token: 'demo-booking',
        body: { serviceId: 'labor', slotStart: at('09:30') },
      });
      expect(booked.status, JSON.stringify(booked.body)).toBe(201);
      agent.start();
      await agent.connected();
      const t = await s.api('POST', `/halls/${h}/tickets`, {
        token: 'demo-kiosk',
        body: { appointmentCode: booked.body.code },
      });
      expect(t.body.priority).toBe('appointment');
      const [receipt] = await vp.waitForReceipts(1);
      const text = receiptText(receipt!);
      expect(text).toContain('【预约】');
      expect(text).not.toContain('【绿色通道】');
      expect(text).not.toContain(booked.body.code);
    } finally {
      await agent.stop();
      await s.close();
      await vp.close();
    }
  });
});

describe('what the hall sees of check-ins and priorities', () => {
  it('public clients get the marks but never a reason or the check-in record; supervisors get the check-in', async () => {
    const clock = new TestClock(Date.parse(at('09:00')));
    const s = await startTestServer(sampleHall('township'), { clock });
    const h = s.hall.id;
    const clerk = await s.login('clerk1');
    const sup = await s.login('supervisor');
    const screen = recordHall(s.url, h);
    const board = recordHall(s.url, h, { token: sup });
    try {
      await waitUntil(
        () => screen.snapshots.length > 0 && board.snapshots.length > 0,
        () => 'both connected',
      );
      const booked = await s.api('POST', `/halls/${h}/appointments`, {
        token: clerk,
        body: { serviceId: 'social', slotStart: at('09:30') },
      });
      const checkedIn = await s.api('POST', `/halls/${h}/tickets`, {
        token: KIOSK,
        body: { appointmentCode: booked.body.code },
      });
      const forResident = await s.api('POST', `/halls/${h}/tickets`, {
        token: clerk,
        body: { serviceId: 'social', green: true, reason: '孕妇，行动不便' },
      });
      const walkIn = await s.api('POST', `/halls/${h}/tickets`, {
        token: KIOSK,
        body: { serviceId: 'social' },
      });
      await s.api('POST', `/halls/${h}/tickets/${walkIn.body.id}/priority`, {
        token: clerk,
        body: { green: true, reason: '老人，八十岁' },
      });
      const changed = (e: { type: string }) => e.type === 'ticket.priority_changed';
      await waitUntil(
        () => screen.events.some(changed) && board.events.some(changed),
        () => 'the priority change reached both',
      );

      const issued = screen.events.filter((e) => e.type === 'ticket.issued');
      expect(issued.map((e) => e.data)).toEqual([
        expect.objectContaining({
          ticketId: checkedIn.body.id,
          priority: 'appointment',
          checkIn: 'on_time',
        }),
        expect.objectContaining({
          ticketId: forResident.body.id,
          priority: 'green',
          byStaff: 'clerk1',
        }),
        expect.objectContaining({ ticketId: walkIn.body.id, priority: 'normal' }),
      ]);
      const seen = JSON.stringify(screen.events);
      expect(seen).not.toContain('孕妇');
      expect(seen).not.toContain('老人');
      expect(seen).not.toContain(booked.body.code);
      expect(screen.events.some((e) => e.type === 'appointment.checked_in')).toBe(false);
      expect(screen.events.find(changed)?.data).toEqual({
        ticketId: walkIn.body.id,
        number: walkIn.body.number,
        serviceId: 'social',
        from: 'normal',
        to: 'green',
        by: 'clerk1',
      });
      expect(board.events.find((e) => e.type === 'appointment.checked_in')?.data).toMatchObject({
        ticketId: checkedIn.body.id,
        checkIn: 'on_time',
      });
      expect(JSON.stringify(board.events)).not.toContain('孕妇');
    } finally {
      screen.close();
      board.close();
      await s.close();
    }
  });
});
