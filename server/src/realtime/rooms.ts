import type { ClientToServerEvents, HallEvent, ServerToClientEvents } from '@hall/protocol';
import type { Socket } from 'socket.io';
import { encodeFrame, frameWriter, writeFrame, type FrameWriter } from './frame.js';
import { mayReceive, type Audience } from './public-event.js';

type HallSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** A room of one hall's live subscribers on this node: one audience, one delivery mode. */
interface Room {
  name: string;
  audience: Audience;
  batch: boolean;
  /** Each member's socket and its way to the connection. */
  members: Map<HallSocket, FrameWriter>;
}

function audienceKey(audience: Audience): string {
  if (typeof audience === 'string') return audience;
  if ('clerkId' in audience) return `clerk:${audience.clerkId}`;
  return `window:${audience.windowId ?? '*'}`;
}

/**
 * The hall's live subscribers on this node, grouped in rooms by audience (public,
 * supervisor, one clerk, one window's devices) and delivery mode (one frame per event, or
 * one frame per stream read). Handing events to them costs a loop over the few rooms to
 * decide and encode, then one write of the same bytes per socket: each frame is serialized
 * and framed once per hall and node, never per socket
 * (`docs/decisions/024-fan-out-by-rooms-in-batches.md`, `064-…`).
 */
export class HallRooms {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly hallId: string) {}

  /** Puts a live subscriber's socket in the room of its audience and mode; returns the room. */
  enter(socket: HallSocket, audience: Audience, batch: boolean): string {
    const name = `hall:${this.hallId}|${audienceKey(audience)}|${batch ? 'batch' : 'one'}`;
    const room = this.rooms.get(name) ?? { name, audience, batch, members: new Map() };
    room.members.set(socket, frameWriter(socket));
    this.rooms.set(name, room);
    return name;
  }

  leave(name: string, socket: HallSocket): void {
    const room = this.rooms.get(name);
    if (!room) return;
    room.members.delete(socket);
    if (room.members.size === 0) this.rooms.delete(name);
  }

  /**
   * Hands the events of one stream read (in id order, already reduced to their public
   * fields) to every live subscriber: each batching room gets one `hall:events` frame with
   * the events its audience may see, shared by the rooms that see the same ones; the others
   * one `hall:event` frame per event, shared by all rooms that may see it.
   */
  deliver(events: HallEvent[]): void {
    if (events.length === 0 || this.rooms.size === 0) return;
    const batches = new Map<string, { rooms: Room[]; events: HallEvent[] }>();
    const singles = new Map<HallEvent, Room[]>();
    for (const room of this.rooms.values()) {
      const seen = events.filter((e) => mayReceive(room.audience, e));
      if (seen.length === 0) continue;
      if (room.batch) {
        const key = seen.length === events.length ? '*' : seen.map((e) => e.id).join(',');
        const group = batches.get(key) ?? { rooms: [], events: seen };
        group.rooms.push(room);
        batches.set(key, group);
      } else {
        for (const e of seen) {
          const list = singles.get(e) ?? [];
          list.push(room);
          singles.set(e, list);
        }
      }
    }
    for (const { rooms, events: list } of batches.values()) send(rooms, 'hall:events', list);
    for (const e of events) {
      const rooms = singles.get(e);
      if (rooms) send(rooms, 'hall:event', e);
    }
  }
}

/** One frame, encoded once, to every socket of the rooms (a socket is in one room per hall). */
function send<E extends 'hall:events' | 'hall:event'>(
  rooms: Room[],
  event: E,
  payload: Parameters<ServerToClientEvents[E]>[0],
): void {
  const frame = encodeFrame(event, payload);
  for (const room of rooms) {
    for (const writer of room.members.values()) writeFrame(writer, frame);
  }
}
