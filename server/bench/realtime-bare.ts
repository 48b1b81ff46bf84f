// The floor of the realtime benchmark, in its own process: a bare `ws` server that speaks
// just enough of engine.io and socket.io for the benchmark's socket.io clients (open,
// namespace connect, the subscribe acknowledgement) and, told by its parent, writes one frame
// with the given events to every connection: the same prepared bytes as the hall server
// (server/src/realtime/frame.ts), one write per socket, nothing else. The hall server's
// figures next to these show what is ours and what is the machine's (kernel, clients).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HallEvent } from '@hall/protocol';
import { WebSocketServer, type WebSocket } from 'ws';
import { encodeFrame } from '../src/realtime/frame.js';

const sockets = new Set<WebSocket>();
const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: http, perMessageDeflate: false, clientTracking: false });
let next = 0;
wss.on('connection', (ws) => {
  const sid = `bare${next++}`;
  ws.send(
    `0${JSON.stringify({ sid, upgrades: [], pingInterval: 600_000, pingTimeout: 600_000, maxPayload: 65536 })}`,
  );
  ws.on('message', (data) => {
    const text = (data as Buffer).toString();
    if (text.startsWith('40')) ws.send(`40${JSON.stringify({ sid })}`);
    // `42<ack id>["subscribe",{…}]`: acknowledged as the hall server would, from the start
    const ack = /^42(\d+)\[/.exec(text);
    if (ack) {
      ws.send(`43${ack[1]}${JSON.stringify([{ lastEventId: '0-0' }])}`);
      sockets.add(ws);
    }
  });
  ws.on('close', () => sockets.delete(ws));
});

http.listen(0, '127.0.0.1', () => {
  process.send?.({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });
});

process.on('message', (m: { send?: HallEvent[]; cpu?: true }) => {
  if (m.cpu) {
    const c = process.cpuUsage();
    process.send?.({ cpuUsed: c.user + c.system });
  }
  if (!m.send) return;
  const { bytes } = encodeFrame('hall:events', m.send);
  for (const ws of sockets)
    (ws as unknown as { _socket: { write(b: Buffer): void } })._socket.write(bytes);
});
process.on('disconnect', () => process.exit(0));
