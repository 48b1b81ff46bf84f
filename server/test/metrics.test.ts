// GET /metrics after a scripted morning: the counters say what the hall did.
import { afterEach, describe, expect, it } from 'vitest';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** The value of one sample of the exposition, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf('}'));
    const parts = inner.split(',');
    if (wanted.every((w) => parts.includes(w))) return Number(line.slice(line.indexOf('}') + 2));
  }
  return undefined;
}

async function scrapeAt(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

async function scrape(t: TestServer, token?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${t.url}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, text: await res.text() };
}

/** Scrapes until `ready` holds (the counters follow the stream a moment after the request). */
async function scrapeUntil(t: TestServer, ready: (text: string) => boolean): Promise<string> {
  let text = '';
  for (let i = 0; i < 50; i++) {
    text = (await scrape(t)).text;
    if (ready(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  return text;
}

describe('GET /metrics', () => {
  it('counts tickets issued, calls, recalls and served per service, and the waiting now', async () => {
    s = await startTestServer(sampleHall('demo'));
    const t = s;
    const hall = t.hall.id;
    const issue = (serviceId: string) =>
      t.api('POST', `/halls/${hall}/tickets`, { token: 'demo-kiosk', body: { serviceId } });
    for (let i = 0; i < 3; i++) expect((await issue('labor')).status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await issue('civil')).status).toBe(201);
    // a bad request is counted by the HTTP histogram, not as a ticket
    expect((await issue('no-such-service')).status).toBe(404);

    const token = await t.login('clerk1');
    const w1 = (action: string, body?: unknown) =>
      t.api('POST', `/halls/${hall}/windows/1/${action}`, {
        token,
        ...(body !== undefined ? { body } : {}),
      });
    expect((await w1('open')).status).toBe(200);
    expect((await w1('call-next')).body.serviceId).toBe('labor');
    expect((await w1('recall')).status).toBe(200);
    expect((await w1('start')).status).toBe(200);
    expect((await w1('finish', { outcome: 'done' })).status).toBe(200);
    expect((await w1('call-next')).body.serviceId).toBe('labor');
    // the clerk hands this one on to window 3's own queue
    expect((await w1('start')).status).toBe(200);
    expect((await w1('transfer', { toWindowId: '3' })).status).toBe(200);

    const text = await scrapeUntil(
      t,
      (x) => sample(x, 'hall_calls_total', { hall, service: 'labor', kind: 'call' }) === 2,
    );
    expect(sample(text, 'hall_tickets_issued_total', { hall, service: 'labor' })).toBe(3);
    expect(sample(text, 'hall_tickets_issued_total', { hall, service: 'civil' })).toBe(2);
    expect(sample(text, 'hall_calls_total', { hall, service: 'labor', kind: 'call' })).toBe(2);
    expect(sample(text, 'hall_calls_total', { hall, service: 'labor', kind: 'recall' })).toBe(1);
    expect(
      sample(text, 'hall_tickets_served_total', { hall, service: 'labor', outcome: 'done' }),
    ).toBe(1);
    // waiting now: 3 − 2 called for labor, both civil tickets, nobody for family
    expect(sample(text, 'hall_waiting_tickets', { hall, service: 'labor' })).toBe(1);
    expect(sample(text, 'hall_waiting_tickets', { hall, service: 'civil' })).toBe(2);
    expect(sample(text, 'hall_waiting_tickets', { hall, service: 'family' })).toBe(0);
    expect(sample(text, 'hall_window_waiting_tickets', { hall, window: '3' })).toBe(1);
    expect(sample(text, 'hall_window_waiting_tickets', { hall, window: '1' })).toBe(0);
    // every event the test caused was read by this node's stream reader
    expect(sample(text, 'hall_event_stream_lag_seconds_count', { hall })).toBeGreaterThanOrEqual(9);

    // latency by route template, never by raw path (no hall id in the label); each node
    // times its own requests, so the hall's total is the sum over the nodes
    const texts = await Promise.all((t.urls ?? [t.url]).map((u) => scrapeAt(u)));
    const requests = (status: string) =>
      texts.reduce(
        (n, x) =>
          n +
          (sample(x, 'hall_http_request_duration_seconds_count', {
            method: 'POST',
            route: '/api/v1/halls/:hallId/tickets',
            status,
          }) ?? 0),
        0,
      );
    expect(requests('201')).toBe(5);
    expect(requests('404')).toBe(1);
    for (const x of texts) expect(x).not.toContain(`route="/api/v1/halls/${hall}`);
    expect(text).toContain('hall_sockets_connected');
    expect(text).toContain('hall_redis_errors_total');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('asks for the token when METRICS_TOKEN is set', async () => {
    const token = 'metrics-secret-0123456789';
    const hall = sampleHall('demo');
    s = await startTestServer(hall, { metricsToken: token });
    const refused = await scrape(s);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).error.code).toBe('unauthorized');
    expect((await scrape(s, 'wrong-token-0123456789')).status).toBe(401);
    const ok = await scrape(s, token);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('hall_tickets_issued_total');
  });
});
