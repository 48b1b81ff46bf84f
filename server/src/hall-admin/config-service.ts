import { configIssuesOf, type ConfigIssue } from '@hall/protocol';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import type { Clock, Principal } from '../auth/principal.js';
import { HallConfig } from '../config/hall-config.js';
import { ApiError } from '../errors.js';
import { hallKeys } from '../store/keys.js';
import { configDiff, REDACTED, sectionsOf, type ConfigChange } from '@hall/protocol';
import { withHashedTokens, type ConfigStore } from './config-store.js';
import type { ConfigSync } from './config-sync.js';
import type { LiveHallConfig, RetiredService, StoredConfig } from './live-config.js';

/** What a supervisor may change: hours, limits and notices (the hall's and each service's). */
const SUPERVISOR_PATHS = [
  /^(schedule|limits|notices)(\.|\[|$)/,
  /^services\[[^\]]+\]\.(schedule|limits)(\.|\[|$)/,
];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The configuration as a caller may read it: supervisors see no hash or secret. */
export function configFor(principal: Principal | null, config: HallConfig): HallConfig {
  if (principal?.kind === 'staff' && principal.user.role === 'admin') return config;
  const out = structuredClone(config);
  for (const s of out.staff) s.passwordHash = REDACTED;
  for (const d of out.devices) if (d.tokenHash) d.tokenHash = REDACTED;
  if (out.notifications.webhook) delete out.notifications.webhook.secret;
  return out;
}

/**
 * Puts the stored hashes back where a document read as [redacted] sends them, and a
 * supervisor's document (which never had it) the webhook secret.
 */
function restoreRedacted(raw: Record<string, unknown>, saved: HallConfig, admin: boolean): void {
  const byId = <T extends { id: string }>(list: T[], id: unknown) => list.find((x) => x.id === id);
  if (Array.isArray(raw.staff))
    for (const s of raw.staff)
      if (isRecord(s) && s.passwordHash === REDACTED)
        s.passwordHash = byId(saved.staff, s.id)?.passwordHash;
  if (Array.isArray(raw.devices))
    for (const d of raw.devices)
      if (isRecord(d) && d.tokenHash === REDACTED)
        d.tokenHash = byId(saved.devices, d.id)?.tokenHash;
  const n = raw.notifications;
  const secret = saved.notifications.webhook?.secret;
  if (isRecord(n) && isRecord(n.webhook) && n.webhook.secret === undefined && !admin && secret)
    n.webhook.secret = secret;
}

export function invalidConfig(issues: ConfigIssue[]): ApiError {
  return new ApiError('invalid_config', { issues });
}

/** A version from an If-Match header ("3", W/"3" or 3); null when there is none. */
export function versionOf(ifMatch: string | undefined): number | null {
  if (ifMatch === undefined || ifMatch.trim() === '') return null;
  const m = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(ifMatch);
  if (!m?.[1]) throw new ApiError('config_version_conflict');
  return Number(m[1]);
}

export interface ChangeResult extends StoredConfig {
  changes: ConfigChange[];
}

/**
 * The hall configuration's one way in: validated whole with the hall file's schema, checked
 * against the caller's role, written by compare-and-set with its event and audit entry, and
 * applied on this node at once (the others follow the announcement).
 */
export class ConfigService {
  constructor(
    private readonly opts: {
      store: ConfigStore;
      lives: Map<string, LiveHallConfig>;
      sync: ConfigSync;
      auth: Authenticator;
      clock: Clock;
      logger: Logger;
    },
  ) {}

  get redis(): ConfigStore['redis'] {
    return this.opts.store.redis;
  }

  live(hallId: string): LiveHallConfig {
    const live = this.opts.lives.get(hallId);
    if (!live) throw new ApiError('hall_not_found');
    return live;
  }

  /** The stored configuration, after making sure this node has the newest version. */
  async read(hallId: string): Promise<{ version: number; config: HallConfig }> {
    await this.opts.sync.ensureCurrent(hallId);
    const live = this.live(hallId);
    return { version: live.version, config: live.saved };
  }

  /** PUT /config: the whole document, with the version the caller edited. */
  async replace(
    hallId: string,
    principal: Principal,
    expected: number,
    body: unknown,
    lang: 'zh' | 'en' = 'zh',
  ): Promise<ChangeResult> {
    await this.opts.sync.ensureCurrent(hallId);
    const live = this.live(hallId);
    if (expected !== live.version) throw new ApiError('config_version_conflict');
    const raw = structuredClone(
      isRecord(body) && isRecord(body.config) && !('id' in body) ? body.config : body,
    );
    const admin = principal.kind === 'staff' && principal.user.role === 'admin';
    if (isRecord(raw)) restoreRedacted(raw, live.saved, admin);
    const next = this.validate(hallId, raw);
    const changes = configDiff(live.saved, next);
    if (principal.kind === 'staff' && principal.user.role === 'supervisor') {
      const refused = changes
        .map((c) => c.path)
        .filter((p) => !SUPERVISOR_PATHS.some((re) => re.test(p)));
      if (refused.length > 0)
        throw new ApiError('forbidden', {
          message:
            lang === 'en'
              ? `Supervisors may change notices, hours and limits only, not: ${refused.join(', ')}`
              : `值班长只能修改公告、办公时间和时限，不能修改：${refused.join(', ')}`,
        });
    }
    return this.commit(hallId, principal, expected, next, changes, 'config.changed');
  }

  /**
   * A change made by the server on the caller's behalf (a new clerk, a revoked device): applied
   * to the newest version, tried again when someone else changed the configuration meanwhile.
   */
  async change(
    hallId: string,
    principal: Principal,
    kind: string,
    edit: (config: HallConfig) => void,
  ): Promise<ChangeResult> {
    for (let attempt = 0; ; attempt++) {
      await this.opts.sync.ensureCurrent(hallId);
      const live = this.live(hallId);
      const draft = structuredClone(live.saved);
      edit(draft);
      const next = this.validate(hallId, draft);
      try {
        return await this.commit(
          hallId,
          principal,
          live.version,
          next,
          configDiff(live.saved, next),
          kind,
        );
      } catch (err) {
        if (attempt >= 4 || !(err instanceof ApiError) || err.code !== 'config_version_conflict')
          throw err;
      }
    }
  }

  /** Replaces the stored configuration with a hall file's, whatever its version (a restore). */
  async restore(hallId: string, file: HallConfig): Promise<ChangeResult> {
    await this.opts.sync.ensureCurrent(hallId);
    const live = this.live(hallId);
    // compared as it would be stored: tokens as their hashes
    const next = withHashedTokens(this.validate(hallId, file));
    const changes = configDiff(live.saved, next);
    // the second node started with the same file finds the hall restored already
    const force = changes.length > 0;
    return this.commit(hallId, null, live.version, next, changes, 'config.restored', force);
  }

  private validate(hallId: string, raw: unknown): HallConfig {
    const parsed = HallConfig.safeParse(raw);
    if (!parsed.success) throw invalidConfig(configIssuesOf(parsed.error));
    if (parsed.data.id !== hallId)
      throw invalidConfig([{ path: 'id', message: `the hall id cannot change (${hallId})` }]);
    return parsed.data;
  }

  private async commit(
    hallId: string,
    principal: Principal | null,
    expected: number,
    next: HallConfig,
    changes: ConfigChange[],
    kind: string,
    force = false,
  ): Promise<ChangeResult> {
    const live = this.live(hallId);
    if (changes.length === 0 && !force)
      return { version: live.version, config: live.saved, retired: [...live.retired], changes };
    const before = live.current;
    const kept = new Set(next.services.map((s) => s.id));
    // every service leaving the configuration stays with its windows while people wait for it
    const retiredCandidates: RetiredService[] = before.services
      .filter((s) => !kept.has(s.id))
      .map((service) => ({
        service,
        windows: before.windows.filter((w) => w.services.includes(service.id)).map((w) => w.id),
      }));
    // a window with a clerk signed in (and maybe a resident at it) is not taken away under them
    const removedWindows = before.windows.filter((w) => !next.windows.some((n) => n.id === w.id));
    const inUse: ConfigIssue[] = [];
    for (const w of removedWindows) {
      const status = await this.redis.hget(hallKeys(hallId).window(w.id), 'status');
      if (status && status !== 'closed')
        inUse.push({
          path: 'windows',
          message: `window ${w.id} is signed in: sign out there first`,
        });
    }
    if (inUse.length > 0 && !force) throw invalidConfig(inUse);
    const by =
      principal?.kind === 'staff' ? principal.user.id : principal ? principal.device.id : 'file';
    const stored = await this.opts.store.replace({
      hallId,
      expected,
      config: next,
      retiredCandidates,
      now: this.opts.clock.now(),
      by,
      sections: sectionsOf(changes),
      diff: changes,
      kind,
      force,
    });
    live.apply(stored);
    // a disabled or removed account is signed out everywhere at once
    const after = new Map(next.staff.map((s) => [s.id, s]));
    for (const s of before.staff) {
      const now = after.get(s.id);
      if (!now || (now.disabled && !s.disabled)) await this.opts.auth.endSessions(hallId, s.id);
    }
    this.opts.logger.info(
      { hallId, version: stored.version, kind, by },
      'hall configuration changed',
    );
    return { ...stored, changes };
  }
}
