// Issue 14, finding 1: the public ticket id is not a credential. An outsider who reads every
// public screen and event cannot read a ticket or forge a rating; the phone link's key can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_RATINGS_PER_MINUTE } from '../src/api/rate-limits.js';
import { hallKeys } from '../src/store/keys.js';
import { recordHall, waitUntil } from './realtime-helpers.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
let clerk = '';
beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'));
  clerk = await s.login('clerk3');
  expect((await s.api('POST', `/halls/${s.hall.id}/windows/3/open`, { token: clerk })).status).toBe(
    200,
  );
});
afterAll(() => s?.close());

const ratings = () => `/halls/${s.hall.id}/windows/3/ratings`;

/** Issues, calls, serves and finishes one ticket at window 3; the kiosk's answer (with its phone link). */
async function serveOne(): Promise<{ id: string; phoneUrl: string }> {
  const issued = await s.api('POST', `/halls/${s.hall.id}/tickets`, {
    token: 'demo-kiosk',
    body: { serviceId: 'civil' },
  });
  expect(issued.status).toBe(201);
  for (const action of ['call-next', 'start'])
    expect(
      (await s.api('POST', `/halls/${s.hall.id}/windows/3/${action}`, { token: clerk })).status,
    ).toBe(200);
  const finished = await s.api('POST', `/halls/${s.hall.id}/windows/3/finish`, {
    token: clerk,
    body: { outcome: 'done' },
  });
  expect(finished.status).toBe(200);
  // the clerk never sees the key: a clerk cannot rate their own service as the resident
  expect(finished.body.phoneUrl).toBeUndefined();
  return issued.body;
}

describe('rating forgery (issue 14, finding 1)', () => {
  it('refuses every forged rating and ticket read made from public data; the real evaluator still rates', async () => {
    const watcher = recordHall(s.url, s.hall.id); // an anonymous socket, as any outsider has
    let refused = 0;
    let attempts = 0;
    const forge = async (label: string, run: () => Promise<{ status: number; body: any }>) => {
      attempts++;
      const r = await run();
      if (r.status >= 400) refused++;
      return { label, ...r };
    };
    try {
      for (let i = 0; i < 20; i++) {
        const ticket = await serveOne();
        // what the anonymous snapshot shows: numbers and the prompt's deadline, no ticket ids
        const snapshot = await s.api('GET', `/halls/${s.hall.id}`);
        const w3 = snapshot.body.windows.find((w: { id: string }) => w.id === '3');
        expect(w3.awaitingRating.deadline).toBeTypeOf('string');
        expect(w3.awaitingRating.ticketId).toBeUndefined();
        expect(JSON.stringify(snapshot.body)).not.toContain(ticket.id);
        // the anonymous socket still names the ticket in its events; the id alone proves nothing
        await waitUntil(
          () =>
            watcher.events.some(
              (e) =>
                e.type === 'ticket.finished' &&
                (e.data as { ticketId: string }).ticketId === ticket.id,
            ),
          () => `ticket.finished of ${ticket.id} on the anonymous socket`,
          10_000,
        );
        const id = ticket.id;
        const tries = [
          await forge('id only', () =>
            s.api('POST', ratings(), { body: { score: 1, source: 'mobile', ticketId: id } }),
          ),
          await forge('made-up key', () =>
            s.api('POST', ratings(), {
              body: { score: 1, source: 'mobile', ticketId: id, key: 'A'.repeat(22) },
            }),
          ),
          await forge('kiosk token', () =>
            s.api('POST', ratings(), {
              token: 'demo-kiosk',
              body: { score: 1, source: 'screen', ticketId: id },
            }),
          ),
          await forge('read without key', () => s.api('GET', `/tickets/${id}`)),
          await forge('read with a wrong key', () =>
            s.api('GET', `/tickets/${id}?k=${'B'.repeat(22)}`),
          ),
        ];
        expect(tries.map((t) => [t.label, t.status])).toEqual([
          ['id only', 401],
          ['made-up key', 401],
          ['kiosk token', 403],
          ['read without key', 404],
          ['read with a wrong key', 404],
        ]);
        // a wrong key reads like a ticket that does not exist: no oracle for ids
        expect(tries[3]!.body.error.code).toBe('ticket_not_found');
        // the real evaluator press is not refused as already_rated
        const real = await s.api('POST', ratings(), {
          token: 'demo-evaluator',
          body: { score: 5, source: 'device' },
        });
        expect(real.status).toBe(201);
        expect(real.body).toMatchObject({ ticketId: id, score: 5 });
      }
      console.log(`forged ratings and reads from public data: ${refused} of ${attempts} refused`);
      expect(refused).toBe(attempts);
      // no bad rating, so no follow-up was opened against the clerk
      expect(await s.redis.scard(hallKeys(s.hall.id).followUpsPending)).toBe(0);
    } finally {
      watcher.close();
    }
  });

  it("the phone link's key reads the ticket and rates it once, from the phone", async () => {
    const ticket = await serveOne();
    const link = new URL(ticket.phoneUrl);
    const key = link.searchParams.get('k');
    expect(link.pathname).toBe(`/kiosk/t/${ticket.id}`);
    expect(key).toMatch(/^[\w-]{22}$/);
    const read = await s.api('GET', `/tickets/${ticket.id}?k=${key}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: ticket.id, status: 'done', ratingStatus: 'awaiting' });
    expect(read.body.phoneUrl).toBe(ticket.phoneUrl);
    // the key of one ticket does not open another
    const other = await serveOne();
    expect((await s.api('GET', `/tickets/${other.id}?k=${key}`)).status).toBe(404);
    const rated = await s.api('POST', ratings(), {
      body: {
        score: 4,
        source: 'mobile',
        ticketId: other.id,
        key: new URL(other.phoneUrl).searchParams.get('k'),
      },
    });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ ticketId: other.id, score: 4, source: 'mobile' });
    // staff and devices of the hall read tickets with their token, without the key
    const byDevice = await s.api('GET', `/tickets/${ticket.id}`, { token: 'demo-screen' });
    expect(byDevice.status).toBe(200);
    expect(byDevice.body.phoneUrl).toBeUndefined();
    await s.api('POST', `/halls/${s.hall.id}/tickets`, {
      token: 'demo-kiosk',
      body: { serviceId: 'civil' },
    });
    const upcoming = await s.api('GET', `/halls/${s.hall.id}/windows/3/upcoming`, { token: clerk });
    expect(upcoming.body.tickets.length).toBeGreaterThan(0);
    expect(JSON.stringify(upcoming.body)).not.toContain('?k=');
  });

  it('limits anonymous ratings per address: 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < ANONYMOUS_RATINGS_PER_MINUTE + 2; i++) {
      const res = await fetch(`${s.url}/api/v1${ratings()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          score: 1,
          source: 'mobile',
          ticketId: `${s.hall.id}.x${i}`,
          key: 'k',
        }),
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(
      ANONYMOUS_RATINGS_PER_MINUTE,
    );
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
