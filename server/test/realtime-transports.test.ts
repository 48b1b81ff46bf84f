// The hall's frames are encoded once and written to every socket as they are: a screen on a
// WebSocket, one whose proxy allows only long polling, one that starts on polling and
// upgrades while calls are coming, and an old client taking one frame per event all get
// every public event once and in order, as socket.io would have sent it.
// Real redis-server, real socket.io clients.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectHall, type HallEvent } from '@hall/protocol';
import { pino } from 'pino';
import { Encoder } from 'socket.io-parser';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { encodeFrame } from '../src/realtime/frame.js';
import { startServer } from '../src/server.js';
import { sampleHall } from './helpers.js';
import { apiAt, streamIds, waitUntil } from './realtime-helpers.js';

/** A reverse proxy that forwards plain HTTP and refuses every WebSocket upgrade. */
async function proxyWithoutWebSockets(target: string): Promise<{ url: string; http: Server }> {
  const to = new URL(target);
  const http = createServer((req, res) => {
    const upstream = request(
      { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  http.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, http };
}

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

  it(
    'the shared realtime client goes straight to a WebSocket, and to long polling behind a proxy that refuses them',
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
      const proxy = await proxyWithoutWebSockets(server.url);
      cleanup.push(() => {
        proxy.http.closeAllConnections();
        return new Promise((r) => proxy.http.close(r));
      });

      // what reaches the server: the direct screen's WebSocket, the proxied one's polling
      const seen: string[] = [];
      server.http.prependListener('request', (req: { url?: string }) => {
        if (req.url?.startsWith('/socket.io/')) seen.push('polling');
      });
      server.http.prependListener('upgrade', () => seen.push('websocket'));
      const screen = (url: string) => {
        const conn = connectHall({ url, hallId: hall.id, io, fetch: false });
        cleanup.push(() => conn.close());
        const called: string[] = [];
        conn.on('event', (e) => {
          if (e.type === 'ticket.called') called.push(e.data.number);
        });
        return { conn, called };
      };
      const direct = screen(server.url);
      await waitUntil(
        () => direct.conn.status === 'live',
        () => direct.conn.status,
      );
      expect(seen).toEqual(['websocket']);
      seen.length = 0;
      const proxied = screen(proxy.url);
      await waitUntil(
        () => proxied.conn.status === 'live',
        () => proxied.conn.status,
      );
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set(['polling']));
      const screens = [direct, proxied];

      const api = apiAt(server.url);
      const ticket = await api('POST', `/halls/${hall.id}/tickets`, {
        token: 'demo-kiosk',
        body: { serviceId: 'labor' },
      });
      expect(ticket.status).toBe(201);
      const login = await api('POST', '/auth/login', {
        body: { username: 'clerk1', password: 'demo1234', hallId: hall.id },
      });
      const token = login.body.token as string;
      await api('POST', `/halls/${hall.id}/windows/1/open`, { token });
      const call = await api('POST', `/halls/${hall.id}/windows/1/call-next`, { token });
      expect(call.status).toBe(200);
      await waitUntil(
        () => screens.every((s) => s.called.length === 1),
        () => screens.map((s) => s.called.join()).join(' / '),
      );
      for (const s of screens) expect(s.called).toEqual([ticket.body.number]);
    },
  );
});
