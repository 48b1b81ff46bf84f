import { readdirSync, readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { check } from './reply.js';

/**
 * A capability's own Lua scripts (server/src/<capability>/lua/<command>-<numKeys>.lua), registered
 * with ioredis (EVALSHA, falling back to EVAL after a Redis restart). The number of keys comes from
 * the file name, and every call is checked against it, so a script never runs with keys it did not
 * declare (which Redis Cluster would refuse anyway).
 */
export class ModuleScripts<Name extends string> {
  private readonly numKeys = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    dir: URL,
    private readonly tag: string,
  ) {
    for (const file of readdirSync(dir)) {
      const m = /^([a-z-]+)-(\d+)\.lua$/.exec(file);
      if (!m?.[1] || !m[2]) continue;
      const keys = Number(m[2]);
      this.numKeys.set(m[1], keys);
      if (!(this.command(m[1]) in redis))
        redis.defineCommand(this.command(m[1]), {
          numberOfKeys: keys,
          lua: readFileSync(new URL(file, dir), 'utf8'),
        });
    }
  }

  private command(name: string): string {
    return `${this.tag}_${name.replace(/-/g, '_')}`;
  }

  /** Runs a script; its {'ERR', code} reply becomes the ApiError of that code. */
  async run(name: Name, keys: string[], args: (string | number)[]): Promise<unknown[]> {
    const n = this.numKeys.get(name);
    if (n === undefined) throw new Error(`script ${name} is not loaded`);
    if (n !== keys.length) throw new Error(`script ${name} takes ${n} keys, got ${keys.length}`);
    const command = (
      this.redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>
    )[this.command(name)];
    if (!command) throw new Error(`script ${name} is not loaded`);
    return check(await command.call(this.redis, ...keys, ...args));
  }
}
