import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { batchWrites } from './write-batching.js';

const LUA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'lua');

export const scriptNames = [
  'issue-ticket',
  'call-next',
  'call-chosen',
  'recall',
  'start',
  'finish',
  'no-show',
  'requeue',
  'transfer',
  'open-window',
  'close-window',
  'pause-window',
  'resume-window',
  'rate',
  'roll-over-day',
  'read-hall',
  'create-follow-up',
  'close-follow-up',
  'escalate-follow-ups',
  'print-queue',
  'print-progress',
  'print-next',
  'printer-status',
  'notice-update',
  'take-over-window',
  'idle-close-window',
  'touch-window',
  'replay-distance',
] as const;
export type ScriptName = (typeof scriptNames)[number];

/**
 * A script's source with its `--@include name` lines replaced by includes/name.lua. A
 * capability keeps its own scripts in its folder (`dir`); the includes are shared.
 */
export function scriptSource(name: string, dir = LUA_DIR): string {
  const text = readFileSync(join(dir, `${name}.lua`), 'utf8');
  return text.replace(/^--@include (\S+)$/gm, (_, inc: string) =>
    readFileSync(join(LUA_DIR, 'includes', `${inc}.lua`), 'utf8'),
  );
}

/** Every script file is listed above (a new file that is not would never load). */
export function listedScripts(): string[] {
  return readdirSync(LUA_DIR)
    .filter((f) => f.endsWith('.lua'))
    .map((f) => f.slice(0, -4));
}

export type RunScript = (
  name: ScriptName,
  keys: string[],
  args: (string | number)[],
) => Promise<unknown>;

/**
 * Registers every script with ioredis (EVALSHA, falling back to EVAL once after
 * a Redis restart) and returns a runner.
 */
export function loadScripts(redis: Redis): RunScript {
  for (const name of scriptNames) {
    redis.defineCommand(commandName(name), { lua: scriptSource(name) });
  }
  return (name, keys, args) => {
    const command = (
      redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>
    )[commandName(name)];
    if (!command) throw new Error(`script ${name} is not loaded`);
    batchWrites(redis);
    return command.call(redis, keys.length, ...keys, ...args);
  };
}

function commandName(name: string): string {
  return `hall_${name.replace(/-/g, '_')}`;
}
