// A process of the realtime benchmark holding many clients of one hall. Each is a real
// socket.io client on the websocket transport that subscribes as the protocol says
// (`subscribe` with `batch: true`, again from its last event id after a reconnect) and reads
// `hall:events` frames. By default it only looks for ticket.called in what arrives (the
// benchmark's clients share two cores with the server: a hall's screens each have their own
// machine); CLIENT=connectHall uses the shared realtime client instead, which applies every
// event to its hall state as the apps do. It notes when each client's handler saw each
// ticket.called (wall-clock high-resolution time, comparable between processes on one
// machine) and tells its parent when all its clients have a call. No per-message logging.
import {
  connectHall,
  type HallEvent,
  type SubscribeAck,
  type SubscribeRequest,
} from '@hall/protocol';
import { io } from 'socket.io-client';

interface Start {
  url: string;
  hallId: string;
  count: number;
  /** This process's number: with the client's own number it makes the client's address. */
  index: number;
}

const now = () => performance.timeOrigin + performance.now();
const send = (message: unknown) => process.send?.(message);
const SHARED_CLIENT = process.env.CLIENT === 'connectHall';

const closers: (() => void)[] = [];
/** When each client saw each call. */
const arrivals = new Map<string, number[]>();
/** How many clients saw each ticket's finish. */
const finishes = new Map<string, number>();
let total = 0;
let frames = 0;
let cpuMark = process.cpuUsage();

function seen(event: HallEvent): void {
  if (event.type === 'ticket.called') {
    const times = arrivals.get(event.data.ticketId) ?? [];
    times.push(now());
    arrivals.set(event.data.ticketId, times);
    if (times.length === total) send({ all: `ticket.called:${event.data.ticketId}` });
  } else if (event.type === 'ticket.finished') {
    const n = (finishes.get(event.data.ticketId) ?? 0) + 1;
    finishes.set(event.data.ticketId, n);
    if (n === total) send({ all: `ticket.finished:${event.data.ticketId}` });
  }
}

/** One client; resolves when its first subscription is acknowledged. */
function client(url: string, hallId: string, address: string): Promise<void> {
  // a hall's phones and screens come through the proxy from addresses of their own
  const socketOptions = {
    transports: ['websocket'],
    reconnectionDelay: 200,
    extraHeaders: { 'x-forwarded-for': address },
  };
  if (SHARED_CLIENT) {
    const c = connectHall({ url, hallId, io, fetch: false, socketOptions });
    closers.push(() => c.close());
    c.on('event', seen);
    c.on('state', (_state, event) => {
      if (event) frames++;
    });
    return new Promise((resolve) => {
      const off = c.on('status', (s) => {
        if (s !== 'live') return;
        off();
        resolve();
      });
    });
  }
  const socket = io(url, socketOptions);
  closers.push(() => socket.disconnect());
  let lastEventId: string | undefined;
  socket.on('hall:events', (events: HallEvent[]) => {
    frames++;
    for (const event of events) seen(event);
    lastEventId = events.at(-1)?.id ?? lastEventId;
  });
  return new Promise((resolve) => {
    socket.on('connect', () => {
      const request: SubscribeRequest = {
        hallId,
        batch: true,
        ...(lastEventId ? { since: lastEventId } : {}),
      };
      socket.emit('subscribe', request, (ack: SubscribeAck) => {
        if ('error' in ack) {
          console.error(`subscribe refused: ${ack.error.code}`);
          return;
        }
        lastEventId = ack.lastEventId;
        resolve();
      });
    });
  });
}

async function connect({ url, hallId, count, index }: Start): Promise<void> {
  total = count;
  // in batches, as a hall's screens and phones would arrive, not in one burst of SYNs
  for (let i = 0; i < count; i += 250) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(count, i + 250); j++) {
      batch.push(client(url, hallId, `10.${index}.${j >> 8}.${j & 255}`));
    }
    await Promise.all(batch);
  }
}

process.on('message', (m: { start?: Start; mark?: true; report?: true; close?: true }) => {
  if (m.start) void connect(m.start).then(() => send({ ready: true }));
  if (m.mark) {
    frames = 0;
    cpuMark = process.cpuUsage();
    send({ marked: true });
  }
  if (m.report) {
    const cpu = process.cpuUsage(cpuMark);
    send({
      report: { arrivals: Object.fromEntries(arrivals), frames, cpu: cpu.user + cpu.system },
    });
  }
  if (m.close) {
    for (const close of closers) close();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
