import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { HallConfig, type WindowConfig } from '../config/hall-config.js';
import {
  chooseNext,
  nextAppointmentInRow,
  nextGreenInRow,
  type LaneHead,
  type ServiceQueueView,
} from '../domain/queue.js';
import { hallKeys, type LaneName } from './keys.js';
import { QueueStore } from './queue-store.js';

/**
 * call-next.lua must make exactly the choice domain/queue.ts makes. This drives
 * both with the same random queues and compares ticket, reason and both streaks
 * (green channel and appointments).
 */
describe('call-next.lua agrees with domain/queue.ts', () => {
  const redis = new Redis(inject('redisUrl'));
  const store = new QueueStore(redis);
  afterAll(() => redis.disconnect());

  // a small deterministic generator, so a failure can be replayed
  let seed = 20261123;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const int = (n: number) => Math.floor(rand() * n);

  it('on 400 random queues', async () => {
    for (let round = 0; round < 400; round++) {
      const services = ['s1', 's2', 's3'].filter(() => rand() < 0.8);
      if (services.length === 0) services.push('s1');
      const window: WindowConfig = {
        id: 'w',
        name: 'W',
        services: services.sort(() => rand() - 0.5),
        mode: rand() < 0.5 ? 'ordered' : 'oldest',
        clerks: {},
      };
      const hall = HallConfig.parse({
        id: `diff-${round}-${Date.now()}`,
        name: 'diff',
        schedule: { alwaysOpen: true },
        rules: { maxGreenInRow: 1 + int(3), maxAppointmentInRow: 1 + int(3) },
        services: ['s1', 's2', 's3'].map((id, i) => ({ id, name: id, prefix: 'ABC'[i] })),
        windows: [window, { id: 'x', name: 'X', services: ['s1', 's2', 's3'] }],
      });
      const k = hallKeys(hall.id);
      let next = 0;
      const used = new Set<number>();
      const score = () => {
        let s: number;
        do s = int(1000) + (rand() < 0.2 ? 0.5 : 0);
        while (used.has(s));
        used.add(s);
        return s;
      };
      const addTicket = async (key: string, extra: Record<string, string>): Promise<LaneHead> => {
        const id = `${hall.id}.t${next++}`;
        const s = score();
        const requeued = rand() < 0.2;
        await redis.hset(k.ticket(id), {
          id,
          number: id,
          serviceId: 's1',
          status: 'waiting',
          queue: key,
          requeued: requeued ? '1' : '0',
          ...extra,
        });
        await redis.zadd(key, s, id);
        return {
          ticketId: id,
          score: s,
          requeued,
          ...(extra.transferredFrom ? { fromWindowId: extra.transferredFrom } : {}),
        };
      };
      const heads = async (key: string, count: number, extra: Record<string, string> = {}) => {
        const all: LaneHead[] = [];
        for (let i = 0; i < count; i++) all.push(await addTicket(key, extra));
        return all.sort((a, b) => a.score - b.score)[0];
      };
      const views: ServiceQueueView[] = [];
      for (const s of window.services) {
        const greenInRow = int(4);
        const appointmentInRow = int(4);
        await redis.hset(k.service(s), 'greenInRow', greenInRow, 'apptInRow', appointmentInRow);
        const lanes: Partial<Record<LaneName, LaneHead>> = {};
        const front = await heads(k.lane(s, 'front'), rand() < 0.2 ? 1 + int(2) : 0, {
          transferredFrom: 'x',
        });
        const appointment = await heads(k.lane(s, 'appointment'), rand() < 0.4 ? 1 + int(3) : 0);
        const green = await heads(k.lane(s, 'green'), rand() < 0.5 ? 1 + int(3) : 0);
        const normal = await heads(k.lane(s, 'normal'), rand() < 0.7 ? 1 + int(4) : 0);
        if (front) lanes.front = front;
        if (appointment) lanes.appointment = appointment;
        if (green) lanes.green = green;
        if (normal) lanes.normal = normal;
        views.push({ serviceId: s, greenInRow, appointmentInRow, ...lanes });
      }
      const personal = await heads(k.windowLane('w'), rand() < 0.15 ? 1 : 0, {
        transferredFrom: 'x',
      });
      await redis.hset(k.window('w'), { status: 'open', clerkId: 'c' });

      const expected = chooseNext(
        { mode: window.mode, services: views, ...(personal ? { personal } : {}) },
        hall.rules,
      );
      const got = await store.callNext(hall, window, 'c', Date.now());
      const context = JSON.stringify({ round, window, views, personal });
      if (!expected) {
        expect(got, context).toBeNull();
        continue;
      }
      expect(got?.ticket.id, context).toBe(expected.ticketId);
      expect(got?.ticket.reasonCode, context).toBe(expected.reason);
      if (expected.serviceId && expected.lane !== 'window') {
        const view = views.find((v) => v.serviceId === expected.serviceId);
        const streak = Number(await redis.hget(k.service(expected.serviceId), 'greenInRow'));
        expect(streak, context).toBe(
          nextGreenInRow(view?.greenInRow ?? 0, expected.lane, view?.normal !== undefined),
        );
        const appointmentStreak = Number(
          await redis.hget(k.service(expected.serviceId), 'apptInRow'),
        );
        expect(appointmentStreak, context).toBe(
          nextAppointmentInRow(
            view?.appointmentInRow ?? 0,
            expected.lane,
            view?.normal !== undefined || view?.green !== undefined,
          ),
        );
        if (expected.lane === 'appointment')
          expect(Number(got?.ticket.reasonApptInRow), context).toBe(expected.appointmentInRow);
      }
    }
  });
});
