import type { Socket } from 'socket.io';
import type { RealtimeLimits } from './limits.js';

/** What waits to be written to one connection's client. */
export interface Backlog {
  /** Characters of the frames waiting (what the WebSocket has not written, and what engine.io holds back). */
  bytes: number;
  packets: number;
  /** The larger of the two as a share of its limit: over 1 is over the limit. */
  share: number;
}

/**
 * Measures a connection's backlog. engine.io holds packets back while the transport has
 * one write outstanding, so a client that stops reading shows as packets piling up in
 * the connection's write buffer behind a WebSocket whose own buffer is full.
 */
export function backlogOf(socket: Socket, limits: RealtimeLimits): Backlog {
  const conn = socket.conn as unknown as {
    transport?: { socket?: { bufferedAmount?: number } };
    writeBuffer?: { data?: unknown }[];
  };
  const queued = conn.writeBuffer ?? [];
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const p of queued) bytes += typeof p.data === 'string' ? p.data.length : 0;
  const packets = queued.length;
  const share = Math.max(bytes / limits.maxBufferedBytes, packets / limits.maxBufferedPackets);
  return { bytes, packets, share };
}
