// For the alerts' unit tests: the demo hall's configuration and events made as the stream holds them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHallConfig, type HallConfig } from '../config/hall-config.js';
import type { RawEvent } from '../realtime/event-reader.js';

/** config/demo.yaml, parsed afresh for each caller (tests change its limits). */
export function demoHall(): HallConfig {
  return parseHallConfig(
    readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'config', 'demo.yaml'),
      'utf8',
    ),
    'demo.yaml',
  );
}

let seq = 0;

/** A unique stream id at `at` (ms). */
export const nextId = (at: number) => `${at}-${seq++}`;

/** An event as the alerts read it from the stream. */
export const ev = (type: string, at: number, data: Record<string, unknown>): RawEvent => ({
  id: nextId(at),
  type,
  at,
  data,
});
