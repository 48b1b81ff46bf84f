// A scripted month served by two server nodes that fold the same stream at once,
// one of them restarted mid-month: every figure counted once, none lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

/** Nearest rank: the smallest value with at least ceil(p·n) values at or below it. */
function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? NaN;
}

describe('a month on two nodes, one restarted (流动红旗 month, exactly once)', () => {
  const clock = new TestClock(Date.parse('2026-11-01T08:30:00+08:00'));
  const hall = sampleHall('demo');
  const nodes: TestServer[] = [];
  const expected = { issued: 0, served: 0, rated: 0, satisfied: 0, waits: [] as number[] };
  const perDay: number[] = [];
  let supervisor = '';

  beforeAll(async () => {
    // both nodes fold every 5 ms, racing each other for every batch
    for (let i = 0; i < 2; i++)
      nodes.push(await startTestServer(hall, { clock, reportsEveryMs: 5 }));
    const clerk = await nodes[0]!.login('clerk3');
    supervisor = await nodes[1]!.login('supervisor');
    const h = hall.id;
    let n = 0;
    const node = () => nodes[n++ % nodes.length]!;
    const ok = async (path: string, token: string, body?: unknown) => {
      const r = await node().api('POST', `/halls/${h}${path}`, { token, body });
      expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBeLessThan(300);
    };
    await ok('/windows/3/open', clerk);
    for (let day = 1; day <= 30; day++) {
      const date = `2026-11-${String(day).padStart(2, '0')}`;
      clock.set(`${date}T09:00:00+08:00`);
      const tickets = 1 + (day % 3);
      for (let t = 0; t < tickets; t++) await ok('/tickets', 'demo-kiosk', { serviceId: 'civil' });
      perDay.push(tickets);
      expected.issued += tickets;
      for (let t = 0; t < tickets; t++) {
        // each ticket waits a few whole minutes more than the one before
        const wait = (day % 7) + t * 4;
        clock.set(`${date}T09:00:00+08:00`);
        clock.advance(wait * 60_000);
        await ok('/windows/3/call-next', clerk);
        await ok('/windows/3/start', clerk);
        clock.advance(6 * 60_000);
        await ok('/windows/3/finish', clerk, { outcome: 'done' });
        expected.waits.push(wait);
        expected.served++;
        if ((day + t) % 2 === 0) {
          const score = (day + t) % 4 === 0 ? 5 : 3;
          await ok('/windows/3/ratings', 'demo-display-3', { score, source: 'screen' });
          expected.rated++;
          if (score >= 4) expected.satisfied++;
        }
        if (day === 15 && t === 0) {
          // restart node 0 in the middle of a day, while node 1 keeps folding
          await nodes[0]!.close();
          nodes[0] = await startTestServer(hall, { clock, reportsEveryMs: 5 });
        }
      }
    }
  });
  afterAll(async () => {
    for (const s of nodes) await s.close();
  });

  it('reports the month with every ticket counted once', async () => {
    const r = await nodes[0]!.api(
      'GET',
      `/halls/${hall.id}/reports?from=2026-11-01&to=2026-11-30`,
      { token: supervisor },
    );
    expect(r.status).toBe(200);
    const row = r.body.rows[0];
    const mean = expected.waits.reduce((a, b) => a + b, 0) / expected.waits.length;
    expect(row).toMatchObject({
      issued: expected.issued,
      served: expected.served,
      ratingsOffered: expected.served,
      ratingsGiven: expected.rated,
      satisfactionRate: Math.round((expected.satisfied / expected.rated) * 10_000) / 10_000,
      waitMinutes: {
        mean: Math.round(mean * 10) / 10,
        median: nearestRank(expected.waits, 0.5),
        p90: nearestRank(expected.waits, 0.9),
      },
      serviceMinutes: { mean: 6, median: 6, p90: 6 },
      withinLimitRate: 1,
    });
    expect(r.body.days.map((d: { issued: number }) => d.issued)).toEqual(perDay);
    // the fold reached the last event of the stream
    const k = hallKeys(hall.id);
    const last = (await nodes[1]!.redis.xrevrange(k.events, '+', '-', 'COUNT', 1))[0]?.[0];
    expect(await nodes[1]!.redis.get(k.reportCursor)).toBe(last);
    // the same figures from the other node
    const other = await nodes[1]!.api(
      'GET',
      `/halls/${hall.id}/reports?from=2026-11-01&to=2026-11-30`,
      { token: supervisor },
    );
    expect(other.body).toEqual(r.body);
    const ranking = await nodes[1]!.api('GET', `/halls/${hall.id}/ranking?month=2026-11`, {
      token: supervisor,
    });
    expect(ranking.body.clerks[0]).toMatchObject({
      key: 'clerk3',
      rank: 1,
      served: expected.served,
    });
  });
});
