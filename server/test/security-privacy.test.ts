// Issue 14, finding 10: a resident's phone number stays in Redis only as long as configured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), {
    server: { phoneRetentionMs: 400, phoneSweepEveryMs: 100 },
  });
});
afterAll(() => s?.close());

describe('phone retention (finding 10)', () => {
  it('removes the phone number when its time is up and keeps the ticket', async () => {
    const issued = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'labor', phone: '13800138000' },
    });
    expect(issued.status).toBe(201);
    const key = hallKeys(s.hall.id).ticket(issued.body.id);
    expect(await s.redis.hget(key, 'phone')).toBe('13800138000');
    const t0 = Date.now();
    while ((await s.redis.hget(key, 'phone')) && Date.now() - t0 < 5000)
      await new Promise((r) => setTimeout(r, 50));
    expect(await s.redis.hget(key, 'phone')).toBeNull();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(await s.redis.hget(key, 'number')).toBe(issued.body.number);
    expect(await s.redis.zcard(hallKeys(s.hall.id).phones)).toBe(0);
    // the ticket still reads as before
    const read = await s.api('GET', `/tickets/${issued.body.id}`, { token: 'demo-kiosk' });
    expect(read.body).toMatchObject({ id: issued.body.id, status: 'waiting' });
  });
});
