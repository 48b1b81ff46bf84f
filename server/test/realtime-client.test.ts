// The shared realtime client against a real server: it applies events to its state and reads
// the hall over HTTP only for what events do not carry (texts soon, estimates on a slow clock).
import { connectHall, type HallConnection } from '@hall/protocol';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';
import { waitUntil } from './realtime-helpers.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function server(): Promise<TestServer> {
  const s = await startTestServer(
    sampleHall('demo', (h) => {
      h.devices = h.devices.filter((d) => d.kind !== 'printer');
    }),
  );
  cleanup.push(() => s.close());
  return s;
}

describe('realtime client', () => {
  it('applies calls and tickets from events without reading the hall again; a notice is read soon', async () => {
    const s = await server();
    const h = `/halls/${s.hall.id}`;
    const reads: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      reads.push(input instanceof Request ? input.url : input.toString());
      return fetch(input, init);
    };
    const conn: HallConnection = connectHall({
      url: s.url,
      hallId: s.hall.id,
      io,
      fetch: countingFetch,
      refetchDelayMs: 50,
      estimatesEveryMs: 60_000,
      socketOptions: { transports: ['websocket'] },
    });
    cleanup.push(() => conn.close());
    await waitUntil(
      () => conn.status === 'live',
      () => conn.status,
    );

    const clerk = await s.login('clerk1');
    await s.api('POST', `${h}/windows/1/open`, { token: clerk });
    for (let i = 0; i < 3; i++)
      await s.api('POST', `${h}/tickets`, { token: 'demo-kiosk', body: { serviceId: 'labor' } });
    const called = await s.api('POST', `${h}/windows/1/call-next`, { token: clerk });
    expect(called.status).toBe(200);
    await waitUntil(
      () => conn.state?.windows.find((w) => w.id === '1')?.currentNumber === called.body.number,
      () => JSON.stringify(conn.state?.windows[0]),
    );
    const labor = conn.state?.services.find((x) => x.id === 'labor');
    expect(labor?.waiting).toBe(2);
    expect(conn.state?.windows.find((w) => w.id === '1')?.status).toBe('open');
    expect(reads).toEqual([]);

    // a notice's text is not in its event: the client reads the hall once, soon
    const supervisor = await s.login('supervisor');
    const notice = await s.api('POST', `${h}/notices`, {
      token: supervisor,
      body: { text: '医保政策调整' },
    });
    expect(notice.status).toBe(201);
    await waitUntil(
      () => conn.state?.notices.some((n) => n.text === '医保政策调整') === true,
      () => JSON.stringify(conn.state?.notices),
    );
    expect(reads).toEqual([`${s.url}/api/v1/halls/${s.hall.id}`]);
    // what the events told stays
    expect(conn.state?.services.find((x) => x.id === 'labor')?.waiting).toBe(2);
  });
});
