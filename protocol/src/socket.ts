import { z } from 'zod';
import { Slug } from './common.js';
import type { HallEvent } from './events.js';
import type { HallSnapshot } from './hall.js';

export const SubscribeRequest = z.object({
  hallId: Slug,
  since: z.string().max(40).optional(),
  /** Language of the snapshot and error messages; default from the connection's Accept-Language. */
  lang: z.enum(['zh', 'en']).optional(),
});
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;

export type SubscribeAck =
  | { snapshot: HallSnapshot; lastEventId: string }
  | { lastEventId: string }
  | { error: { code: string; message: string } };

export interface ServerToClientEvents {
  'hall:event': (event: HallEvent) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (result: SubscribeAck) => void) => void;
}
