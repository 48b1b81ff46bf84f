import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { HallConfig } from '../config/hall-config.js';
import { estimator } from '../tickets/estimator.js';
import type { IssueParams } from './issue-ticket.js';
import { hallKeys, SERVICE_LANES } from './keys.js';
import { QueueStore } from './queue-store.js';

/**
 * issue-ticket.lua takes one key and builds the others from the hall's prefix (hallKey in
 * includes/common.lua, a mirror of keys.ts); it writes the ticket in one HSET that the caller
 * does not read back, and reads only what this service's wait estimate needs. Each of those
 * must agree with keys.ts, with the stored ticket, and with an estimate from the whole hall.
 */
describe('issue-ticket.lua', () => {
  const redis = new Redis(inject('redisUrl'));
  const store = new QueueStore(redis);
  afterAll(() => redis.disconnect());

  const services = ['s1', 's2', 's3', 's4'];
  const hallOf = (
    id: string,
    windows: unknown[] = [
      { id: 'w1', name: 'W1', services: ['s1'] },
      { id: 'w2', name: 'W2', services: ['s2', 's3', 's4'] },
    ],
  ) =>
    HallConfig.parse({
      id,
      name: id,
      schedule: { alwaysOpen: true },
      services: services.map((s, i) => ({
        id: s,
        name: s,
        prefix: 'ABCD'[i],
        averageServiceMinutes: 3 + 4 * i,
      })),
      windows,
    });
  let seq = 0;
  const params = (hall: HallConfig, extra: Partial<IssueParams> = {}): IssueParams => ({
    ticketId: `${hall.id}.t${++seq}`,
    serviceId: 's1',
    prefix: 'A',
    priority: 'normal',
    now: 1_764_468_000_000 + seq,
    day: '2026-11-30',
    quota: null,
    deviceId: 'kiosk-1',
    printerId: null,
    printStaleBefore: 0,
    perMinute: 0,
    ...extra,
  });

  it('builds the key names keys.ts gives', async () => {
    const common = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), 'lua', 'includes', 'common.lua'),
      'utf8',
    );
    const k = hallKeys('names');
    const asked: [string, string, string, string][] = [
      ['lane', 's1', 'front', k.lane('s1', 'front')],
      ['lane', 's1', 'appointment', k.lane('s1', 'appointment')],
      ['window', 'w1', '', k.window('w1')],
      ['service', 's1', '', k.service('s1')],
      ['seq', '', '', k.seq],
      ['dayNumbers', '2026-11-30', '', k.dayNumbers('2026-11-30')],
      ['dayTickets', '2026-11-30', '', k.dayTickets('2026-11-30')],
      ['request', 'kiosk-1', 'r-1', k.request('kiosk-1', 'r-1')],
      ['ticketRate', 'staff-u1', '', k.ticketRate('staff-u1')],
      ['printer', 'p1', '', k.printer('p1')],
      ['printerJobs', 'p1', '', k.printerJobs('p1')],
      ['appointment', 'AB12', '', k.appointment('AB12')],
    ];
    const built = await redis.eval(
      `${common}\nlocal out = {}\nfor i = 2, #ARGV, 3 do out[#out + 1] = hallKey(ARGV[i], ARGV[i + 1], ARGV[i + 2]) end\nreturn out`,
      1,
      k.events,
      k.prefix,
      ...asked.flatMap(([name, a, b]) => [name, a, b]),
    );
    expect(built).toEqual(asked.map((x) => x[3]));
  });

  it('writes the keys keys.ts names, and the ticket the caller is given', async () => {
    const hall = hallOf(`keys-${Date.now()}`);
    const k = hallKeys(hall.id);
    const day = '2026-11-30';
    // a booked appointment and a ready printer, as their own scripts leave them
    const slotMs = 1_764_468_000_000;
    await redis.hset(k.appointment('AB12'), {
      id: 'ap1',
      code: 'AB12',
      status: 'booked',
      slotMs: String(slotMs),
      slotIso: '2026-11-30T10:00:00+08:00',
      serviceId: 's1',
    });
    await redis.hset(k.printer('p1'), { connected: '1', ready: '1', problem: '' });

    const issued = [
      await store.issueTicket(hall, params(hall, { requestId: 'r-1', perMinute: 10 })),
      await store.issueTicket(
        hall,
        params(hall, {
          priority: 'green',
          byStaff: 'u1',
          reason: '老人',
          phone: '13800000000',
          printerId: 'p1',
          deviceId: 'staff-u1',
        }),
      ),
      await store.issueTicket(
        hall,
        params(hall, {
          appointmentCode: 'AB12',
          checkInEarlyMs: 30 * 60_000,
          checkInLateMs: 15 * 60_000,
          printerId: 'p2',
        }),
      ),
    ];
    for (const r of issued) {
      expect(r.duplicate).toBe(false);
      expect(r.ticket).toEqual(await redis.hgetall(k.ticket(r.ticket.id!)));
    }
    expect(issued.map((r) => [r.ticket.number, r.ticket.priority, r.waitingAhead])).toEqual([
      ['A001', 'normal', 0],
      ['A002', 'green', 0],
      ['A003', 'appointment', 0],
    ]);
    expect(issued[1]!.ticket.printStatus).toBe('queued');
    // printer p2 has no agent: the job waits with its problem named
    expect(issued[2]!.ticket).toMatchObject({ printStatus: 'printer_problem', checkIn: 'on_time' });
    expect(await redis.hget(k.appointment('AB12'), 'status')).toBe('checked_in');

    const [a, b, c] = issued.map((r) => r.ticket.id!);
    const expected = [
      k.events,
      k.seq,
      k.dayNumbers(day),
      k.dayTickets(day),
      k.lane('s1', 'normal'),
      k.lane('s1', 'green'),
      k.lane('s1', 'appointment'),
      k.request('kiosk-1', 'r-1'),
      k.ticketRate('kiosk-1'),
      k.ticket(a!),
      k.ticket(b!),
      k.ticket(c!),
      k.printer('p1'),
      k.printerJobs('p1'),
      k.printerJobs('p2'),
      k.printJob(`t.${b}`),
      k.printJob(`t.${c}`),
      k.appointment('AB12'),
    ];
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${k.prefix}*`, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    expect(found.sort()).toEqual(expected.sort());
    // the day's keys live 40 days from its first ticket; the ticket too
    for (const key of [k.dayNumbers(day), k.dayTickets(day), k.ticket(c!)])
      expect(await redis.pttl(key)).toBeGreaterThan(39 * 24 * 3600 * 1000);

    // the same request again: the first ticket, as stored
    const again = await store.issueTicket(hall, params(hall, { requestId: 'r-1' }));
    expect(again).toMatchObject({ duplicate: true, ticket: issued[0]!.ticket, estimate: null });
  });

  it('estimates as a read of the whole hall does, with windows shared in both modes', async () => {
    // a small deterministic generator, so a failure can be replayed
    let seed = 20261130;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const statuses = ['open', 'brief_pause', 'closed', 'paused', null] as const;
    for (let round = 0; round < 60; round++) {
      const windows = Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, i) => ({
        id: `w${i}`,
        name: `W${i}`,
        services: services.filter(() => rand() < 0.5).sort(() => rand() - 0.5),
        mode: pick(['ordered', 'oldest'] as const),
      })).filter((w) => w.services.length > 0);
      // every service has a window (the configuration requires it)
      const unserved = services.filter((s) => !windows.some((w) => w.services.includes(s)));
      if (unserved.length > 0)
        windows.push({
          id: 'wx',
          name: 'WX',
          services: unserved,
          mode: pick(['ordered', 'oldest']),
        });
      const hall = hallOf(`est-${round}-${Date.now()}`, windows);
      const k = hallKeys(hall.id);
      for (const w of windows) {
        const status = pick(statuses);
        if (status) await redis.hset(k.window(w.id), 'status', status);
      }
      for (const s of services) {
        if (rand() < 0.6)
          await redis.hset(k.service(s), 'estMs', String(60_000 * (1 + rand() * 9)));
        for (const lane of SERVICE_LANES)
          for (let i = Math.floor(rand() * 4); i > 0; i--)
            await redis.zadd(k.lane(s, lane), i, `${s}-${lane}-${i}`);
      }
      const serviceId = pick(services);
      const r = await store.issueTicket(
        hall,
        params(hall, { serviceId, priority: pick(['normal', 'green'] as const) }),
      );
      // the full read, after the ticket (as the script reads)
      const means = new Map<string, string | null>();
      const waiting = new Map<string, number>();
      for (const s of services) {
        means.set(s, await redis.hget(k.service(s), 'estMs'));
        let n = 0;
        for (const lane of SERVICE_LANES) n += await redis.zcard(k.lane(s, lane));
        waiting.set(s, n);
      }
      const windowStatus = new Map<string, string | undefined>();
      for (const w of windows)
        windowStatus.set(w.id, (await redis.hget(k.window(w.id), 'status')) ?? undefined);
      const full = estimator(hall, {
        windowStatus: (id) => windowStatus.get(id),
        waiting: (id) => waiting.get(id) ?? 0,
        learnedMeanMs: (id) => means.get(id),
      });
      const ahead = r.waitingAhead!;
      for (const n of [ahead, 0, 7, 100])
        expect(r.estimate!(serviceId, n), `round ${round}, ${n} ahead`).toBe(full(serviceId, n));
    }
  });
});
