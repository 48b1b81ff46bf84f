// The reports fold on what a busy hall's stream holds: events it passes over (print jobs,
// alerts, notices, types added later), a backlog of thousands of tickets, hour and day
// boundaries in a zone whose hours start at a quarter past, an issue the client sent twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HallConfig } from '../src/config/hall-config.js';
import { History } from '../src/reports/history.js';
import { ReportService } from '../src/reports/report-service.js';
import { ReportStore } from '../src/reports/report-store.js';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall } from './helpers.js';

type Event = [at: number, type: string, data: Record<string, unknown> | null];

describe('the reports fold of 统计报表 and 台帐', () => {
  let redis: Redis;
  const dirs: string[] = [];

  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(() => {
    redis.disconnect();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A hall's history over its own stream (keys of a fresh hall id). */
  function historyOf(hall: HallConfig, dataDir: string | null = null, now = () => Date.now()) {
    const store = new ReportStore(redis);
    const history = new History(store, hall, { dataDir, now });
    return { store, history, service: new ReportService(store, history) };
  }

  /** Appends events as the hall's scripts do (a `data` JSON field; null: an entry without one). */
  async function append(hall: HallConfig, events: Event[]): Promise<void> {
    const k = hallKeys(hall.id);
    for (let i = 0; i < events.length; i += 1000) {
      const pipe = redis.pipeline();
      for (const [at, type, data] of events.slice(i, i + 1000)) {
        if (data)
          pipe.xadd(k.events, '*', 'type', type, 'at', String(at), 'data', JSON.stringify(data));
        else pipe.xadd(k.events, '*', 'type', type, 'at', String(at), 'by', 'file');
      }
      await pipe.exec();
    }
  }

  const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

  /** A morning of two tickets at window 1: issued, called, started, finished, rated. */
  function morning(zone: string): Event[] {
    const at = (hm: string) => local(`2026-11-02T${hm}`, zone);
    const ticket = (id: string, number: string) => ({ ticketId: id, number, serviceId: 'labor' });
    return [
      [at('08:59'), 'window.opened', { windowId: '1', clerkId: 'clerk1' }],
      [at('09:00'), 'ticket.issued', { ...ticket('t1', 'A001'), priority: 'normal' }],
      [at('09:01'), 'ticket.issued', { ...ticket('t2', 'A002'), priority: 'green' }],
      [at('09:05'), 'ticket.called', { ...ticket('t2', 'A002'), windowId: '1', reason: 'oldest' }],
      [at('09:06'), 'ticket.started', { ...ticket('t2', 'A002'), windowId: '1' }],
      [at('09:20'), 'ticket.finished', { ...ticket('t2', 'A002'), windowId: '1', outcome: 'done' }],
      [
        at('09:21'),
        'rating.recorded',
        { ticketId: 't2', windowId: '1', clerkId: 'clerk1', score: 5 },
      ],
      [at('09:22'), 'ticket.called', { ...ticket('t1', 'A001'), windowId: '1', reason: 'oldest' }],
      [at('09:25'), 'ticket.no_show', { ...ticket('t1', 'A001'), windowId: '1' }],
      [at('11:00'), 'window.paused', { windowId: '1', kind: 'brief' }],
    ];
  }

  /** What the fold passes over: print jobs, alerts, notices, a config change, a later type. */
  function uncounted(at: number): Event[] {
    return [
      [at, 'print.updated', { jobId: 'j1', ticketId: 't1', kind: 'ticket', status: 'queued' }],
      [at, 'alert.raised', { alertId: 'a1', kind: 'wait', ticketId: 't1', windowId: '1' }],
      [at, 'notice.published', { noticeId: 'n1', text: '请携带身份证' }],
      [at, 'config.seeded', null],
      [at, 'ticket.some_later_kind', { ticketId: 't1', windowId: '1' }],
    ];
  }

  it('passes over the events it does not count: the same figures and ledger, the cursor at the last event, every event archived', async () => {
    const zone = 'Asia/Shanghai';
    const plain = sampleHall('demo');
    const busy = sampleHall('demo');
    const day = morning(zone);
    await append(plain, day);
    // the busy hall's stream has the same events between many it does not count, and ends on one
    const mixed: Event[] = [];
    for (const e of day) mixed.push(...uncounted(e[0] - 1), e, ...uncounted(e[0]));
    await append(busy, mixed);
    const dir = mkdtempSync(join(tmpdir(), 'hall-fold-'));
    dirs.push(dir);
    const a = historyOf(plain);
    const b = historyOf(busy, dir, () => local('2026-11-05T09:00', zone));

    const date = '2026-11-02';
    const reportA = await a.service.report(date, date, 'window');
    const reportB = await b.service.report(date, date, 'window');
    expect({ ...reportB, hallId: plain.id }).toEqual(reportA);
    expect(reportB.total.issued).toBe(2);
    expect(reportB.total.served).toBe(1);
    expect(reportB.total.noShow).toBe(1);
    expect(reportB.total.ratingsGiven).toBe(1);
    expect(await b.service.cases(date, {})).toEqual(await a.service.cases(date, {}));
    expect((await b.service.cases(date, {})).map((c) => [c.number, c.status])).toEqual([
      ['A001', 'no_show'],
      ['A002', 'done'],
    ]);
    expect(await b.service.attendance(date, date)).toEqual(await a.service.attendance(date, date));

    // the cursor stands on the stream's last entry (one the fold does not count)
    const kb = hallKeys(busy.id);
    const [last] = await redis.xrevrange(kb.events, '+', '-', 'COUNT', 1);
    expect(last?.[1]).toEqual([
      'type',
      'ticket.some_later_kind',
      'at',
      expect.any(String),
      'data',
      expect.any(String),
    ]);
    expect(await redis.get(kb.reportCursor)).toBe(last?.[0]);

    // the day's archive holds every event of the stream, counted or not, and the stream is
    // trimmed behind it (a later day's event closes the day)
    await append(busy, [[local('2026-11-04T09:00', zone), 'print.updated', { jobId: 'j9' }]]);
    await b.history.maintain();
    expect(await b.history.archiveFiles()).toEqual([`${date}.jsonl.gz`]);
    const archived = await b.history.readArchive(`${date}.jsonl.gz`);
    expect(archived).toHaveLength(mixed.length);
    expect(archived.filter((e) => e.type === 'print.updated')).toHaveLength(day.length * 2);
    expect(await redis.xlen(kb.events)).toBe(1);
    expect(await b.service.cases(date, {})).toEqual(await a.service.cases(date, {}));
  });

  it('folds a backlog of 4,500 tickets batch by batch: each counted once, the ledger in order', async () => {
    const zone = 'Asia/Shanghai';
    const hall = sampleHall('demo');
    const start = local('2026-11-03T08:00', zone);
    const events: Event[] = [];
    const tickets = 4500;
    for (let i = 0; i < tickets; i++) {
      const ticket = { ticketId: `t${i}`, number: `A${String(i + 1).padStart(4, '0')}` };
      // one every 2 seconds: 08:00 to 10:30
      const at = start + i * 2000;
      events.push([at, 'ticket.issued', { ...ticket, serviceId: 'labor', priority: 'normal' }]);
      // every other ticket printed: batches of tickets alone and of tickets and print jobs
      if (i % 2 === 0)
        events.push([at, 'print.updated', { jobId: `j${i}`, ticketId: `t${i}`, status: 'queued' }]);
    }
    await append(hall, events);
    const { service } = historyOf(hall);
    const date = '2026-11-03';
    const report = await service.report(date, date, 'service');
    expect(report.total.issued).toBe(tickets);
    expect(report.rows.find((r) => r.key === 'labor')?.issued).toBe(tickets);
    const arrivals = report.total.byHour.filter((h) => h.arrivals > 0);
    expect(arrivals).toEqual([
      { hour: 8, arrivals: 1800, calls: 0 },
      { hour: 9, arrivals: 1800, calls: 0 },
      { hour: 10, arrivals: 900, calls: 0 },
    ]);
    const ledger = await service.cases(date, {});
    expect(ledger).toHaveLength(tickets);
    expect(ledger.map((c) => c.number)).toEqual(
      events.filter((e) => e[1] === 'ticket.issued').map((e) => e[2]?.number),
    );
    expect(ledger.every((c) => c.status === 'waiting')).toBe(true);
  });

  it('counts hours and days by the hall clock where hours start at a quarter past (Asia/Kathmandu, +05:45)', async () => {
    const zone = 'Asia/Kathmandu';
    const hall = sampleHall('demo', (h) => {
      h.timeZone = zone;
    });
    const at = (iso: string) => local(iso, zone);
    const ticket = (i: number) => ({ ticketId: `k${i}`, number: `A00${i}`, serviceId: 'labor' });
    const events: Event[] = [
      [at('2026-11-02T08:00'), 'window.opened', { windowId: '1', clerkId: 'clerk1' }],
      // the last millisecond of 10:00–11:00 and the first of 11:00 (05:14:59.999 and 05:15 UTC)
      [at('2026-11-02T10:59:59.999'), 'ticket.issued', { ...ticket(1), priority: 'normal' }],
      [at('2026-11-02T11:00:00.000'), 'ticket.issued', { ...ticket(2), priority: 'normal' }],
      [at('2026-11-02T11:14:59.999'), 'ticket.called', { ...ticket(1), windowId: '1' }],
      [at('2026-11-02T11:15:00.000'), 'ticket.called', { ...ticket(2), windowId: '1' }],
      // either side of midnight: two business days
      [at('2026-11-02T23:59:59.999'), 'ticket.issued', { ...ticket(3), priority: 'normal' }],
      [at('2026-11-03T00:00:00.000'), 'ticket.issued', { ...ticket(4), priority: 'normal' }],
      [at('2026-11-03T00:30:00.000'), 'ticket.called', { ...ticket(3), windowId: '1' }],
    ];
    await append(hall, events);
    const { service } = historyOf(hall);
    const first = await service.report('2026-11-02', '2026-11-02', 'hall');
    const byHour = (r: typeof first) => r.total.byHour.filter((h) => h.arrivals > 0 || h.calls > 0);
    // ticket 3's call after midnight counts on the day it was issued, at 00:00–01:00
    expect(byHour(first)).toEqual([
      { hour: 0, arrivals: 0, calls: 1 },
      { hour: 10, arrivals: 1, calls: 0 },
      { hour: 11, arrivals: 1, calls: 2 },
      { hour: 23, arrivals: 1, calls: 0 },
    ]);
    const second = await service.report('2026-11-03', '2026-11-03', 'hall');
    expect(byHour(second)).toEqual([{ hour: 0, arrivals: 1, calls: 0 }]);
    expect((await service.cases('2026-11-02', {})).map((c) => c.number)).toEqual([
      'A001',
      'A002',
      'A003',
    ]);
    expect((await service.cases('2026-11-03', {})).map((c) => c.number)).toEqual(['A004']);
  });

  it('counts a ticket once when its issue reached the stream twice (a resent request), in another batch', async () => {
    const zone = 'Asia/Shanghai';
    const hall = sampleHall('demo');
    const at = local('2026-11-02T09:00', zone);
    const issued = { ticketId: 'dup', serviceId: 'labor', priority: 'normal' };
    const { service, history } = historyOf(hall);
    await append(hall, [[at, 'ticket.issued', { ...issued, number: 'A001' }]]);
    await history.fold();
    await append(hall, [[at + 1, 'ticket.issued', { ...issued, number: 'A002' }]]);
    const report = await service.report('2026-11-02', '2026-11-02', 'hall');
    expect(report.total.issued).toBe(1);
    expect((await service.cases('2026-11-02', {})).map((c) => c.number)).toEqual(['A001']);
  });
});
