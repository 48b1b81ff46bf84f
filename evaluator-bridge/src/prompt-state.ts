import type { AwaitingRating, PromptEvent } from './contract.js';

/**
 * Which ticket at this bridge's window is waiting for the resident's rating. Pure: events and
 * the clock come in, decisions come out. The server accepts one rating per ticket and only until
 * `ratingDeadline`, so a press is turned into a rating only while a prompt is open, and only once.
 */

export interface Prompt {
  ticketId: string;
  number?: string | undefined;
  /** Local clock ms at which the server stops accepting the rating. */
  deadline: number;
  /** The resident already pressed a key for this ticket. */
  pressed: boolean;
}

export type PressDecision =
  | { kind: 'rate'; ticketId: string; number?: string | undefined }
  | { kind: 'ignored'; reason: 'no_prompt' | 'expired' | 'already_pressed'; ticketId?: string };

export type PromptChange =
  | { kind: 'opened'; ticketId: string; deadline: number }
  | { kind: 'closed'; ticketId: string; why: 'rated' | 'expired' | 'server_cleared' }
  | { kind: 'unchanged' };

export interface PromptStateOptions {
  windowId: string;
  /** Local clock; injectable so deadline tests need no real waiting. */
  now?: () => number;
}

export class PromptState {
  private prompt: Prompt | undefined;
  /** server clock minus local clock, learnt from the snapshot; deadlines are server times */
  private offsetMs = 0;
  private readonly now: () => number;
  readonly windowId: string;

  constructor(opts: PromptStateOptions) {
    this.windowId = opts.windowId;
    this.now = opts.now ?? Date.now;
  }

  /** The PC's clock may be off by minutes; server deadlines are converted with this offset. */
  setServerClockOffset(ms: number): void {
    this.offsetMs = ms;
  }

  /** A local clock time as the server's clock reads it. */
  toServerTime(localMs: number): number {
    return localMs + this.offsetMs;
  }

  /** Applies one hall event; events of other windows change nothing. */
  apply(event: PromptEvent): PromptChange {
    if (event.data.windowId !== this.windowId) return { kind: 'unchanged' };
    switch (event.type) {
      case 'ticket.finished': {
        const deadline = Date.parse(event.data.ratingDeadline) - this.offsetMs;
        this.prompt = {
          ticketId: event.data.ticketId,
          number: event.data.number,
          deadline,
          pressed: false,
        };
        return { kind: 'opened', ticketId: event.data.ticketId, deadline };
      }
      case 'rating.recorded':
        return this.close(event.data.ticketId, 'rated');
    }
  }

  /**
   * Sets the prompt from the server's snapshot (on connect and reconnect): whatever the bridge
   * believed while offline, the server's `awaitingRating` is the truth.
   */
  restore(awaiting: AwaitingRating | undefined): PromptChange {
    if (!awaiting) {
      const had = this.prompt;
      this.prompt = undefined;
      return had
        ? { kind: 'closed', ticketId: had.ticketId, why: 'server_cleared' }
        : { kind: 'unchanged' };
    }
    const deadline = Date.parse(awaiting.deadline) - this.offsetMs;
    const same = this.prompt?.ticketId === awaiting.ticketId;
    this.prompt = {
      ticketId: awaiting.ticketId,
      number: same ? this.prompt?.number : undefined,
      deadline,
      pressed: same ? (this.prompt?.pressed ?? false) : false,
    };
    return same ? { kind: 'unchanged' } : { kind: 'opened', ticketId: awaiting.ticketId, deadline };
  }

  /** The open prompt, if its deadline has not passed. */
  current(): Prompt | undefined {
    if (this.prompt && this.now() > this.prompt.deadline) this.prompt = undefined;
    return this.prompt ? { ...this.prompt } : undefined;
  }

  /** Decides what a key press at local time `at` means, and consumes the prompt if it rates. */
  press(at: number): PressDecision {
    const prompt = this.prompt;
    if (!prompt) return { kind: 'ignored', reason: 'no_prompt' };
    if (at > prompt.deadline) {
      this.prompt = undefined;
      return { kind: 'ignored', reason: 'expired', ticketId: prompt.ticketId };
    }
    if (prompt.pressed)
      return { kind: 'ignored', reason: 'already_pressed', ticketId: prompt.ticketId };
    prompt.pressed = true;
    return { kind: 'rate', ticketId: prompt.ticketId, number: prompt.number };
  }

  private close(ticketId: string, why: 'rated'): PromptChange {
    if (this.prompt?.ticketId !== ticketId) return { kind: 'unchanged' };
    this.prompt = undefined;
    return { kind: 'closed', ticketId, why };
  }
}
