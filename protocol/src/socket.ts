import { z } from 'zod';
import { Slug } from './common.js';
import type { HallEvent } from './events.js';
import type { HallSnapshot } from './hall.js';

export const SubscribeRequest = z.object({
  hallId: Slug,
  since: z.string().max(40).optional(),
  /** Language of the snapshot and error messages; default from the connection's Accept-Language. */
  lang: z.enum(['zh', 'en']).optional(),
  /**
   * Opt in to batched delivery: the server then emits `hall:events` with every event one
   * read of the hall's stream returned (one frame), instead of one `hall:event` per event.
   */
  batch: z.boolean().optional(),
});
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export interface SubscribeError {
  code: string;
  message: string;
  /** With `rate_limited`: when a new subscribe may succeed. */
  retryAfterMs?: number;
}

export type SubscribeAck =
  | { snapshot: HallSnapshot; lastEventId: string }
  | { lastEventId: string }
  | { error: SubscribeError };

export interface ServerToClientEvents {
  'hall:event': (event: HallEvent) => void;
  /** Batched delivery (subscribe with `batch: true`): events in id order, each once. */
  'hall:events': (events: HallEvent[]) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
}
