import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StreamEntry } from './event-reader.js';

/**
 * Reads one hall's stream from `from` on, on a connection of its own (XREAD BLOCK, up to 500
 * entries a read), and hands each read to `onRead` with the id it ends at, once the other
 * input that came with it has been handled (the next turn of the event loop). Returns a stop.
 */
export function tailStream(options: {
  redis: Redis;
  key: string;
  from: string;
  logger: Logger;
  onRead: (entries: StreamEntry[], lastId: string) => void;
}): () => void {
  const { key, logger, onRead } = options;
  const reader = options.redis.duplicate();
  reader.on('error', (err: Error) =>
    logger.warn({ err: err.message }, 'event tail connection error'),
  );
  let running = true;
  let pos = options.from;
  const loop = async () => {
    while (running) {
      try {
        const result = await reader.xread('COUNT', 500, 'BLOCK', 2000, 'STREAMS', key, pos);
        // what arrived with the read goes first: the reply to the request that wrote the
        // event (a clerk's call-next) reaches its sender before thousands of screens are written
        if (result) await new Promise((resolve) => setImmediate(resolve));
        if (!running) break;
        for (const [, entries] of result ?? []) {
          const lastId = entries.at(-1)?.[0];
          if (!lastId) continue;
          pos = lastId;
          onRead(entries, lastId);
        }
      } catch (err) {
        if (!running) break;
        logger.warn({ err }, 'event tail failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    reader.disconnect();
  };
  void loop();
  return () => {
    running = false;
    reader.disconnect();
  };
}
