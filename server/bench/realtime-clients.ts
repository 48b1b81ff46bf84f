// A process of the realtime benchmark holding many clients of one hall. Each subscribes as
// the protocol says (`subscribe` with `batch: true`) and reads `hall:events` frames. By default
// a client is the lean one (leanClient below: the engine.io and socket.io packets over a TCP
// socket of its own, the leanest client the protocol allows, since the benchmark's clients
// share the machine with the server where a hall's screens each have their own);
// CLIENT=socket.io uses socket.io-client, which only looks for ticket.called in what arrives;
// CLIENT=connectHall the shared realtime client, which applies every event to its hall state
// as the apps do. It notes when each client saw each ticket.called (wall-clock
// high-resolution time, comparable between processes on one machine) and tells its parent
// when all its clients have a call. No per-message logging.
import {
  connectHall,
  type HallEvent,
  type SubscribeAck,
  type SubscribeRequest,
} from '@hall/protocol';
import { io } from 'socket.io-client';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

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
/** Which client stands in for a screen: the lean one unless CLIENT says otherwise. */
const LEAN_CLIENT = !process.env.CLIENT || process.env.CLIENT === 'lean';

const closers: (() => void)[] = [];
/** When each client saw each call. */
const arrivals = new Map<string, number[]>();
/** How many clients saw each ticket's finish. */
const finishes = new Map<string, number>();
/** The first event of each type seen, for the floor to send frames of the same shape. */
const samples: Record<string, HallEvent> = {};
let total = 0;
let frames = 0;
let cpuMark = process.cpuUsage();
/** Frames and CPU from the mark to the end of the measured calls. */
let measured: { frames: number; cpu: number } | null = null;

function seen(event: HallEvent): void {
  samples[event.type] ??= event;
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
  if (LEAN_CLIENT) return leanClient(url, hallId, address);
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

/**
 * The leanest client the protocol allows, standing in for a screen on a machine of its own:
 * a TCP connection that makes the WebSocket handshake itself (RFC 6455), then speaks engine.io
 * v4 and socket.io v5 as the socket.io client does (open, namespace connect, the subscribe
 * with its acknowledgement, pings answered) and parses each event frame's JSON. What it
 * spends per frame is a third of what socket.io-client spends, so on one machine the
 * server, not its clients, sets the latency (docs/decisions/071-…).
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
const EMPTY = Buffer.alloc(0);

function leanClient(url: string, hallId: string, address: string): Promise<void> {
  const { hostname, port } = new URL(url);
  let onData: (chunk: Buffer) => void = () => undefined;
  // `onread`: Node reads into one buffer shared by every connection of this process and calls
  // back with it, without a stream (each read is handled before the next)
  const socket = connect({
    host: hostname,
    port: Number(port),
    noDelay: true,
    onread: {
      buffer: READ_BUFFER,
      callback: (n) => {
        onData(READ_BUFFER.subarray(0, n));
        return true;
      },
    },
  });
  closers.push(() => socket.destroy());
  /** One masked text frame, as a client must send (payloads here are short). */
  const sendText = (text: string) => {
    const payload = Buffer.from(text);
    const mask = randomBytes(4);
    const head = Buffer.from([0x81, 0x80 | payload.length, ...mask]);
    for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i & 3]!;
    socket.write(Buffer.concat([head, payload]));
  };
  let upgraded = false;
  let pending: Buffer = EMPTY;
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.write(
      `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        `X-Forwarded-For: ${address}\r\n\r\n`,
    );
    const onText = (text: string) => {
      if (text.startsWith('42["hall:events",')) {
        frames++;
        const [, events] = JSON.parse(text.slice(2)) as [string, HallEvent[]];
        for (const event of events) seen(event);
      } else if (text === '2') sendText('3');
      else if (text.startsWith('0{')) sendText('40');
      else if (text.startsWith('40')) {
        const request: SubscribeRequest = { hallId, batch: true };
        sendText(`420${JSON.stringify(['subscribe', request])}`);
      } else if (text.startsWith('430')) {
        const [ack] = JSON.parse(text.slice(3)) as [SubscribeAck];
        if ('error' in ack) reject(new Error(`subscribe refused: ${ack.error.code}`));
        else resolve();
      }
    };
    onData = (chunk: Buffer) => {
      let buf = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return void (pending = buf);
        if (!buf.subarray(0, 12).toString().startsWith('HTTP/1.1 101')) {
          reject(new Error(`no upgrade: ${buf.subarray(0, end).toString()}`));
          return;
        }
        upgraded = true;
        buf = buf.subarray(end + 4);
      }
      // server frames: unmasked, unfragmented text (engine.io sends each packet as one)
      let at = 0;
      while (buf.length - at >= 2) {
        let len = buf[at + 1]! & 0x7f;
        let head = 2;
        if (len === 126) {
          if (buf.length - at < 4) break;
          len = buf.readUInt16BE(at + 2);
          head = 4;
        } else if (len === 127) {
          if (buf.length - at < 10) break;
          len = Number(buf.readBigUInt64BE(at + 2));
          head = 10;
        }
        if (buf.length - at < head + len) break;
        if ((buf[at]! & 0x0f) === 1) onText(buf.toString('utf8', at + head, at + head + len));
        at += head + len;
      }
      pending = at < buf.length ? Buffer.from(buf.subarray(at)) : EMPTY;
    };
  });
}

async function connectAll({ url, hallId, count, index }: Start): Promise<void> {
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

process.on(
  'message',
  (m: { start?: Start; mark?: true; measured?: true; report?: true; close?: true }) => {
    if (m.start) void connectAll(m.start).then(() => send({ ready: true }));
    if (m.mark) {
      frames = 0;
      cpuMark = process.cpuUsage();
      measured = null;
      send({ marked: true });
    }
    if (m.measured) {
      const cpu = process.cpuUsage(cpuMark);
      measured = { frames, cpu: cpu.user + cpu.system };
      send({ measured: true });
    }
    if (m.report) {
      const cpu = process.cpuUsage(cpuMark);
      send({
        report: {
          arrivals: Object.fromEntries(arrivals),
          ...(measured ?? { frames, cpu: cpu.user + cpu.system }),
          samples,
        },
      });
    }
    if (m.close) {
      for (const close of closers) close();
      setTimeout(() => process.exit(0), 200);
    }
  },
);
process.on('disconnect', () => process.exit(0));
