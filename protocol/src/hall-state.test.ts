import { describe, expect, it } from 'vitest';
import type { HallEvent } from './events.js';
import type { HallSnapshot } from './hall.js';
import { applyEvent, compareEventIds, mergeFetchedSnapshot } from './hall-state.js';

const snapshot: HallSnapshot = {
  id: 'demo',
  name: '大厅',
  timeZone: 'Asia/Shanghai',
  businessDay: '2026-11-23',
  now: '2026-11-23T09:00:00.000+08:00',
  services: [
    {
      id: 'labor',
      name: '劳动保障',
      prefix: 'A',
      open: true,
      waiting: 0,
      estimatedWaitMinutes: 0,
      quotaLeft: 1,
      materials: [],
    },
  ],
  windows: [{ id: '1', name: '1号窗口', serviceIds: ['labor'], status: 'closed' }],
  notices: [],
  lastEventId: '0-0',
};

let seq = 0;
const ev = (type: string, data: Record<string, unknown>): HallEvent =>
  ({
    id: `1000-${++seq}`,
    hallId: 'demo',
    type,
    at: '2026-11-23T09:00:00.000+08:00',
    data,
  }) as HallEvent;

describe('applyEvent', () => {
  it("scales a service's wait estimate with its count until the server is read again", () => {
    const busy: HallSnapshot = {
      ...snapshot,
      services: [
        { ...snapshot.services[0]!, waiting: 9, estimatedWaitMinutes: 19, quotaLeft: null },
      ],
    };
    const called = (n: string) =>
      ev('ticket.called', {
        ticketId: `t${n}`,
        number: n,
        serviceId: 'labor',
        windowId: '1',
        windowName: '1号窗口',
        recall: false,
      });
    let state = busy;
    for (let i = 0; i < 9; i++) state = applyEvent(state, called(`A00${i}`));
    // nine called: nobody waits, and the screen no longer says 19 minutes
    expect(state.services[0]).toMatchObject({ waiting: 0, estimatedWaitMinutes: 1 });
    state = applyEvent(
      state,
      ev('ticket.issued', { ticketId: 'x', number: 'A010', serviceId: 'labor' }),
    );
    expect(state.services[0]).toMatchObject({ waiting: 1, estimatedWaitMinutes: 3 });
  });

  it('follows a ticket from the kiosk through the window, leaving the old state untouched', () => {
    const ref = { ticketId: 't1', number: 'A001', serviceId: 'labor' };
    const steps = [
      ev('window.opened', { windowId: '1', clerkId: 'c1', staffName: '李明', staffJobNo: '001' }),
      ev('ticket.issued', { ...ref, priority: 'normal', waitingAhead: 0 }),
      ev('ticket.called', {
        ...ref,
        windowId: '1',
        windowName: '1号窗口',
        recall: false,
        callCount: 1,
        reason: 'oldest',
      }),
      ev('ticket.started', { ...ref, windowId: '1' }),
    ];
    let s = snapshot;
    const before = JSON.stringify(snapshot);
    s = applyEvent(s, steps[0]!);
    s = applyEvent(s, steps[1]!);
    expect(s.services[0]).toMatchObject({
      waiting: 1,
      quotaLeft: 0,
      open: false,
      closedReason: 'quota_exhausted',
    });
    s = applyEvent(s, steps[2]!);
    s = applyEvent(s, steps[3]!);
    expect(s.services[0]!.waiting).toBe(0);
    expect(s.windows[0]).toMatchObject({
      status: 'open',
      staffName: '李明',
      currentNumber: 'A001',
      currentStatus: 'serving',
    });
    expect(s.lastEventId).toBe(steps[3]!.id);
    s = applyEvent(
      s,
      ev('ticket.finished', {
        ...ref,
        windowId: '1',
        outcome: 'done',
        ratingDeadline: '2026-11-23T09:10:00.000+08:00',
      }),
    );
    expect(s.windows[0]!.currentNumber).toBeUndefined();
    expect(s.windows[0]!.awaitingRating?.ticketId).toBe('t1');
    expect(JSON.stringify(snapshot)).toBe(before);
  });

  it('passes over event types it does not know, keeping their id', () => {
    const e = ev('something.new', { x: 1 });
    const s = applyEvent(snapshot, e);
    expect(s).toEqual({ ...snapshot, lastEventId: e.id });
  });

  it('takes from a fetched snapshot only what events cannot tell, unless it is the same moment', () => {
    const current = { ...snapshot, lastEventId: '5-0' };
    const fetched: HallSnapshot = {
      ...snapshot,
      lastEventId: '4-0',
      services: [{ ...snapshot.services[0]!, waiting: 9, estimatedWaitMinutes: 30 }],
      notices: [{ id: 'n1', text: '通知' }],
    };
    const merged = mergeFetchedSnapshot(current, fetched);
    expect(merged.services[0]).toMatchObject({ waiting: 0, estimatedWaitMinutes: 30 });
    expect(merged.notices).toHaveLength(1);
    expect(merged.lastEventId).toBe('5-0');
    expect(mergeFetchedSnapshot(current, { ...fetched, lastEventId: '5-0' })).toEqual({
      ...fetched,
      lastEventId: '5-0',
    });
  });

  it('orders event ids as numbers', () => {
    expect(compareEventIds('9-0', '10-0')).toBeLessThan(0);
    expect(compareEventIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareEventIds('10-1', '10-1')).toBe(0);
  });
});
