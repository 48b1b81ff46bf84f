// A scripted day in a hall, through the API with an injected clock: the report's
// every figure equals what this file works out by hand from its own script.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CounterService } from '../src/halls/counter-service.js';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall, startTestServer, TestClock, type TestServer } from './helpers.js';

const DAY = '2026-11-02';
const NEXT = '2026-11-03';
const at = (day: string, hm: string) => Date.parse(`${day}T${hm}:00+08:00`);

describe('reports of a scripted day (统计报表、台帐、考勤、流动红旗)', () => {
  const clock = new TestClock(at(DAY, '09:00'));
  const dataDir = mkdtempSync(join(tmpdir(), 'reports-'));
  let server: TestServer;
  let h: string;
  const token: Record<string, string> = {};
  let supervisor: string;

  const post = async (path: string, tok: string, body?: unknown) => {
    const r = await server.api('POST', `/halls/${h}${path}`, { token: tok, body });
    expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body as { id: string; number: string };
  };
  const win = (w: string, clerk: string, action: string, body?: unknown) =>
    post(`/windows/${w}/${action}`, token[clerk] ?? '', body);
  const issue = (serviceId: string, priority?: 'green') =>
    post('/tickets', 'demo-kiosk', { serviceId, ...(priority ? { priority } : {}) });
  const rate = (w: string, score: number) =>
    post(`/windows/${w}/ratings`, `demo-display-${w}`, { score, source: 'screen' });
  const time = (day: string, hm: string) => clock.set(`${day}T${hm}:00+08:00`);
  const get = (path: string) => server.api('GET', `/halls/${h}${path}`, { token: supervisor });

  beforeAll(async () => {
    server = await startTestServer(sampleHall('demo'), { clock, dataDir });
    h = server.hall.id;
    for (const c of ['clerk1', 'clerk2', 'clerk3', 'clerk4']) token[c] = await server.login(c);
    supervisor = await server.login('supervisor');

    // 09:00 three windows open; five residents take tickets
    await win('1', 'clerk1', 'open');
    await win('3', 'clerk3', 'open');
    await win('4', 'clerk4', 'open');
    const t1 = await issue('labor'); // A001 09:00
    time(DAY, '09:02');
    const t2 = await issue('labor', 'green'); // 绿色通道 09:02
    time(DAY, '09:03');
    await issue('civil'); // B001 09:03
    time(DAY, '09:04');
    const t4 = await issue('labor'); // 09:04
    time(DAY, '09:05');
    const t5 = await issue('family'); // C001 09:05

    // window 1: the green ticket first (wait 8), served 10 minutes, rated 5
    time(DAY, '09:10');
    expect((await win('1', 'clerk1', 'call-next')).id).toBe(t2.id);
    time(DAY, '09:11');
    await win('1', 'clerk1', 'start');
    // window 3: B001 (wait 9), 20 minutes, materials missing (一次性告知), rated 2
    time(DAY, '09:12');
    await win('3', 'clerk3', 'call-next');
    time(DAY, '09:13');
    await win('3', 'clerk3', 'start');
    time(DAY, '09:21');
    await win('1', 'clerk1', 'finish', { outcome: 'done' });
    time(DAY, '09:22');
    await rate('1', 5);
    // A001 (wait 22): recalled, missed, re-queued
    expect((await win('1', 'clerk1', 'call-next')).id).toBe(t1.id);
    time(DAY, '09:23');
    await win('1', 'clerk1', 'recall');
    time(DAY, '09:24');
    await win('1', 'clerk1', 'no-show');
    await win('1', 'clerk1', 'requeue', { ticketId: t1.id });
    // the 09:04 ticket (wait 21) is transferred to 民政救济 with a note
    time(DAY, '09:25');
    expect((await win('1', 'clerk1', 'call-next')).id).toBe(t4.id);
    time(DAY, '09:26');
    await win('1', 'clerk1', 'start');
    time(DAY, '09:30');
    await win('1', 'clerk1', 'transfer', { toServiceId: 'civil', note: '需民政审核' });
    // A001 comes back: served 3 minutes, a consultation, not rated
    time(DAY, '09:31');
    expect((await win('1', 'clerk1', 'call-next')).id).toBe(t1.id);
    time(DAY, '09:32');
    await win('1', 'clerk1', 'start');
    time(DAY, '09:33');
    await win('3', 'clerk3', 'finish', {
      outcome: 'materials_missing',
      missingMaterials: ['户籍证明'],
    });
    time(DAY, '09:34');
    await rate('3', 2);
    time(DAY, '09:35');
    await win('1', 'clerk1', 'finish', { outcome: 'consulted' });
    // the transferred ticket at window 3: no new wait, served 5 minutes, rated 4
    expect((await win('3', 'clerk3', 'call-next')).id).toBe(t4.id);
    time(DAY, '09:36');
    await win('3', 'clerk3', 'start');
    // window 4: 指定叫号 with a reason (wait 35), served 9 minutes, rated 5
    time(DAY, '09:40');
    await win('4', 'clerk4', 'call', { ticketId: t5.id, reason: '老人行动不便' });
    time(DAY, '09:41');
    await win('4', 'clerk4', 'start');
    await win('3', 'clerk3', 'finish', { outcome: 'done' });
    time(DAY, '09:42');
    await rate('3', 4);
    time(DAY, '09:45');
    await win('3', 'clerk3', 'pause', { kind: 'brief' });
    time(DAY, '09:50');
    await win('3', 'clerk3', 'resume');
    await win('4', 'clerk4', 'finish', { outcome: 'done' });
    time(DAY, '09:51');
    await rate('4', 5);
    time(DAY, '10:00');
    await win('4', 'clerk4', 'pause', { kind: 'closed' });
    time(DAY, '10:20');
    await win('4', 'clerk4', 'resume');
    time(DAY, '12:00');
    for (const [w, c] of [
      ['3', 'clerk3'],
      ['4', 'clerk4'],
    ] as const)
      await win(w, c, 'close');
    // AB岗: clerk2 (window 1's B post) takes over from clerk1 and signs out at 12:30
    await win('1', 'clerk2', 'take-over');
    time(DAY, '12:30');
    await win('1', 'clerk2', 'close');

    // late evening: one ticket waits past midnight (expires), one is served across it;
    // window 3 opens at 23:00 and is left idle
    time(DAY, '23:00');
    await win('3', 'clerk3', 'open');
    time(DAY, '23:50');
    await issue('civil');
    time(DAY, '23:55');
    await issue('labor');
    await win('1', 'clerk1', 'open');
    time(DAY, '23:58');
    await win('1', 'clerk1', 'call-next');
    time(DAY, '23:59');
    await win('1', 'clerk1', 'start');
    time(NEXT, '00:00');
    clock.advance(30_000);
    await server.halls.get(h)?.rollOver();
    time(NEXT, '00:05');
    await win('1', 'clerk1', 'finish', { outcome: 'done' });
    time(NEXT, '00:10');
    await issue('labor');
    // 70 minutes without a touch at window 3: the idle sign-out (脱岗) closes it
    const counter = new CounterService(
      server.redis,
      server.halls,
      clock,
      pino({ level: 'silent' }),
    );
    expect(await counter.signOutIdle(server.halls.get(h)!)).toEqual(['3']);
    await win('1', 'clerk1', 'close');
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const hourly = (arrivals: Record<number, number>, calls: Record<number, number>) =>
    Array.from({ length: 24 }, (_, hour) => ({
      hour,
      arrivals: arrivals[hour] ?? 0,
      calls: calls[hour] ?? 0,
    }));

  it('counts the day for the hall as the script did it', async () => {
    const r = await get(`/reports?from=${DAY}&to=${DAY}`);
    expect(r.status).toBe(200);
    const row = r.body.rows[0];
    // waits (issue to first call): 8, 9, 22, 21, 35, 3 → mean 98/6, median (3rd) 9, p90 (6th) 35
    // services (start to finish): 10, 20, 3, 5, 9, 6 → mean 53/6, median (3rd) 6, p90 (6th) 20
    expect(row).toEqual({
      key: 'hall',
      name: server.hall.name,
      issued: 7,
      served: 6,
      noShow: 1,
      expired: 1,
      transferred: 1,
      recalled: 1,
      chosenCalls: 1,
      waitMinutes: { mean: 16.3, median: 9, p90: 35 },
      serviceMinutes: { mean: 8.8, median: 6, p90: 20 },
      // the hall's red service limit is 15 minutes: only the 20-minute case is over it
      withinLimitRate: Math.round((5 / 6) * 10_000) / 10_000,
      oneTimeNotices: 1,
      ratingsOffered: 6,
      ratingsGiven: 4,
      badRatings: 1,
      satisfactionRate: 0.75,
      byHour: hourly({ 9: 5, 23: 2 }, { 9: 7, 23: 1 }),
      appointments: 0,
      greenChannel: 1,
      staffIssued: 0,
      priorityChanges: 0,
    });
    expect(r.body.total).toEqual(row);
    // the next day so far: the one ticket issued after midnight
    const next = await get(`/reports?from=${NEXT}&to=${NEXT}`);
    expect(next.body.rows[0].issued).toBe(1);
    expect(next.body.rows[0].served).toBe(0);
    // a range sums both days
    const both = await get(`/reports?from=${DAY}&to=${NEXT}`);
    expect(both.body.rows[0].issued).toBe(8);
    expect(both.body.days.map((d: { issued: number }) => d.issued)).toEqual([7, 1]);
  });

  it('breaks the day down by service, window and clerk', async () => {
    const bySvc = (await get(`/reports?from=${DAY}&to=${DAY}&by=service`)).body.rows;
    const labor = bySvc.find((x: { key: string }) => x.key === 'labor');
    const civil = bySvc.find((x: { key: string }) => x.key === 'civil');
    expect(labor).toMatchObject({ issued: 4, served: 3, transferred: 1, noShow: 1, recalled: 1 });
    expect(labor.waitMinutes).toEqual({ mean: 13.5, median: 8, p90: 22 });
    expect(civil).toMatchObject({ issued: 2, served: 2, expired: 1, oneTimeNotices: 1 });
    expect(civil.withinLimitRate).toBe(0.5);
    expect(civil.satisfactionRate).toBe(0.5);

    const byWin = (await get(`/reports?from=${DAY}&to=${DAY}&by=window`)).body.rows;
    const w1 = byWin.find((x: { key: string }) => x.key === '1');
    const w3 = byWin.find((x: { key: string }) => x.key === '3');
    const w4 = byWin.find((x: { key: string }) => x.key === '4');
    // window 1 took A002, A001, the 09:04 ticket and the late one first (首问): waits 8, 22, 21, 3
    expect(w1).toMatchObject({ issued: 4, served: 3, transferred: 1, ratingsOffered: 3 });
    expect(w1.waitMinutes).toEqual({ mean: 13.5, median: 8, p90: 22 });
    expect(w3).toMatchObject({ issued: 1, served: 2, ratingsGiven: 2, badRatings: 1 });
    expect(w3.satisfactionRate).toBe(0.5);
    expect(w4).toMatchObject({ issued: 1, served: 1, chosenCalls: 1, satisfactionRate: 1 });
    expect(w4.waitMinutes).toEqual({ mean: 35, median: 35, p90: 35 });

    const byClerk = (await get(`/reports?from=${DAY}&to=${DAY}&by=clerk`)).body.rows;
    const c1 = byClerk.find((x: { key: string }) => x.key === 'clerk1');
    expect(c1).toMatchObject({ issued: 4, served: 3, transferred: 1 });
    expect(c1.name).toContain('王芳');
  });

  it('keeps the ledger (台帐) of every case', async () => {
    const r = await get(`/cases?date=${DAY}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(7);
    const transferred = r.body.cases[3];
    expect(transferred).toMatchObject({
      serviceId: 'labor',
      windowIds: ['1', '3'],
      clerkIds: ['clerk1', 'clerk3'],
      status: 'done',
      outcome: 'done',
      waitMinutes: 21,
      serviceMinutes: 5,
      withinLimit: true,
      rating: { score: 4, source: 'screen' },
    });
    expect(transferred.transfers).toEqual([
      expect.objectContaining({ fromWindowId: '1', toServiceId: 'civil', note: '需民政审核' }),
    ]);
    const chosen = (await get(`/cases?date=${DAY}&number=C001`)).body.cases;
    expect(chosen).toHaveLength(1);
    expect(chosen[0].chosenReasons).toEqual(['老人行动不便']);
    expect(chosen[0].calls[0].reason).toBe('chosen');
    const notice = (await get(`/cases?date=${DAY}&number=B001`)).body.cases[0];
    expect(notice.missingMaterials).toEqual(['户籍证明']);
    expect(notice.outcome).toBe('materials_missing');
    const missed = (await get(`/cases?date=${DAY}&number=A001`)).body.cases[0];
    expect(missed.calls.map((c: { recall: boolean }) => c.recall)).toEqual([false, true, false]);
    const atWindow4 = await get(`/cases?date=${DAY}&windowId=4`);
    expect(atWindow4.body.cases.map((c: { number: string }) => c.number)).toEqual(['C001']);
    const paged = await get(`/cases?date=${DAY}&page=2&pageSize=5`);
    expect(paged.body.cases).toHaveLength(2);
    // expired at midnight, in the day it was issued
    expect(r.body.cases[5].status).toBe('expired');
  });

  it('shows attendance and the month ranking', async () => {
    const a = (await get(`/attendance?from=${DAY}&to=${NEXT}`)).body;
    const clerk3 = a.clerks.find((c: { clerkId: string }) => c.clerkId === 'clerk3');
    expect(clerk3.sessions).toHaveLength(2);
    expect(clerk3.sessions[0]).toMatchObject({ windowId: '3', minutes: 180, idleSignOut: false });
    expect(clerk3.sessions[1]).toMatchObject({ windowId: '3', minutes: 70, idleSignOut: true });
    expect(clerk3.briefPauseMinutes).toBe(5);
    const clerk1 = a.clerks.find((c: { clerkId: string }) => c.clerkId === 'clerk1');
    expect(clerk1.sessions[0]).toMatchObject({ minutes: 180, handoverTo: 'clerk2' });
    const clerk2 = a.clerks.find((c: { clerkId: string }) => c.clerkId === 'clerk2');
    expect(clerk2.sessions).toEqual([
      expect.objectContaining({
        windowId: '1',
        minutes: 30,
        handoverFrom: 'clerk1',
        idleSignOut: false,
      }),
    ]);
    const clerk4 = a.clerks.find((c: { clerkId: string }) => c.clerkId === 'clerk4');
    expect(clerk4.closedPauseMinutes).toBe(20);

    const ranking = (await get('/ranking?month=2026-11')).body;
    // rule 30/30/30/10, 5 per complaint; window 1 served most (3)
    const w1 = ranking.windows.find((e: { key: string }) => e.key === '1');
    expect(w1.parts).toEqual({ served: 30, satisfaction: 30, withinLimit: 30, noComplaints: 10 });
    expect(w1.score).toBe(100);
    expect(w1.rank).toBe(1);
    const w3 = ranking.windows.find((e: { key: string }) => e.key === '3');
    expect(w3.parts).toEqual({ served: 20, satisfaction: 15, withinLimit: 15, noComplaints: 5 });
  });

  it('exports Excel and CSV with the same figures', async () => {
    const res = await fetch(
      `${server.url}/api/v1/halls/${h}/reports?from=${DAY}&to=${DAY}&by=service&format=xlsx`,
      { headers: { authorization: `Bearer ${supervisor}` } },
    );
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '按业务',
      '大厅合计',
      '按窗口',
      '按工作人员',
    ]);
    const sheet = book.getWorksheet('按业务');
    const title = sheet?.getCell('A1').text ?? '';
    expect(title).toContain(server.hall.name);
    expect(title).toContain(DAY);
    expect(sheet?.getRow(2).getCell(3).value).toBe('办结');
    const laborRow = sheet?.getRow(3);
    expect(laborRow?.getCell(1).value).toBe('劳动保障');
    expect(laborRow?.getCell(3).value).toBe(3);
    expect(laborRow?.getCell(9).value).toBe(13.5);
    const hallSheet = book.getWorksheet('大厅合计');
    expect(hallSheet?.getRow(3).getCell(15).value).toBe(Math.round((5 / 6) * 10_000) / 10_000);

    const csv = await fetch(
      `${server.url}/api/v1/halls/${h}/reports?from=${DAY}&to=${DAY}&by=service&format=csv`,
      { headers: { authorization: `Bearer ${supervisor}` } },
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 3)).toEqual(['名称', '取号/受理', '办结']);
    expect(lines[1]?.startsWith('劳动保障,4,3,1,0,1,1,0,13.5,8,22')).toBe(true);
    expect(lines[2]).toContain('50.00%');

    const ledger = await fetch(`${server.url}/api/v1/halls/${h}/cases?date=${DAY}&format=xlsx`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    const lbook = new ExcelJS.Workbook();
    await lbook.xlsx.load(await ledger.arrayBuffer());
    const ls = lbook.getWorksheet('业务台帐');
    expect(ls?.rowCount).toBe(2 + 7);
    const chosenRow = ls?.getRows(3, 7)?.find((row) => row.getCell(1).value === 'C001');
    expect(chosenRow?.getCell(13).value).toBe('老人行动不便');
  });

  it('refuses bad parameters with 400s and other roles with 403', async () => {
    for (const q of [
      'from=2026-02-30&to=2026-03-01',
      `from=${NEXT}&to=${DAY}`,
      `from=${DAY}&to=${DAY}&by=desk`,
      `from=${DAY}`,
      'from=2024-01-01&to=2026-01-01',
      `from=${DAY}&to=${DAY}&format=pdf`,
    ]) {
      const r = await get(`/reports?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    expect((await get('/ranking?month=2026-13')).status).toBe(400);
    expect((await get('/cases?date=20261102')).status).toBe(400);
    expect((await get(`/cases?date=${DAY}&pageSize=0`)).status).toBe(400);
    expect((await get(`/attendance?from=${DAY}&to=2026-11-01`)).status).toBe(400);
    const en = await server.api('GET', `/halls/${h}/reports?from=x&to=y`, {
      token: supervisor,
      lang: 'en',
    });
    expect(en.body.error.message).toContain('The request is invalid');
    const clerk = await server.api('GET', `/halls/${h}/reports?from=${DAY}&to=${DAY}`, {
      token: token.clerk1 ?? '',
    });
    expect(clerk.status).toBe(403);
    expect((await server.api('GET', `/halls/${h}/reports?from=${DAY}&to=${DAY}`)).status).toBe(401);
  });

  it('archives each finished day, rebuilds identical aggregates and trims only what is kept', async () => {
    const r = server.reports.get(h);
    if (!r) throw new Error('no reports');
    const history = r.history;
    const k = hallKeys(h);
    const redis = server.redis;
    // a ticket two days later closes the next day too
    time('2026-11-04', '09:00');
    await issue('labor');
    const unpacked = (await get(`/cases?date=${DAY}&pageSize=500`)).body;
    await history.maintain();
    expect(await history.archiveFiles()).toEqual([`${DAY}.jsonl.gz`, `${NEXT}.jsonl.gz`]);
    // the day before yesterday is finished: its case records are packed into one value
    expect(await redis.exists(k.reportDayPacked(DAY))).toBe(1);
    expect(await redis.exists(k.reportDayCases(DAY))).toBe(0);
    expect(await redis.exists(k.reportDayPacked(NEXT))).toBe(0);
    expect((await get(`/cases?date=${DAY}&pageSize=500`)).body).toEqual(unpacked);
    const before = {
      day: await redis.hgetall(k.reportDay(DAY, 'c')),
      next: await redis.hgetall(k.reportDay(NEXT, 'h')),
      month: await redis.hgetall(k.reportMonth('2026-11', 's')),
      ledger: (await get(`/cases?date=${DAY}&pageSize=500`)).body,
      report: (await get(`/reports?from=${DAY}&to=2026-11-04&by=clerk`)).body,
    };
    // kept: yesterday and today; the stream now starts after the first archived day
    const first = (await redis.xrange(k.events, '-', '+', 'COUNT', 1))[0]?.[0] ?? '';
    const archivedTo = await redis.hget(k.reportArchivedDays, DAY);
    expect(archivedTo).toBeTruthy();
    expect(first > (archivedTo ?? '')).toBe(true);
    expect(await redis.get(k.eventsTrimmedBefore)).toBeTruthy();

    const rebuilt = await history.rebuild();
    expect(rebuilt.files).toBe(2);
    expect(await redis.hgetall(k.reportDay(DAY, 'c'))).toEqual(before.day);
    expect(await redis.hgetall(k.reportDay(NEXT, 'h'))).toEqual(before.next);
    expect(await redis.hgetall(k.reportMonth('2026-11', 's'))).toEqual(before.month);
    expect(Object.keys(before.day).length).toBeGreaterThan(10);
    expect((await get(`/cases?date=${DAY}&pageSize=500`)).body).toEqual(before.ledger);
    expect((await get(`/reports?from=${DAY}&to=2026-11-04&by=clerk`)).body).toEqual(before.report);
  });
});
