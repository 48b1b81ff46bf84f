import { hallEventTypes } from '@hall/protocol';
import { describe, expect, it } from 'vitest';
import type { StreamEntry } from '../realtime/event-reader.js';
import { causeEvents, causeEventTypes, causeOps } from './alert-causes.js';
import { encodeOps, netOps } from './alert-ops.js';
import { demoHall, ev, nextId } from './alert-test-events.js';

const hall = demoHall();

const entry = (type: string, at: number, data: string): StreamEntry => [
  nextId(at),
  ['type', type, 'at', String(at), 'data', data],
];
const t1 = { ticketId: 'x.1', number: 'A001', serviceId: 'labor' };
const t2 = { ticketId: 'x.2', number: 'A002', serviceId: 'labor' };
const causes = (ops: ReturnType<typeof netOps>) => ops.filter((o) => o.o !== 'staff');

describe('the events a fold reads', () => {
  it('parses only the entries that can change a cause', () => {
    const events = causeEvents([
      entry('ticket.issued', 1_000, JSON.stringify(t1)),
      // a ticket's print job, the alerts' own events: skipped before their data is read
      entry('print.updated', 1_000, 'not json at all'),
      entry('alert.raised', 2_000, '{'),
      entry('window.opened', 3_000, JSON.stringify({ windowId: '1', clerkId: 'clerk1' })),
    ]);
    expect(events.map((e) => [e.type, e.at, e.data])).toEqual([
      ['ticket.issued', 1_000, t1],
      ['window.opened', 3_000, { windowId: '1', clerkId: 'clerk1' }],
    ]);
  });

  it('no event type it skips would start or end a cause', () => {
    // every id an event can carry, so a rule for a skipped type would show here
    const data = {
      ...t1,
      windowId: '1',
      fromWindowId: '1',
      toServiceId: 'civil',
      followUpId: 'f1',
      clerkId: 'clerk1',
      kind: 'closed',
      score: 1,
    };
    const skipped = hallEventTypes.filter((type) => !causeEventTypes.has(type));
    expect(skipped).toContain('print.updated');
    for (const type of skipped) expect(causeOps(hall, [ev(type, 1_000, data)]), type).toEqual([]);
    for (const type of causeEventTypes) expect(hallEventTypes).toContain(type);
  });
});

describe("a batch's net effect per cause", () => {
  it('a ticket issued, called, started and finished in one batch leaves only the window idle', () => {
    const ops = causeOps(hall, [
      ev('ticket.issued', 0, t1),
      ev('ticket.called', 10_000, { ...t1, windowId: '1' }),
      ev('ticket.started', 20_000, { ...t1, windowId: '1' }),
      ev('ticket.finished', 30_000, { ...t1, windowId: '1' }),
    ]);
    expect(causes(ops)).toHaveLength(9);
    expect(causes(netOps(ops))).toEqual([
      // the wait never needed a timer; call and service may have run before: looked up once
      { o: 'end', c: 'idle:1', at: 10_000 },
      expect.objectContaining({ o: 'set', c: 'idle:1', start: 30_000, fresh: 1 }),
      { o: 'end', c: 'call:x.1', at: 10_000 },
      { o: 'end', c: 'service:x.1', at: 20_000 },
    ]);
  });

  it('keeps the first end in its place and its time, and the last start', () => {
    const ops = causeOps(hall, [
      ev('window.paused', 0, { windowId: '4', kind: 'brief' }),
      ev('ticket.issued', 1_000, t2),
      ev('window.resumed', 5_000, { windowId: '4' }),
      ev('window.paused', 9_000, { windowId: '4', kind: 'closed' }),
    ]);
    const net = causes(netOps(ops));
    expect(net).toEqual([
      // idle: ended at 0, restarted at 5 s, ended again at 9 s: only the first end is left
      { o: 'end', c: 'idle:4', at: 0 },
      // paused: it ended what ran before at 0; closed at 9 s is what runs after the batch
      { o: 'end', c: 'pause:4', at: 0 },
      expect.objectContaining({
        o: 'set',
        c: 'pause:4',
        pauseKind: 'closed',
        start: 9_000,
        fresh: 1,
      }),
      expect.objectContaining({ o: 'set', c: 'wait:x.2', kind: 'wait_limit', fresh: 1 }),
    ]);
    // the 空岗 checks stay, after the causes
    expect(netOps(ops).slice(net.length)).toEqual(ops.filter((o) => o.o === 'staff'));
    // one op alone is left as it is
    const one = causeOps(hall, [ev('window.resumed', 0, { windowId: '2' })]);
    expect(netOps(one)).toEqual(one);
  });

  it('goes to the script as one JSON array, a cause as one JSON text', () => {
    const ops = netOps(
      causeOps(hall, [
        ev('ticket.issued', 0, t1),
        ev('window.paused', 1_000, { windowId: '3', kind: 'brief' }),
        ev('rating.alert', 2_000, { ...t2, windowId: '3', clerkId: 'clerk3', score: 1 }),
        ev('ticket.expired', 3_000, t2),
      ]),
    );
    const rows = (JSON.parse(encodeOps(ops)) as unknown[][]).map((op) =>
      op[0] === 'n' || op[0] === 's' ? [...op.slice(0, 4), JSON.parse(op[4] as string)] : op,
    );
    const wait = { kind: 'wait_limit', start: 0, y: 180_000, r: 300_000, ly: 3, lr: 5 };
    expect(rows).toEqual([
      [
        'n',
        'wait:x.1',
        0,
        180_000,
        { ...wait, serviceId: 'labor', ticketId: 'x.1', number: 'A001' },
      ],
      ['e', 'idle:3', 1_000],
      [
        's',
        'pause:3',
        1_000,
        181_000,
        {
          kind: 'pause_limit',
          start: 1_000,
          y: 181_000,
          r: 301_000,
          ly: 3,
          lr: 5,
          windowId: '3',
          pauseKind: 'brief',
        },
      ],
      [
        's',
        'rating:x.2',
        2_000,
        2_000,
        {
          kind: 'bad_rating',
          start: 2_000,
          y: 2_000,
          r: 2_000,
          ly: 0,
          lr: 0,
          serviceId: 'labor',
          ticketId: 'x.2',
          number: 'A002',
          windowId: '3',
          clerkId: 'clerk3',
          score: '1',
          final: '1',
        },
      ],
      ['e', 'wait:x.2', 3_000],
      ['u', 'labor', 3_000, 0.5, ['1', '2', '6']],
      ['u', 'civil', 1_000, 0.5, ['3', '6']],
    ]);
  });
});
