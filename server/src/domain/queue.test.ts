import { describe, expect, it } from 'vitest';
import {
  chooseNext,
  nextAppointmentInRow,
  nextGreenInRow,
  requeueScore,
  type ServiceQueueView,
  type WindowQueueView,
} from './queue.js';

const rules = { maxGreenInRow: 2, maxAppointmentInRow: 2 };
const svc = (serviceId: string, v: Partial<ServiceQueueView> = {}): ServiceQueueView => ({
  serviceId,
  greenInRow: 0,
  ...v,
});
const win = (services: ServiceQueueView[], v: Partial<WindowQueueView> = {}): WindowQueueView => ({
  mode: 'ordered',
  services,
  ...v,
});

describe('chooseNext', () => {
  it('interleaves appointments, green and normal tickets as docs/appointments.md says', () => {
    const lane = (p: string, scores: number[]) =>
      scores.map((score, i) => ({ ticketId: `${p}${i + 1}`, score }));
    const appointment = lane('P', [5, 7, 9]);
    const green = lane('G', [2, 6, 8]);
    const normal = lane('N', [1, 3, 4]);
    let greenInRow = 0;
    let appointmentInRow = 0;
    const order: string[] = [];
    for (;;) {
      const c = chooseNext(
        win([
          svc('labor', {
            greenInRow,
            appointmentInRow,
            ...(appointment[0] ? { appointment: appointment[0] } : {}),
            ...(green[0] ? { green: green[0] } : {}),
            ...(normal[0] ? { normal: normal[0] } : {}),
          }),
        ]),
        rules,
      );
      if (!c) break;
      const normalWaiting = normal.length > 0;
      const othersWaiting = normalWaiting || green.length > 0;
      order.push(`${c.ticketId}:${c.reason}`);
      ({ appointment, green, normal })[c.lane as 'appointment' | 'green' | 'normal'].shift();
      greenInRow = nextGreenInRow(greenInRow, c.lane, normalWaiting);
      appointmentInRow = nextAppointmentInRow(appointmentInRow, c.lane, othersWaiting);
    }
    expect(order).toEqual([
      'P1:appointment',
      'P2:appointment',
      'G1:appointment_interleave',
      'P3:appointment',
      'G2:green',
      'N1:green_interleave',
      'G3:green',
      'N2:oldest',
      'N3:oldest',
    ]);
  });

  it('calls appointments in a row without limit when nobody else waits', () => {
    const c = chooseNext(
      win([svc('labor', { appointmentInRow: 5, appointment: { ticketId: 'p', score: 3 } })]),
      rules,
    );
    expect(c).toMatchObject({ ticketId: 'p', lane: 'appointment', appointmentInRow: 1 });
  });

  it('calls the oldest normal ticket when nothing else waits', () => {
    const c = chooseNext(win([svc('labor', { normal: { ticketId: 'a', score: 1 } })]), rules);
    expect(c).toMatchObject({ ticketId: 'a', lane: 'normal', reason: 'oldest' });
  });

  it('returns null when nobody waits', () => {
    expect(chooseNext(win([svc('labor')]), rules)).toBeNull();
  });

  it('puts green before normal but no more than maxGreenInRow in a row while normal ones wait', () => {
    // simulate a queue of 5 green and 3 normal tickets, calling until empty
    const green = [1, 2, 3, 4, 5].map((n) => ({ ticketId: `g${n}`, score: 10 + n }));
    const normal = [1, 2, 3].map((n) => ({ ticketId: `n${n}`, score: n }));
    let inRow = 0;
    const order: string[] = [];
    for (;;) {
      const view = win([
        svc('labor', {
          greenInRow: inRow,
          ...(green[0] ? { green: green[0] } : {}),
          ...(normal[0] ? { normal: normal[0] } : {}),
        }),
      ]);
      const c = chooseNext(view, rules);
      if (!c) break;
      const normalWaiting = normal.length > 0;
      order.push(`${c.ticketId}:${c.reason}`);
      if (c.lane === 'green') green.shift();
      else normal.shift();
      inRow = nextGreenInRow(inRow, c.lane, normalWaiting);
    }
    expect(order).toEqual([
      'g1:green',
      'g2:green',
      'n1:green_interleave',
      'g3:green',
      'g4:green',
      'n2:green_interleave',
      'g5:green',
      'n3:oldest',
    ]);
  });

  it('serves tickets transferred to the window first, then transferred to the service', () => {
    const view = win(
      [
        svc('civil', {
          front: { ticketId: 'f', score: 9, fromWindowId: '1' },
          green: { ticketId: 'g', score: 1 },
        }),
      ],
      {
        personal: { ticketId: 'p', score: 20, fromWindowId: '3' },
      },
    );
    expect(chooseNext(view, rules)).toMatchObject({
      ticketId: 'p',
      lane: 'window',
      reason: 'window_queue',
      fromWindowId: '3',
    });
    delete view.personal;
    expect(chooseNext(view, rules)).toMatchObject({
      ticketId: 'f',
      lane: 'front',
      reason: 'transferred',
      fromWindowId: '1',
    });
  });

  it('ordered windows take the first service in their list that has someone waiting (一窗多能)', () => {
    const view = win([
      svc('party'),
      svc('labor', { normal: { ticketId: 'old', score: 1 } }),
      svc('civil', { green: { ticketId: 'g', score: 0.5 } }),
    ]);
    expect(chooseNext(view, rules)?.ticketId).toBe('old');
  });

  it('oldest-mode windows take green before normal, then the lowest score across services', () => {
    const view = win(
      [
        svc('finance', { normal: { ticketId: 'f1', score: 5 } }),
        svc('construction', { normal: { ticketId: 'c1', score: 3 } }),
      ],
      { mode: 'oldest' },
    );
    expect(chooseNext(view, rules)?.ticketId).toBe('c1');
    view.services[0] = svc('finance', {
      normal: { ticketId: 'f1', score: 5 },
      green: { ticketId: 'fg', score: 7 },
    });
    expect(chooseNext(view, rules)).toMatchObject({ ticketId: 'fg', reason: 'green' });
  });

  it('marks a re-queued ticket as such', () => {
    const c = chooseNext(
      win([svc('labor', { normal: { ticketId: 'r', score: 2.5, requeued: true } })]),
      rules,
    );
    expect(c?.reason).toBe('requeued');
  });
});

describe('requeueScore', () => {
  it('puts the ticket the given number of places behind the head', () => {
    expect(requeueScore([1, 2, 3, 4], 2, 99)).toBe(2.5);
    expect(requeueScore([1, 2, 3, 4], 0, 99)).toBe(0);
  });
  it('goes to the back when the lane is shorter than that', () => {
    expect(requeueScore([1, 2], 2, 99)).toBe(99);
    expect(requeueScore([], 3, 7)).toBe(7);
  });
});
