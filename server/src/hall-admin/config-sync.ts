import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { hallKeys } from '../store/keys.js';
import type { ConfigStore } from './config-store.js';
import type { LiveHallConfig } from './live-config.js';

/**
 * Keeps this node's configurations at the stored versions: a change is announced on the
 * config key's channel (config-replace-3.lua publishes it) and loaded at once; a slow periodic
 * version check catches an announcement missed while the subscriber reconnected; and a
 * snapshot asks first (`ensureCurrent`), so no client reads an old hall from a late node
 * (docs/decisions/052-live-configuration-on-every-node.md).
 */
export class ConfigSync {
  private timer: NodeJS.Timeout | null = null;
  private readonly byChannel = new Map<string, string>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(
    private readonly store: ConfigStore,
    private readonly lives: Map<string, LiveHallConfig>,
    private readonly logger: Logger,
    /** Pub/sub only (a connection in subscriber mode takes no other command); null: no pub/sub. */
    private readonly subscriber: Redis | null,
  ) {
    for (const id of lives.keys()) this.byChannel.set(hallKeys(id).config, id);
  }

  async start(checkEveryMs: number): Promise<void> {
    if (this.subscriber) {
      this.subscriber.on('message', (channel: string) => {
        const hallId = this.byChannel.get(channel);
        if (hallId) void this.reload(hallId);
      });
      await this.subscriber.subscribe(...this.byChannel.keys());
    }
    if (checkEveryMs > 0) {
      this.timer = setInterval(() => {
        for (const id of this.lives.keys())
          this.ensureCurrent(id).catch((err: unknown) =>
            this.logger.warn({ err: (err as Error).message, hallId: id }, 'config check failed'),
          );
      }, checkEveryMs);
      this.timer.unref();
    }
  }

  /**
   * Loads the stored configuration when it is newer than this node's (one command when not).
   * A store error is the caller's (a snapshot read while Redis is away fails as it would).
   */
  async ensureCurrent(hallId: string): Promise<void> {
    const live = this.lives.get(hallId);
    if (!live) return;
    if ((await this.store.version(hallId)) > live.version) await this.reload(hallId);
  }

  /** Loads, validates and swaps in the stored configuration; concurrent calls share one load. */
  reload(hallId: string): Promise<void> {
    const running = this.loading.get(hallId);
    // an announcement during a load may be of a newer version than that load read: load again
    if (running) return running.then(() => this.ensureCurrent(hallId)).catch(() => undefined);
    const work = (async () => {
      const live = this.lives.get(hallId);
      if (!live) return;
      try {
        const stored = await this.store.load(hallId);
        if (stored && live.apply(stored))
          this.logger.info({ hallId, version: stored.version }, 'hall configuration applied');
      } catch (err) {
        // an unreadable version is left alone: the hall keeps the configuration it has
        this.logger.error(
          { err: (err as Error).message, hallId },
          'hall configuration not applied',
        );
      }
    })().finally(() => this.loading.delete(hallId));
    this.loading.set(hallId, work);
    return work;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
