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
interface EngineTransport {
  name: string;
  socket?: {
    readyState: number;
    /** Negotiated extensions: with permessage-deflate, ws queues frames behind compression. */
    _extensions?: Record<string, unknown>;
    _sender?: unknown;
    /** The TCP connection ws's sender writes each frame to (`sendFrame`: one `write`). */
    _socket?: { write(bytes: Buffer): boolean };
  };
}
interface EngineSocket {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: EngineTransport;
}

/**
 * One subscriber's way to its connection, kept with it in its room so a frame for 5,000
 * sockets does not walk 5,000 chains of objects: the engine.io connection, and, while that
 * connection's transport is an uncompressed WebSocket, ws's WebSocket and its TCP socket.
 * Refreshed whenever engine.io's transport changes (an upgrade).
 */
export interface FrameWriter {
  readonly socket: HallSocket;
  readonly conn: EngineSocket;
  transport: EngineTransport | undefined;
  ws: NonNullable<EngineTransport['socket']> | undefined;
  tcp: { write(bytes: Buffer): boolean } | undefined;
}

export function frameWriter(socket: HallSocket): FrameWriter {
  return {
    socket,
    conn: socket.conn as unknown as EngineSocket,
    transport: undefined,
    ws: undefined,
    tcp: undefined,
  };
}

function refresh(w: FrameWriter): void {
  const transport = w.conn.transport;
  const ws = transport.name === 'websocket' ? transport.socket : undefined;
  const direct = ws?._sender && ws._socket && !ws._extensions?.['permessage-deflate'];
  w.transport = transport;
  w.ws = direct ? ws : undefined;
  w.tcp = direct ? ws._socket : undefined;
}

/**
 * Hands an encoded frame to one socket's connection. On an open WebSocket with nothing
 * waiting in engine.io's buffer the frame's bytes go straight to the TCP socket, as ws's
 * sender writes a prepared frame (one `write` of the whole frame), without engine.io's
 * per-packet steps (packet object, events, write callbacks), which cost more than the write
 * itself; the frame still lands behind everything engine.io sent before, in order. Otherwise
 * (polling, an upgrade under way, packets waiting, compression negotiated) engine.io takes it
 * and keeps its order and buffering (`docs/decisions/064-…`). Nothing for a socket no longer
 * connected.
 */
export function writeFrame(w: FrameWriter, frame: EncodedFrame): void {
  if (!w.socket.connected) return;
  const conn = w.conn;
  if (conn.transport !== w.transport) refresh(w);
  if (
    w.tcp !== undefined &&
    conn.writeBuffer.length === 0 &&
    w.ws!.readyState === 1 &&
    conn.readyState === 'open' &&
    !conn.upgrading
  ) {
    w.tcp.write(frame.bytes);
    return;
  }
  w.socket.conn.write(frame.packet, frame.options as never);
}
