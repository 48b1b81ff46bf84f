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
});
