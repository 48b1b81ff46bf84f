// Issue 18: the API's routes are matched from a table built once and a change's answer is
// written directly (docs/decisions/067). What a client sees stays as express gave it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'));
});
afterAll(() => s?.close());

const get = (path: string, init: RequestInit = {}) => fetch(`${s.url}/api/v1${path}`, init);

describe('route matching', () => {
  it('takes a trailing slash, any case of the fixed words, an escaped id, and HEAD for GET', async () => {
    const plain = await get(`/halls/${s.hall.id}`);
    expect(plain.status).toBe(200);
    const snapshot = (await plain.json()) as { id: string };
    expect(snapshot.id).toBe(s.hall.id);
    for (const path of [
      `/halls/${s.hall.id}/`,
      `/HALLS/${s.hall.id}`,
      `/halls/%${s.hall.id.charCodeAt(0).toString(16)}${s.hall.id.slice(1)}`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(s.hall.id);
    }
    const head = await get(`/halls/${s.hall.id}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toContain('application/json');
    expect(await head.text()).toBe('');
  });

  it('answers a malformed escape with 400, an unknown path with 404 and a wrong method with 405', async () => {
    const bad = await get('/halls/%E0%A4%A', { headers: { 'accept-language': 'en' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    // the same with a body, where the path is read after the body arrived
    const withBody = await get('/halls/%E0%A4%A/tickets', {
      method: 'POST',
      headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'labor' }),
    });
    expect(withBody.status).toBe(400);
    expect((await get(`/halls/${s.hall.id}`)).status).toBe(200);
    const unknown = await get(`/halls/${s.hall.id}/tickets/extra/words`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
    const wrong = await get(`/halls/${s.hall.id}/tickets`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});

describe('answers', () => {
  it('gives a new ticket as JSON with its length and the security headers, without an ETag', async () => {
    const res = await get(`/halls/${s.hall.id}/tickets`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'labor' }),
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect((JSON.parse(text) as { number: string }).number).toBe('A001');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('etag')).toBeNull();
  });

  it('keeps the ETag of a read, and 304 when it has not changed', async () => {
    const first = await get(`/halls/${s.hall.id}/printers`, {
      headers: { authorization: 'Bearer demo-kiosk' },
    });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"/);
    const again = await get(`/halls/${s.hall.id}/printers`, {
      // (fetch would add Cache-Control: no-cache to a conditional request, as browsers do)
      headers: {
        authorization: 'Bearer demo-kiosk',
        'if-none-match': etag ?? '',
        'cache-control': 'max-age=0',
      },
    });
    expect(again.status).toBe(304);
  });
});
