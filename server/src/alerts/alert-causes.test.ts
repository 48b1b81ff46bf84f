import { describe, expect, it } from 'vitest';
import { causeOps } from './alert-causes.js';
import { demoHall, ev } from './alert-test-events.js';

const hall = demoHall();
hall.services.find((s) => s.id === 'civil')!.limits = { waitMinutes: { yellow: 1, red: 2 } };

describe('what events start and end (no Redis)', () => {
  it("a ticket's wait, call and service follow one another, with the service's own limits", () => {
    const t = { ticketId: 'x.1', number: 'B001', serviceId: 'civil' };
    const ops = causeOps(hall, [
      ev('ticket.issued', 0, { ...t, priority: 'normal', waitingAhead: 0 }),
      ev('ticket.called', 30_000, { ...t, windowId: '3', windowName: '3号窗口', recall: false }),
      ev('ticket.started', 60_000, { ...t, windowId: '3' }),
      ev('ticket.finished', 90_000, { ...t, windowId: '3', outcome: 'done' }),
    ]);
    expect(ops.filter((o) => o.o !== 'staff')).toEqual([
      // 民政救济 waits 1/2 minutes (its own), the hall's call and service limits otherwise
      expect.objectContaining({
        o: 'set',
        c: 'wait:x.1',
        kind: 'wait_limit',
        y: 60_000,
        r: 120_000,
      }),
      { o: 'end', c: 'wait:x.1', at: 30_000 },
      { o: 'end', c: 'idle:3', at: 30_000 },
      expect.objectContaining({ o: 'set', c: 'call:x.1', y: 90_000, r: 150_000, windowId: '3' }),
      { o: 'end', c: 'call:x.1', at: 60_000 },
      expect.objectContaining({ o: 'set', c: 'service:x.1', y: 660_000, r: 960_000 }),
      { o: 'end', c: 'call:x.1', at: 90_000 },
      { o: 'end', c: 'service:x.1', at: 90_000 },
      expect.objectContaining({ o: 'set', c: 'idle:3', kind: 'idle_post', y: 690_000 }),
    ]);
    // one 空岗 check for the service, as of its last event in the batch
    expect(ops.filter((o) => o.o === 'staff')).toEqual([
      { o: 'staff', svc: 'civil', windows: ['3', '6'], at: 30_000, lim: 0.5 },
    ]);
  });

  it('pauses, a bad rating, and events that change no cause', () => {
    const ops = causeOps(hall, [
      ev('window.paused', 0, { windowId: '4', kind: 'closed' }),
      ev('window.resumed', 5_000, { windowId: '4' }),
      ev('rating.alert', 6_000, {
        ticketId: 'x.2',
        number: 'C001',
        serviceId: 'family',
        windowId: '4',
        clerkId: 'clerk4',
        score: 1,
      }),
      ev('notice.updated', 7_000, { noticeId: 'n1' }),
      ev('alert.raised', 8_000, { alertId: 'a1', kind: 'wait_limit', level: 'yellow' }),
    ]);
    expect(ops.filter((o) => o.o !== 'staff')).toEqual([
      { o: 'end', c: 'idle:4', at: 0 },
      expect.objectContaining({ c: 'pause:4', pauseKind: 'closed', y: 600_000, r: 1_200_000 }),
      { o: 'end', c: 'pause:4', at: 5_000 },
      expect.objectContaining({ c: 'idle:4', start: 5_000 }),
      expect.objectContaining({
        c: 'rating:x.2',
        kind: 'bad_rating',
        y: 6_000,
        r: 6_000,
        clerkId: 'clerk4',
        score: 1,
        final: 1,
      }),
    ]);
  });
});
