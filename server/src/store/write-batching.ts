import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';

const corked = new WeakSet<Socket>();

/**
 * Holds a Redis connection's socket writes until the event loop's next turn (cork, then
 * uncork on setImmediate), so the scripts of every request handled in one turn leave in one
 * writev: a write to Redis costs a system call and a pass through the kernel's network stack
 * per call, the largest single cost of a ticket request. What ioredis's auto-pipelining does,
 * without a Pipeline object per batch (docs/decisions/068). A Cluster client has no single
 * socket and is left alone, as is a connection that is not ready (ioredis queues for it).
 */
export function batchWrites(redis: Redis): void {
  const stream = (redis as { stream?: unknown }).stream as Socket | undefined;
  if (redis.status !== 'ready' || !stream || typeof stream.cork !== 'function') return;
  if (corked.has(stream)) return;
  corked.add(stream);
  stream.cork();
  setImmediate(() => {
    corked.delete(stream);
    stream.uncork();
  });
}

/**
 * Batches every command of a connection, not only scripts: the readers that fold the event
 * stream (reports, alerts, notifications, metrics) send a few plain commands per event, each
 * a write of its own otherwise. Wraps the connection's `sendCommand`, the one way out for
 * every command (as tracing instrumentations of ioredis do).
 */
export function batchAllWrites(redis: Redis): Redis {
  // a Cluster client has a connection per node (and a sendCommand of its own): left alone
  if ((redis as { isCluster?: boolean }).isCluster) return redis;
  const send = redis.sendCommand.bind(redis) as (...args: unknown[]) => unknown;
  redis.sendCommand = (...args: unknown[]) => {
    batchWrites(redis);
    return send(...args);
  };
  return redis;
}
