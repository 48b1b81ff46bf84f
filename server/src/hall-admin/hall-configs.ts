import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import type { Clock } from '../auth/principal.js';
import type { HallConfig } from '../config/hall-config.js';
import { ConfigService } from './config-service.js';
import { ConfigStore } from './config-store.js';
import { ConfigSync } from './config-sync.js';
import { LiveHallConfig } from './live-config.js';

/**
 * This node's halls' configurations: seeded from the hall files on a hall's first start,
 * loaded from Redis otherwise, and kept at the stored version (ConfigSync).
 */
export class HallConfigs {
  private constructor(
    readonly store: ConfigStore,
    readonly lives: Map<string, LiveHallConfig>,
    readonly sync: ConfigSync,
    private readonly subscriber: Redis,
    private readonly opts: { clock: Clock; logger: Logger; files: HallConfig[] },
  ) {}

  static async load(opts: {
    redis: Redis;
    /** A connection of its own for pub/sub. */
    subscriber: Redis;
    files: HallConfig[];
    clock: Clock;
    logger: Logger;
    /** The files will replace the stored configurations (CONFIG_FROM_FILE=replace). */
    restoring: boolean;
    checkEveryMs: number;
  }): Promise<HallConfigs> {
    const store = new ConfigStore(opts.redis);
    const lives = new Map<string, LiveHallConfig>();
    for (const h of opts.files) {
      const stored = await store.seed(h, `${h.id} hall file`, opts.clock.now());
      lives.set(h.id, new LiveHallConfig(stored));
      if (!stored.seeded && !opts.restoring)
        opts.logger.info(
          { hallId: h.id, version: stored.version },
          'hall configuration from Redis (the hall file seeds a new hall only; CONFIG_FROM_FILE=replace restores it)',
        );
    }
    opts.subscriber.on('error', (err) =>
      opts.logger.warn({ err: err.message }, 'redis connection error'),
    );
    await opts.subscriber.ping();
    const sync = new ConfigSync(store, lives, opts.logger, opts.subscriber);
    await sync.start(opts.checkEveryMs);
    return new HallConfigs(store, lives, sync, opts.subscriber, opts);
  }

  /** Every hall's configuration in force now. */
  current(): HallConfig[] {
    return [...this.lives.values()].map((l) => l.current);
  }

  /** Calls `listener` after any hall's new version is swapped in. */
  onAnyChange(listener: () => void): void {
    for (const live of this.lives.values()) live.onChange(listener);
  }

  /** A map of each hall's configuration in force, kept up to date. */
  currentMap(): Map<string, HallConfig> {
    const map = new Map([...this.lives].map(([id, live]) => [id, live.current]));
    for (const live of this.lives.values()) live.onChange((next) => map.set(live.id, next));
    return map;
  }

  /** The configuration API's service; with `restore`, each hall file replaces its stored configuration first. */
  async service(auth: Authenticator, restore: boolean): Promise<ConfigService> {
    const { clock, logger } = this.opts;
    const service = new ConfigService({
      store: this.store,
      lives: this.lives,
      sync: this.sync,
      auth,
      clock,
      logger,
    });
    if (restore)
      for (const h of this.opts.files) {
        const restored = await service.restore(h.id, h);
        logger.warn(
          { hallId: h.id, version: restored.version },
          'hall configuration restored from its file',
        );
      }
    return service;
  }

  close(): void {
    this.sync.close();
    this.subscriber.disconnect();
  }
}
