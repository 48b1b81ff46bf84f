import { z } from 'zod';
import { Score } from './score.js';

/**
 * The parts of the server contract (shared/API.md, @hall/protocol) that the bridge reads.
 * Deliberately lenient: only the fields the bridge uses are checked and unknown fields are
 * dropped, so a server that adds fields or event types never breaks a deployed bridge.
 * Kept local rather than importing @hall/protocol because this package does not (yet) declare
 * it as a dependency; see README "Integration".
 */

const IsoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 time');

export const HallEventEnvelope = z.object({
  id: z.string(),
  hallId: z.string(),
  type: z.string(),
  at: z.string(),
  data: z.unknown(),
});

const TicketFinished = z.object({
  ticketId: z.string().min(1),
  number: z.string().optional(),
  windowId: z.string(),
  ratingDeadline: IsoTime,
});
const RatingRecorded = z.object({
  ticketId: z.string().min(1),
  windowId: z.string(),
  score: Score.optional(),
  source: z.string().optional(),
});

/** The hall events that open or close a rating prompt. */
export type PromptEvent =
  | { type: 'ticket.finished'; id: string; data: z.infer<typeof TicketFinished> }
  | { type: 'rating.recorded'; id: string; data: z.infer<typeof RatingRecorded> };

export type ParsedHallEvent =
  | { kind: 'prompt'; event: PromptEvent }
  | { kind: 'other'; id: string; type: string }
  | { kind: 'invalid'; error: string };

/** Classifies a `hall:event` payload; events that do not concern ratings pass as 'other'. */
export function parseHallEvent(raw: unknown): ParsedHallEvent {
  const envelope = HallEventEnvelope.safeParse(raw);
  if (!envelope.success) return { kind: 'invalid', error: z.prettifyError(envelope.error) };
  const { id, type, data } = envelope.data;
  const schema =
    type === 'ticket.finished'
      ? TicketFinished
      : type === 'rating.recorded'
        ? RatingRecorded
        : undefined;
  if (!schema) return { kind: 'other', id, type };
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    return { kind: 'invalid', error: `${type}: ${z.prettifyError(parsed.error)}` };
  return { kind: 'prompt', event: { type, id, data: parsed.data } as PromptEvent };
}

export const AwaitingRating = z.object({ ticketId: z.string().min(1), deadline: IsoTime });
export type AwaitingRating = z.infer<typeof AwaitingRating>;

/** The `subscribe` acknowledgement: a snapshot on first contact, or just the last event id. */
export const SubscribeAck = z.object({
  lastEventId: z.string().optional(),
  snapshot: z
    .object({
      now: IsoTime.optional(),
      windows: z
        .array(z.object({ id: z.string(), awaitingRating: AwaitingRating.optional() }))
        .default([]),
    })
    .optional(),
  error: z.object({ code: z.string(), message: z.string().optional() }).optional(),
});
export type SubscribeAck = z.infer<typeof SubscribeAck>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string().optional() }),
});

/** The body of POST …/windows/{windowId}/ratings. The server's schema is strict: no extra fields. */
export interface RatingBody {
  score: Score;
  source: 'device';
  ticketId: string;
  /** When the key was pressed (server clock): a rating queued while offline counts from then. */
  pressedAt: string;
}
