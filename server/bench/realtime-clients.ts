// A process of the realtime benchmark holding many clients: the protocol's realtime client
// (batched frames, websocket transport) subscribed to one hall. Told by its parent to connect,
// it notes when each client holds each ticket.called event (wall-clock high-resolution time,
// comparable between processes on one machine) and says when all its clients have a call.
import { connectHall, type HallConnection, type HallEvent } from '@hall/protocol';
import { io } from 'socket.io-client';

interface Start {
  url: string;
  hallId: string;
  count: number;
}

const now = () => performance.timeOrigin + performance.now();
const send = (message: unknown) => process.send?.(message);

const clients: HallConnection[] = [];
const arrivals = new Map<string, number[]>();

async function connect({ url, hallId, count }: Start): Promise<void> {
  // in batches, as a hall's screens and phones would arrive, not in one burst of SYNs
  for (let i = 0; i < count; i += 250) {
    const batch = Array.from({ length: Math.min(250, count - i) }, () =>
      connectHall({
        url,
        hallId,
        io,
        fetch: false,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 200 },
      }),
    );
    await Promise.all(
      batch.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.status === 'live') return resolve();
            const off = c.on('status', (s) => {
              if (s !== 'live') return;
              off();
              resolve();
            });
          }),
      ),
    );
    for (const c of batch) {
      c.on('event', (event: HallEvent) => {
        if (event.type !== 'ticket.called') return;
        const times = arrivals.get(event.data.ticketId) ?? [];
        times.push(now());
        arrivals.set(event.data.ticketId, times);
        if (times.length === count) send({ all: event.data.ticketId });
      });
    }
    clients.push(...batch);
  }
}

process.on('message', (m: { start?: Start; report?: true; close?: true }) => {
  if (m.start) void connect(m.start).then(() => send({ ready: true }));
  if (m.report) send({ arrivals: Object.fromEntries(arrivals) });
  if (m.close) {
    for (const c of clients) c.close();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
