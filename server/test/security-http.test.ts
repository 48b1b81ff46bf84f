// Issue 14, findings 7, 8 and 10: security headers, JSON-only bodies, 405 with Allow, 401 with
// WWW-Authenticate, 429 with Retry-After, control characters refused, password hashes upgraded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authKeys, hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
let clerk = '';
beforeAll(async () => {
  s = await startTestServer(
    sampleHall('demo', (h) => {
      h.rateLimits.ticketsPerMinutePerDevice = 3;
    }),
    { server: { trustedProxies: ['loopback'] } },
  );
  clerk = await s.login('clerk3');
});
afterAll(() => s?.close());

describe('security headers (finding 7)', () => {
  it('sends CSP, no framing, nosniff and no referrer; HSTS only over HTTPS', async () => {
    for (const path of ['/api/v1/halls/' + s.hall.id, '/healthz', '/api/v1/openapi.json']) {
      const res = await fetch(`${s.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    // behind the (trusted) TLS proxy
    const tls = await fetch(`${s.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });
});

describe('request hygiene (findings 8 and 10)', () => {
  it('accepts only JSON bodies: a text/plain rating or a form login is 415 and changes nothing', async () => {
    const events = await s.redis.xlen(hallKeys(s.hall.id).events);
    const rating = await fetch(`${s.url}/api/v1/halls/${s.hall.id}/windows/3/ratings`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ score: 1, source: 'device' }),
    });
    expect(rating.status).toBe(415);
    expect((await rating.json()).error.code).toBe('unsupported_media_type');
    const form = await fetch(`${s.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      body: 'username=clerk1&password=demo1234',
    });
    expect(form.status).toBe(415);
    expect((await form.json()).error.message).toContain('application/json');
    expect(await s.redis.xlen(hallKeys(s.hall.id).events)).toBe(events);
    // an action without a body needs no content type
    const open = await s.api('POST', `/halls/${s.hall.id}/windows/3/open`, { token: clerk });
    expect(open.status).toBe(200);
  });

  it('answers a wrong method on a known path with 405 and Allow', async () => {
    const get = await s.api('GET', `/halls/${s.hall.id}/windows/3/call-next`, { token: clerk });
    expect(get.status).toBe(405);
    expect(get.body.error.code).toBe('method_not_allowed');
    expect(get.headers.get('allow')).toBe('POST');
    const del = await s.api('DELETE', `/halls/${s.hall.id}`);
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    expect((await s.api('GET', '/no/such/path')).status).toBe(404);
  });

  it('says how to authenticate on 401 and when to come back on 429', async () => {
    const bad = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token: 'not-a-token',
      body: { serviceId: 'labor' },
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer realm="hall-queue"/);
    const wrong = await s.api('POST', '/auth/login', {
      body: { username: 'clerk1', password: 'nope', hallId: s.hall.id },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    let limited = { status: 0, headers: new Headers() };
    for (let i = 0; i < 4; i++)
      limited = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: 'labor' },
      });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses control characters in text fields (codes, notes, reasons, notices)', async () => {
    const supervisor = await s.login('supervisor');
    const cases: [string, string, unknown, string][] = [
      [
        'appointment code',
        `/halls/${s.hall.id}/tickets`,
        { serviceId: 'labor', appointmentCode: '20\u000026' },
        'appointmentCode',
      ],
      [
        'pause note',
        `/halls/${s.hall.id}/windows/3/pause`,
        { kind: 'brief', note: 'back\u001b[2J soon' },
        'note',
      ],
      [
        'call reason',
        `/halls/${s.hall.id}/windows/3/call`,
        { ticketId: `${s.hall.id}.x`, reason: 'vip\u202e' },
        'reason',
      ],
      ['notice', `/halls/${s.hall.id}/notices`, { text: '通知\u0007' }, 'text'],
    ];
    const events = await s.redis.xlen(hallKeys(s.hall.id).events);
    for (const [label, path, body, field] of cases) {
      const token =
        label === 'notice' ? supervisor : label === 'appointment code' ? 'demo-kiosk' : clerk;
      const r = await s.api('POST', path, { token, body });
      expect([label, r.status, r.body.error.code, r.body.error.field]).toEqual([
        label,
        400,
        'invalid_request',
        field,
      ]);
    }
    expect(await s.redis.xlen(hallKeys(s.hall.id).events)).toBe(events);
    // a notice may still have line breaks
    const notice = await s.api('POST', `/halls/${s.hall.id}/notices`, {
      token: supervisor,
      body: { text: '今日下午\n系统维护' },
    });
    expect(notice.status).toBe(201);
  });

  it("upgrades a staff member's password hash at login, and the hall file's new password still wins", async () => {
    const key = authKeys.rehash(s.hall.id, 'clerk2');
    expect(await s.redis.get(key)).toBeNull();
    await s.login('clerk2');
    const upgraded = JSON.parse((await s.redis.get(key)) ?? '{}') as { hash: string };
    expect(upgraded.hash).toMatch(/^scrypt\$16384\$8\$5\$/);
    // the next login checks the upgraded hash
    await s.login('clerk2');
    expect(JSON.parse((await s.redis.get(key)) ?? '{}')).toEqual(upgraded);
    const wrong = await s.api('POST', '/auth/login', {
      body: { username: 'clerk2', password: 'demo12345', hallId: s.hall.id },
    });
    expect(wrong.status).toBe(401);
  });

  it('the OpenAPI document has logout, ending sessions, the phone key and the new codes', async () => {
    const doc = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }
        >
      >;
    };
    expect(doc.paths['/api/v1/auth/logout']?.post).toBeDefined();
    expect(doc.paths['/api/v1/halls/{hallId}/staff/{userId}/end-sessions']?.post).toBeDefined();
    const ticket = doc.paths['/api/v1/tickets/{ticketId}']?.get;
    expect(ticket?.parameters?.some((p) => p.name === 'k' && p.in === 'query')).toBe(true);
    expect(
      JSON.stringify(doc.paths['/api/v1/halls/{hallId}/windows/{windowId}/ratings']),
    ).toContain('rate_limited');
  });
});
