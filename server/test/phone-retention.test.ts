// The retention purge on the hall's own clock: a resident's number left at the kiosk stays for
// the configured time (here a day) and is gone after it; the ticket stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const clock = new TestClock(Date.parse('2026-11-30T09:00:00+08:00'));
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), {
    clock,
    server: { phoneRetentionMs: 24 * 3600_000, phoneSweepEveryMs: 50 },
  });
});
afterAll(() => s?.close());

/** Waits for a few sweeps of the real-time timer (the purge reads the injected clock). */
const sweeps = () => new Promise((r) => setTimeout(r, 250));

describe('phone retention on the injected clock', () => {
  it('keeps a number until its day is up, then removes it and keeps the ticket', async () => {
    const take = (phone: string) =>
      s.api('POST', `/halls/${s.hall.id}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: 'labor', phone },
      });
    const old = (await take('13800138001')).body as { id: string; number: string };
    clock.advance(12 * 3600_000);
    const newer = (await take('13800138002')).body as { id: string };
    const k = hallKeys(s.hall.id);

    clock.advance(11 * 3600_000); // 23 hours after the first
    await sweeps();
    expect(await s.redis.hget(k.ticket(old.id), 'phone')).toBe('13800138001');

    clock.advance(2 * 3600_000); // 25 hours after the first, 13 after the second
    await sweeps();
    expect(await s.redis.hget(k.ticket(old.id), 'phone')).toBeNull();
    expect(await s.redis.hget(k.ticket(old.id), 'number')).toBe(old.number);
    expect(await s.redis.hget(k.ticket(newer.id), 'phone')).toBe('13800138002');

    clock.advance(12 * 3600_000);
    await sweeps();
    expect(await s.redis.hget(k.ticket(newer.id), 'phone')).toBeNull();
    expect(await s.redis.zcard(k.phones)).toBe(0);
  });

  it("removes an appointment's number a day after its slot, and keeps the appointment", async () => {
    clock.set('2026-12-02T09:00:00+08:00');
    const booked = await s.api('POST', `/halls/${s.hall.id}/appointments`, {
      token: 'demo-booking',
      body: { serviceId: 'labor', slotStart: '2026-12-02T10:00:00+08:00', phone: '13900139000' },
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const key = hallKeys(s.hall.id).appointment(booked.body.code as string);
    const slotEnd = Date.parse(booked.body.slotEnd as string);

    clock.ms = slotEnd + 23 * 3600_000;
    await sweeps();
    expect(await s.redis.hget(key, 'phone')).toBe('13900139000');

    clock.ms = slotEnd + 25 * 3600_000;
    await sweeps();
    expect(await s.redis.hget(key, 'phone')).toBeNull();
    expect(await s.redis.hget(key, 'code')).toBe(booked.body.code);
  });
});
