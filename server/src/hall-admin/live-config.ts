import type { HallConfig, ServiceConfig } from '../config/hall-config.js';

/**
 * A service taken out of the configuration while people still waited for it: it stays
 * callable by the windows that served it until its queue is empty, but the kiosk no longer
 * offers it (docs/decisions/053-removed-service-served-until-empty.md).
 */
export interface RetiredService {
  service: ServiceConfig;
  /** The windows that served it when it was removed. */
  windows: string[];
}

/** A hall's configuration as the config store keeps it (server/src/hall-admin/config-store.ts). */
export interface StoredConfig {
  version: number;
  config: HallConfig;
  retired: RetiredService[];
}

type Listener = (next: HallConfig, previous: HallConfig) => void;

/** The stored configuration with its retired services added where they are still served. */
function effective(stored: StoredConfig): HallConfig {
  if (stored.retired.length === 0) return stored.config;
  const config = structuredClone(stored.config);
  for (const r of stored.retired) {
    if (config.services.some((s) => s.id === r.service.id)) continue;
    config.services.push(r.service);
    for (const w of config.windows)
      if (r.windows.includes(w.id) && !w.services.includes(r.service.id))
        w.services.push(r.service.id);
  }
  return config;
}

/**
 * One hall's configuration, live: every component reads `current` when it uses it, and those
 * with state derived from it (the device tokens, rate limits …) rebuild it in `onChange`. A
 * node swaps in each new version as the config store announces it (config-sync.ts).
 */
export class LiveHallConfig {
  private stored: StoredConfig;
  private effectiveConfig: HallConfig;
  private readonly listeners = new Set<Listener>();

  constructor(stored: StoredConfig) {
    this.stored = stored;
    this.effectiveConfig = effective(stored);
  }

  get id(): string {
    return this.stored.config.id;
  }

  /** The configuration in force: the stored one plus retired services still being served. */
  get current(): HallConfig {
    return this.effectiveConfig;
  }

  /** The configuration exactly as stored (what GET /config shows and PUT replaces). */
  get saved(): HallConfig {
    return this.stored.config;
  }

  get version(): number {
    return this.stored.version;
  }

  get retired(): readonly RetiredService[] {
    return this.stored.retired;
  }

  /** A service that is only served until its queue is empty: not offered, not in the snapshot. */
  isRetired(serviceId: string): boolean {
    return (
      this.stored.retired.some((r) => r.service.id === serviceId) &&
      !this.stored.config.services.some((s) => s.id === serviceId)
    );
  }

  /** Swaps in a newer version (an older or equal one is ignored); whether it did. */
  apply(next: StoredConfig): boolean {
    if (next.version <= this.stored.version) return false;
    const previous = this.effectiveConfig;
    this.stored = next;
    this.effectiveConfig = effective(next);
    for (const l of this.listeners) {
      try {
        l(this.effectiveConfig, previous);
      } catch (err) {
        // one component failing to rebuild must not keep the others on the old version
        console.error(err);
      }
    }
    return true;
  }

  /** Calls `listener` after each new version is swapped in; returns the unsubscribe. */
  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A live holder for a configuration that never changes (tools, tests, the rebuild command). */
export function fixedConfig(config: HallConfig): LiveHallConfig {
  return new LiveHallConfig({ version: 1, config, retired: [] });
}
