import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { backlogOf } from './backlog.js';
import type { RealtimeLimits } from './limits.js';

/** What the check keeps of a subscriber: its connection and what waited for it last time. */
export interface Watched {
  socket: Socket;
  hallId: string;
  /** What waited for it at the last check, as a share of the limit. */
  backlog: number;
}

/** Subscribers looked at per turn of the event loop. */
const SLICE = 500;

/**
 * Lets go of connections whose clients no longer read: what waits for them would otherwise
 * grow with every event for as long as they stay connected. Over the limit at two checks in
 * a row and not draining: a burst that a reading client works through does not count.
 *
 * Every `stalledCheckMs` the check walks this node's subscribers a slice at a time, one
 * slice per turn of the event loop: in one go, 5,000 connections held the loop for 6–7 ms,
 * and a call's fan-out or a clerk's request that came in meanwhile waited for it.
 * Returns the function that stops it.
 */
export function startStalledCheck(
  subscribers: () => Watched[],
  limits: RealtimeLimits,
  logger: Logger,
): () => void {
  let stopped = false;
  let walking = false;
  const step = (list: Watched[], from: number) => {
    if (stopped) return void (walking = false);
    const end = Math.min(list.length, from + SLICE);
    for (let i = from; i < end; i++) {
      const sub = list[i]!;
      if (!sub.socket.connected) continue;
      const { bytes, packets, share: waiting } = backlogOf(sub.socket, limits);
      const before = sub.backlog;
      sub.backlog = waiting;
      if (waiting <= 1 || before <= 1 || waiting < before) continue;
      logger.warn({ hallId: sub.hallId, bytes, packets }, 'dropping a stalled client');
      sub.socket.disconnect(true);
    }
    if (end < list.length) setImmediate(step, list, end);
    else walking = false;
  };
  const timer = setInterval(() => {
    if (walking) return;
    walking = true;
    step(subscribers(), 0);
  }, limits.stalledCheckMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
