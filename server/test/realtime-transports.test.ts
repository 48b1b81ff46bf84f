// The hall's frames are encoded once and written to every socket as they are: a screen on a
// WebSocket, one whose proxy allows only long polling, one that starts on polling and
// upgrades while calls are coming, and an old client taking one frame per event all get
// every public event once and in order, as socket.io would have sent it.
// Real redis-server, real socket.io clients.
import type { HallEvent } from '@hall/protocol';
import { pino } from 'pino';
import { Encoder } from 'socket.io-parser';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { encodeFrame } from '../src/realtime/frame.js';
import { startServer } from '../src/server.js';
import { sampleHall } from './helpers.js';
import { streamIds, waitUntil } from './realtime-helpers.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('realtime frames on every transport', () => {
  it('encodes a batch exactly as socket.io encodes the same emit', () => {
    const events = [
      {
        id: '1-0',
        hallId: 'h',
        type: 'ticket.called',
        at: '2026-01-01T09:00:00+08:00',
        data: {
          ticketId: 't',
          number: 'A001',
          windowId: '1',
          windowName: '1号窗口',
          reason: 'next',
        },
      },
    ] as unknown as HallEvent[];
    const frame = encodeFrame('hall:events', events);
    const [expected] = new Encoder().encode({ type: 2, nsp: '/', data: ['hall:events', events] });
    expect(frame.packet).toBe(expected);
    // a text frame, final, unmasked, with the engine.io message `4` and the packet
    const payload = Buffer.from(`4${frame.packet}`);
    expect(frame.bytes[0]).toBe(0x81);
    expect(frame.bytes.subarray(frame.bytes.length - payload.length)).toEqual(payload);
  });

  it(
    'delivers every event once and in order over WebSocket, long polling and an upgrade',
    { timeout: 60_000 },
    async () => {
      const hall = sampleHall('demo', (h) => {
        h.devices = h.devices.filter((d) => d.kind !== 'printer');
      });
      const server = await startServer({
        halls: [hall],
        redis: inject('redisUrl'),
        logger: pino({ level: 'error' }),
      });
      cleanup.push(() => server.close());

      const clients = new Map<string, { socket: Socket; ids: string[] }>();
      let from = '0-0';
      const connect = async (name: string, transports: string[], batch: boolean) => {
        const socket = io(server.url, { transports, reconnection: false });
        cleanup.push(() => socket.disconnect());
        const ids: string[] = [];
        socket.on('hall:events', (events: HallEvent[]) => ids.push(...events.map((e) => e.id)));
        socket.on('hall:event', (event: HallEvent) => ids.push(event.id));
        clients.set(name, { socket, ids });
        const ack = await new Promise<{ lastEventId: string }>((resolve) =>
          socket.once('connect', () =>
            socket.emit('subscribe', { hallId: hall.id, batch }, resolve),
          ),
        );
        from = ack.lastEventId;
        return socket;
      };
      await connect('websocket', ['websocket'], true);
      await connect('polling', ['polling'], true);
      await connect('one frame per event', ['websocket'], false);
      const upgrading = await connect('upgrade', ['polling', 'websocket'], true);

      // tickets issued while the last client is still moving from polling to WebSocket
      for (let i = 0; i < 30; i++) {
        const r = await fetch(`${server.url}/api/v1/halls/${hall.id}/tickets`, {
          method: 'POST',
          headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json' },
          body: JSON.stringify({ serviceId: i % 2 ? 'labor' : 'civil' }),
        });
        expect(r.status).toBe(201);
      }
      // nothing happened between the subscribes: every client starts where the last one did
      const expected = await streamIds(inject('redisUrl'), hall.id, from);
      expect(expected.length).toBeGreaterThanOrEqual(30);
      await waitUntil(
        () => [...clients.values()].every((c) => c.ids.length >= expected.length),
        () => [...clients].map(([n, c]) => `${n}: ${c.ids.length}/${expected.length}`).join(', '),
      );
      for (const { ids } of clients.values()) expect(ids).toEqual(expected);
      expect(upgrading.io.engine.transport.name).toBe('websocket');
      expect(clients.get('polling')!.socket.io.engine.transport.name).toBe('polling');
    },
  );
});
