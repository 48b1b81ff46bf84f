// The wait a resident is shown: from the configured average until a service has
// history, and never "no wait" with people ahead (docs/wait-estimate.md).
import { afterAll, describe, expect, it } from 'vitest';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

describe('wait estimate on the kiosk', () => {
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('one quick first service does not tell the next residents there is no wait', async () => {
    const hall = sampleHall('demo');
    const clock = new TestClock(Date.parse('2026-11-30T09:00:00+08:00'));
    const s = await startTestServer(hall, { clock });
    servers.push(s);
    const issue = async () =>
      (
        await s.api('POST', `/halls/${hall.id}/tickets`, {
          token: 'demo-kiosk',
          body: { serviceId: 'labor' },
        })
      ).body;

    // window 1 serves one resident who only had a question: 5 seconds
    const clerk = await s.login('clerk1');
    await s.api('POST', `/halls/${hall.id}/windows/1/open`, { token: clerk });
    await issue();
    await s.api('POST', `/halls/${hall.id}/windows/1/call-next`, { token: clerk });
    await s.api('POST', `/halls/${hall.id}/windows/1/start`, { token: clerk });
    clock.advance(5_000);
    const done = await s.api('POST', `/halls/${hall.id}/windows/1/finish`, {
      token: clerk,
      body: { outcome: 'consulted' },
    });
    expect(done.status).toBe(200);

    // two residents take tickets: the third is told about the two ahead, by the configured 8 min
    await issue();
    await issue();
    const third = await issue();
    expect(third.waitingAhead).toBe(2);
    expect(third.estimatedWaitMinutes).toBe(Math.round((2.5 * 8) / 1));

    const labor = (await s.api('GET', `/halls/${hall.id}`)).body.services.find(
      (x: { id: string }) => x.id === 'labor',
    );
    expect(labor.waiting).toBe(3);
    expect(labor.estimatedWaitMinutes).toBe(Math.round(3.5 * 8));
  });

  it('tells each ticket what a read of the whole hall tells, with windows shared in both modes', async () => {
    // demo: windows 1 and 2 serve labor alone, 5 finance and construction (oldest first),
    // 6 every service in order; window 1 is on a brief pause, 2 is closed
    const hall = sampleHall('demo');
    const clock = new TestClock(Date.parse('2026-11-30T09:00:00+08:00'));
    const s = await startTestServer(hall, { clock });
    servers.push(s);
    const h = `/halls/${hall.id}`;
    const clerks: Record<string, string> = {};
    for (const [clerk, window] of [
      ['clerk1', '1'],
      ['clerk5', '5'],
      ['clerk6', '6'],
    ] as const) {
      clerks[window] = await s.login(clerk);
      const opened = await s.api('POST', `${h}/windows/${window}/open`, { token: clerks[window] });
      expect(opened.status).toBe(200);
    }
    const paused = await s.api('POST', `${h}/windows/1/pause`, {
      token: clerks['1'],
      body: { kind: 'brief' },
    });
    expect(paused.status).toBe(200);
    // window 6 learns a mean for party (5 services of 2 minutes): it no longer uses the file's
    for (let i = 0; i < 5; i++) {
      await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'party' } });
      await s.api('POST', `${h}/windows/6/call-next`, { token: clerks['6'] });
      await s.api('POST', `${h}/windows/6/start`, { token: clerks['6'] });
      clock.advance(120_000);
      const done = await s.api('POST', `${h}/windows/6/finish`, {
        token: clerks['6'],
        body: { outcome: 'done' },
      });
      expect(done.status).toBe(200);
    }

    const node = s.halls.get(hall.id)!;
    const order = ['labor', 'finance', 'construction', 'civil', 'party', 'family'];
    const seen = new Set<number | null>();
    for (let i = 0; i < 30; i++) {
      const serviceId = order[i % order.length]!;
      const r = await s.api('POST', `${h}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId, ...(i % 4 === 1 ? { priority: 'green' } : {}) },
      });
      expect(r.status).toBe(201);
      const full = await node.estimator();
      expect(r.body.estimatedWaitMinutes, `${serviceId}, ticket ${i}`).toBe(
        full(serviceId, r.body.waitingAhead),
      );
      seen.add(r.body.estimatedWaitMinutes);
      // window 5 closes half way: finance and construction lean on window 6 alone
      if (i === 14)
        expect((await s.api('POST', `${h}/windows/5/close`, { token: clerks['5'] })).status).toBe(
          200,
        );
    }
    // the figures differ from ticket to ticket, so agreeing says something
    expect(seen.size).toBeGreaterThan(5);
  });
});
