import type { ClientToServerEvents, HallEvent, ServerToClientEvents } from '@hall/protocol';
import type { Server } from 'socket.io';
import { mayReceive, type Audience } from './public-event.js';

type Io = Server<ClientToServerEvents, ServerToClientEvents>;

/** A room of one hall's live subscribers on this node: one audience, one delivery mode. */
interface Room {
  name: string;
  audience: Audience;
  batch: boolean;
  members: number;
}

function audienceKey(audience: Audience): string {
  if (typeof audience === 'string') return audience;
  if ('clerkId' in audience) return `clerk:${audience.clerkId}`;
  return `window:${audience.windowId ?? '*'}`;
}

/**
 * The hall's live subscribers on this node, grouped in socket.io rooms by audience (public,
 * supervisor, one clerk, one window's devices) and delivery mode (one frame per event, or one
 * frame per stream read). Handing events to them costs a loop over the few rooms, never over
 * the sockets: socket.io encodes each emitted frame once for all sockets of the rooms it
 * goes to (`docs/decisions/024-fan-out-by-rooms-in-batches.md`).
 */
export class HallRooms {
  private readonly rooms = new Map<string, Room>();

  constructor(
    private readonly io: Io,
    private readonly hallId: string,
  ) {}

  /** The room a subscriber of this audience and mode joins once it is live. */
  enter(audience: Audience, batch: boolean): string {
    const name = `hall:${this.hallId}|${audienceKey(audience)}|${batch ? 'batch' : 'one'}`;
    const room = this.rooms.get(name) ?? { name, audience, batch, members: 0 };
    room.members++;
    this.rooms.set(name, room);
    return name;
  }

  leave(name: string): void {
    const room = this.rooms.get(name);
    if (!room) return;
    if (--room.members <= 0) this.rooms.delete(name);
  }

  /**
   * Hands the events of one stream read (in id order, already reduced to their public
   * fields) to every live subscriber: each batching room gets one `hall:events` frame with
   * the events its audience may see, shared by the rooms that see the same ones; the others
   * one `hall:event` frame per event, shared by all rooms that may see it.
   */
  deliver(events: HallEvent[]): void {
    if (events.length === 0 || this.rooms.size === 0) return;
    const batches = new Map<string, { rooms: string[]; events: HallEvent[] }>();
    const singles = new Map<HallEvent, string[]>();
    for (const room of this.rooms.values()) {
      const seen = events.filter((e) => mayReceive(room.audience, e));
      if (seen.length === 0) continue;
      if (room.batch) {
        const key = seen.length === events.length ? '*' : seen.map((e) => e.id).join(',');
        const group = batches.get(key) ?? { rooms: [], events: seen };
        group.rooms.push(room.name);
        batches.set(key, group);
      } else {
        for (const e of seen) {
          const list = singles.get(e) ?? [];
          list.push(room.name);
          singles.set(e, list);
        }
      }
    }
    // `local`: this node's sockets only; every node reads the stream itself
    for (const { rooms, events: list } of batches.values()) {
      this.io.local.to(rooms).emit('hall:events', list);
    }
    for (const e of events) {
      const rooms = singles.get(e);
      if (rooms) this.io.local.to(rooms).emit('hall:event', e);
    }
  }
}
