import type { ClientToServerEvents, ServerToClientEvents } from '@hall/protocol';
import type { Socket } from 'socket.io';
import * as ws from 'ws';

type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** ws's frame builder (exported by ws and used by socket.io itself, but not in its types). */
const { Sender } = ws as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
    ): Buffer[];
  };
};

/** One socket.io event encoded once for any number of sockets. */
export interface EncodedFrame {
  /** The socket.io packet (an EVENT of the main namespace) as engine.io carries it. */
  packet: string;
  /** engine.io's send options, shared by all sockets: the complete WebSocket frame. */
  options: { wsPreEncodedFrame: Buffer[] };
  /** The same frame in one buffer, for one write. */
  bytes: Buffer;
}

/**
 * Encodes an event as socket.io would for `emit(event, payload)` on the main namespace
 * (`2["event",payload]`, socket.io protocol 5), and the WebSocket text frame that carries
 * it as an engine.io message (`4…`, uncompressed, unmasked as a server's frames are).
 */
export function encodeFrame<E extends keyof ServerToClientEvents>(
  event: E,
  payload: Parameters<ServerToClientEvents[E]>[0],
): EncodedFrame {
  const packet = `2${JSON.stringify([event, payload])}`;
  const wsFrame = Sender.frame(Buffer.from(`4${packet}`), {
    fin: true,
    opcode: 1,
    mask: false,
    readOnly: false,
    rsv1: false,
  });
  return { packet, options: { wsPreEncodedFrame: wsFrame }, bytes: Buffer.concat(wsFrame) };
}

/** The parts of engine.io's socket and ws's WebSocket the direct write looks at. */
interface EngineSocket {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: {
    name: string;
    socket?: {
      readyState: number;
      /** Negotiated extensions: with permessage-deflate, ws queues frames behind compression. */
      _extensions?: Record<string, unknown>;
      _sender?: { sendFrame(list: Buffer[]): void };
    };
  };
}

/**
 * Hands an encoded frame to one socket's connection. On an open WebSocket with nothing
 * waiting in engine.io's buffer the frame's bytes go straight to ws's sender, as engine.io
 * itself sends a prepared frame, but without its per-packet steps (packet object, events,
 * write callbacks), which cost more than the write itself; the frame still lands behind
 * everything engine.io sent before, in order. Otherwise (polling, an upgrade under way,
 * packets waiting, compression negotiated) engine.io takes it and keeps its order and buffering
 * (`docs/decisions/064-…`). Nothing for a socket no longer connected.
 */
export function writeFrame(socket: HallSocket, frame: EncodedFrame): void {
  if (!socket.connected) return;
  const conn = socket.conn as unknown as EngineSocket;
  const webSocket = conn.transport.socket;
  if (
    conn.readyState === 'open' &&
    !conn.upgrading &&
    conn.writeBuffer.length === 0 &&
    conn.transport.name === 'websocket' &&
    webSocket?.readyState === 1 &&
    webSocket._sender &&
    !webSocket._extensions?.['permessage-deflate']
  ) {
    webSocket._sender.sendFrame([frame.bytes]);
    return;
  }
  socket.conn.write(frame.packet, frame.options as never);
}
