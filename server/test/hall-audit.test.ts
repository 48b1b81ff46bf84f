// The audit log reaches back past the event stream's trimming: the staff actions of a day the
// reports archived and trimmed are read from its archive file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'audit-'));
// three days ago at this hour: stream ids (Redis's clock) and event times differ, as they may
const clock = new TestClock(Date.now() - 3 * 86_400_000);
let s: TestServer;

beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), { clock, dataDir });
});
afterAll(async () => {
  await s.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('lists a trimmed day’s chosen call and re-queue from the archive, with the clerk who did them', async () => {
  const h = s.hall.id;
  // after the configuration was seeded at start
  clock.advance(60_000);
  const dayStart = clock.now() - 1000;
  const kiosk = { token: 'demo-kiosk', body: { serviceId: 'labor' } };
  const first = (await s.api('POST', `/halls/${h}/tickets`, kiosk)).body;
  const second = (await s.api('POST', `/halls/${h}/tickets`, kiosk)).body;
  const clerk1 = await s.login('clerk1');
  const w1 = `/halls/${h}/windows/1`;
  await s.api('POST', `${w1}/open`, { token: clerk1 });
  const chosen = await s.api('POST', `${w1}/call`, {
    token: clerk1,
    body: { ticketId: second.id, reason: '老人行动不便' },
  });
  expect(chosen.status).toBe(200);
  await s.api('POST', `${w1}/no-show`, { token: clerk1 });
  await s.api('POST', `${w1}/requeue`, { token: clerk1, body: { ticketId: second.id } });
  const dayEnd = clock.now() + 60_000;
  // two days later: the first day is archived and trimmed from the stream
  clock.advance(2 * 86_400_000);
  await s.api('POST', `/halls/${h}/tickets`, kiosk);
  const history = s.reports.get(h)?.history;
  await history?.maintain();
  expect((await history?.archiveFiles())?.length).toBeGreaterThan(0);
  expect(await s.redis.get(hallKeys(h).eventsTrimmedBefore)).toBeTruthy();
  const sup = await s.login('supervisor');
  const from = encodeURIComponent(new Date(dayStart).toISOString());
  const to = encodeURIComponent(new Date(dayEnd).toISOString());
  const r = await s.api('GET', `/halls/${h}/audit?from=${from}&to=${to}`, { token: sup });
  expect(r.status).toBe(200);
  const kinds = (r.body.entries as { kind: string }[]).map((e) => e.kind);
  expect(kinds).toEqual(['ticket.chosen_call', 'ticket.requeued']);
  expect(r.body.entries[0]).toMatchObject({
    by: 'clerk1',
    ticketId: second.id,
    number: second.number,
    windowId: '1',
    detail: '老人行动不便',
  });
  expect(r.body.entries[1]).toMatchObject({ by: 'clerk1', ticketId: second.id });
  expect(first.id).not.toBe(second.id);
});
