// Many kiosks and many clerks at once: numbers never repeat, tickets are never called twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

describe('concurrency', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(sampleHall('demo'));
  });
  afterAll(async () => {
    await s.close();
  });

  it('gives 1,000 concurrent ticket requests 1,000 distinct consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 1000 }, () =>
        s.api('POST', `/halls/${s.hall.id}/tickets`, {
          token: 'demo-kiosk',
          body: { serviceId: 'labor' },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(1000).fill(201));
    const numbers = results.map((r) => r.body.number as string).sort();
    const expected = Array.from({ length: 1000 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`);
    expect(numbers).toEqual(expected.sort());
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1000);
    const snapshot = await s.api('GET', `/halls/${s.hall.id}`);
    expect(snapshot.body.services.find((x: { id: string }) => x.id === 'labor').waiting).toBe(1000);
  });

  it('never lets six clerks calling at once get the same ticket, and calls every ticket once', async () => {
    const hall = sampleHall('demo');
    const t = await startTestServer(hall);
    try {
      const services = ['labor', 'civil', 'family', 'finance', 'construction', 'party'];
      const issued = await Promise.all(
        Array.from({ length: 240 }, (_, i) =>
          t.api('POST', `/halls/${hall.id}/tickets`, {
            token: 'demo-kiosk',
            body: {
              serviceId: services[i % services.length],
              priority: i % 7 === 0 ? 'green' : 'normal',
            },
          }),
        ),
      );
      expect(issued.every((r) => r.status === 201)).toBe(true);
      const clerks = ['clerk1', 'clerk2', 'clerk3', 'clerk4', 'clerk5', 'clerk6'];
      const windows = ['1', '2', '3', '4', '5', '6'];
      const calledBy = new Map<string, string[]>();
      await Promise.all(
        clerks.map(async (clerk, i) => {
          const token = await t.login(clerk);
          const w = windows[i]!;
          const base = `/halls/${hall.id}/windows/${w}`;
          expect((await t.api('POST', `${base}/open`, { token })).status).toBe(200);
          for (;;) {
            const called = await t.api('POST', `${base}/call-next`, { token });
            if (called.status === 204) break;
            expect(called.status).toBe(200);
            const id = called.body.id as string;
            calledBy.set(id, [...(calledBy.get(id) ?? []), w]);
            expect((await t.api('POST', `${base}/start`, { token })).status).toBe(200);
            const done = await t.api('POST', `${base}/finish`, {
              token,
              body: { outcome: 'done' },
            });
            expect(done.status).toBe(200);
            expect(done.body.status).toBe('done');
          }
        }),
      );
      expect(calledBy.size).toBe(240);
      for (const r of issued) expect(calledBy.get(r.body.id as string)).toHaveLength(1);
      // each window called only services it serves
      const byId = new Map(issued.map((r) => [r.body.id as string, r.body.serviceId as string]));
      for (const [id, [w]] of calledBy) {
        expect(hall.windows.find((x) => x.id === w)!.services).toContain(byId.get(id));
      }
      const events = await t.redis.xrange(hallKeys(hall.id).events, '-', '+');
      const calls = events.filter(([, f]) => f[f.indexOf('type') + 1] === 'ticket.called');
      expect(calls).toHaveLength(240);
      const after = await t.api('GET', `/halls/${hall.id}`);
      expect(after.body.services.every((x: { waiting: number }) => x.waiting === 0)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
