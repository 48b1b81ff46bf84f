// A client that stops reading is let go instead of having frames pile up for it on the server;
// a client that reads on the same hall keeps every event. Real redis-server, real socket.io client.
import type { HallEvent } from '@hall/protocol';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { startServer } from '../src/server.js';
import { hallKeys } from '../src/store/keys.js';
import { sampleHall } from './helpers.js';
import { waitUntil } from './realtime-helpers.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** The net socket under a socket.io-client WebSocket connection (Node's `ws`). */
function rawSocketOf(socket: Socket): { pause(): void; resume(): void } {
  const engine = socket.io.engine as unknown as { transport: { ws: { _socket: never } } };
  return engine.transport.ws._socket;
}

describe('realtime with a client that stops reading', () => {
  it(
    'drops the stalled connection and keeps delivering to the others',
    { timeout: 60_000 },
    async () => {
      const hall = sampleHall('demo', (h) => {
        h.devices = h.devices.filter((d) => d.kind !== 'printer');
      });
      const warnings: string[] = [];
      const logger = pino(
        { level: 'warn' },
        { write: (line: string) => warnings.push((JSON.parse(line) as { msg: string }).msg) },
      );
      const server = await startServer({
        halls: [hall],
        redis: inject('redisUrl'),
        logger,
        realtime: { maxBufferedBytes: 256 * 1024, stalledCheckMs: 100 },
      });
      cleanup.push(() => server.close());
      const connect = async () => {
        const socket = io(server.url, { transports: ['websocket'], reconnection: false });
        cleanup.push(() => socket.disconnect());
        const ack: unknown = await new Promise((resolve) =>
          socket.once('connect', () => {
            socket.emit('subscribe', { hallId: hall.id, batch: true }, resolve);
          }),
        );
        expect(ack).toHaveProperty('snapshot');
        return socket;
      };
      const reader = await connect();
      let read = 0;
      reader.on('hall:events', (events: HallEvent[]) => (read += events.length));
      const stalled = await connect();
      let stalledGone = false;
      stalled.on('disconnect', () => (stalledGone = true));
      rawSocketOf(stalled).pause();

      // a busy stretch: 100,000 events (a real ticket.issued entry, copied), far more than the
      // kernel's socket buffers hold
      const r = await fetch(`${server.url}/api/v1/halls/${hall.id}/tickets`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-kiosk', 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: 'labor' }),
      });
      expect(r.status).toBe(201);
      const redis = new Redis(inject('redisUrl'));
      cleanup.push(() => redis.disconnect());
      const key = hallKeys(hall.id).events;
      const [first] = (await redis.xrange(key, '-', '+', 'COUNT', 1)) as [string, string[]][];
      for (let done = 0; done < 100_000; done += 1000) {
        const batch = redis.pipeline();
        for (let i = 0; i < 1000; i++) batch.xadd(key, '*', ...first![1]);
        await batch.exec();
      }

      await waitUntil(
        () => read === 100_001,
        () => `reader has ${read}, connected: ${reader.connected}`,
        20_000,
      );
      expect(reader.connected).toBe(true);
      await waitUntil(
        () => warnings.includes('dropping a stalled client'),
        () => warnings.join('; '),
        20_000,
      );
      expect(warnings.filter((w) => w === 'dropping a stalled client')).toHaveLength(1);
      // once the stalled client reads again it finds the server has let it go
      rawSocketOf(stalled).resume();
      await waitUntil(
        () => stalledGone,
        () => 'the stalled client is still connected',
        20_000,
      );
    },
  );
});
