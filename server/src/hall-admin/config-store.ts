import type { Redis } from 'ioredis';
import { HallConfig } from '../config/hall-config.js';
import { hashOfDevice } from '../devices/device-token.js';
import { ModuleScripts } from '../store/module-scripts.js';
import { hallKeys } from '../store/keys.js';
import type { RetiredService, StoredConfig } from './live-config.js';

type Script = 'config-seed' | 'config-replace';

/** A configuration as stored: device tokens only as their sha256 (tokenHash). */
export function withHashedTokens(config: HallConfig): HallConfig {
  return {
    ...config,
    devices: config.devices.map(({ token: _plain, ...d }) => ({
      ...d,
      tokenHash: hashOfDevice({ ...(_plain ? { token: _plain } : {}), ...d }),
    })),
  };
}

function parseStored(version: unknown, json: unknown, retired: string | null): StoredConfig {
  return {
    version: Number(version),
    // validated on the way in; parsed again so that defaults added since are filled
    config: HallConfig.parse(JSON.parse(String(json))),
    retired: JSON.parse(retired || '[]') as RetiredService[],
  };
}

/** What one replacement writes besides the configuration (its audit entry). */
export interface Replacement {
  hallId: string;
  /** The version the caller read; ignored with `force`. */
  expected: number;
  config: HallConfig;
  /** Services removed now or earlier that may still have people waiting. */
  retiredCandidates: RetiredService[];
  now: number;
  by: string;
  sections: string[];
  diff: unknown;
  /** The audit entry's kind: config.changed, staff.created, device.revoked … */
  kind: string;
  /** Replace whatever the stored version is (a restore from the hall file). */
  force?: boolean;
}

/**
 * Each hall's configuration in Redis, versioned: seeded once from the hall file, then
 * replaced only by a compare-and-set that appends its config.changed event and its audit
 * entry in the same script (docs/decisions/051-hall-configuration-in-redis.md).
 */
export class ConfigStore {
  private readonly scripts: ModuleScripts<Script>;

  constructor(readonly redis: Redis) {
    this.scripts = new ModuleScripts(redis, new URL('./lua/', import.meta.url), 'hall_admin');
  }

  /** The stored configuration, seeding it from the hall file when there is none yet. */
  async seed(
    file: HallConfig,
    source: string,
    now: number,
  ): Promise<StoredConfig & { seeded: boolean }> {
    const k = hallKeys(file.id);
    const reply = await this.scripts.run(
      'config-seed',
      [k.config, k.audit],
      [JSON.stringify(withHashedTokens(file)), now, source],
    );
    return {
      ...parseStored(reply[1], reply[2], typeof reply[3] === 'string' ? reply[3] : null),
      seeded: reply[0] === 'SEEDED',
    };
  }

  async load(hallId: string): Promise<StoredConfig | null> {
    const [version, json, retired] = await this.redis.hmget(
      hallKeys(hallId).config,
      'version',
      'json',
      'retired',
    );
    if (!version || !json) return null;
    return parseStored(version, json, retired ?? null);
  }

  /** The stored version alone (one command): how a node learns it is behind. */
  async version(hallId: string): Promise<number> {
    return Number((await this.redis.hget(hallKeys(hallId).config, 'version')) ?? 0);
  }

  /** Compare-and-set; a stale `expected` is 412 config_version_conflict and changes nothing. */
  async replace(r: Replacement): Promise<StoredConfig & { eventId: string }> {
    const k = hallKeys(r.hallId);
    const stored = withHashedTokens(r.config);
    const candidates = r.retiredCandidates.flatMap((c) => [
      JSON.stringify(c),
      k.lane(c.service.id, 'front'),
      k.lane(c.service.id, 'green'),
      k.lane(c.service.id, 'normal'),
    ]);
    const reply = await this.scripts.run(
      'config-replace',
      [k.config, k.events, k.audit],
      [
        r.expected,
        JSON.stringify(stored),
        r.now,
        r.by,
        JSON.stringify(r.sections),
        JSON.stringify(r.diff),
        r.kind,
        r.force ? '1' : '0',
        r.retiredCandidates.length,
        ...candidates,
      ],
    );
    return {
      version: Number(reply[1]),
      config: stored,
      retired: JSON.parse(String(reply[3])) as RetiredService[],
      eventId: String(reply[2]),
    };
  }
}
