// The stalled-connection check walks a node's subscribers a slice at a time, so a check over
// thousands of connections never holds the event loop in one go. The connections here are
// plain objects shaped as socket.io's (the parts backlogOf reads: engine.io's write buffer and
// the WebSocket's buffered amount); the check over real clients is realtime-stalled.test.ts.
import { pino } from 'pino';
import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { defaultRealtimeLimits } from '../src/realtime/limits.js';
import { startStalledCheck, type Watched } from '../src/realtime/stalled-check.js';

const limits = { ...defaultRealtimeLimits, maxBufferedBytes: 1000, stalledCheckMs: 20 };

function connection(hallId: string) {
  const conn = { writeBuffer: [] as unknown[], transport: { socket: { bufferedAmount: 0 } } };
  const socket = {
    connected: true,
    conn,
    reads: 0,
    disconnect() {
      this.connected = false;
    },
  };
  // count how often the check looks at this connection
  Object.defineProperty(conn, 'writeBuffer', {
    get: () => {
      socket.reads++;
      return [];
    },
  });
  const sub: Watched = { socket: socket as unknown as Socket, hallId, backlog: 0 };
  return { sub, socket, setBuffered: (n: number) => (conn.transport.socket.bufferedAmount = n) };
}

describe('the stalled-connection check', () => {
  it('looks at 500 connections per turn and drops only one over the limit twice', async () => {
    const all = Array.from({ length: 1_200 }, () => connection('demo'));
    const stalled = all[1_100]!;
    const draining = all[30]!;
    stalled.setBuffered(5_000);
    draining.setBuffered(5_000);
    const stop = startStalledCheck(() => all.map((c) => c.sub), limits, pino({ level: 'silent' }));
    try {
      // the turns of the first pass: what was looked at when each turn ended
      const seenPerTurn: number[] = [];
      while (all.some((c) => c.socket.reads === 0)) {
        await new Promise((r) => setImmediate(r));
        seenPerTurn.push(all.filter((c) => c.socket.reads > 0).length);
      }
      const perTurn = seenPerTurn.map((n, i) => n - (seenPerTurn[i - 1] ?? 0));
      expect(Math.max(...perTurn)).toBeLessThanOrEqual(500);
      expect(perTurn.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
      // the second pass: the draining one has caught up meanwhile, the stalled one has not
      draining.setBuffered(0);
      stalled.setBuffered(6_000);
      const start = Date.now();
      while (stalled.socket.connected && Date.now() - start < 5_000)
        await new Promise((r) => setTimeout(r, 10));
      expect(stalled.socket.connected).toBe(false);
      expect(all.filter((c) => !c.socket.connected)).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
