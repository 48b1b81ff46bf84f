import type { Cluster, Redis } from 'ioredis';
import { hallKeys } from '../store/keys.js';

/** The first line of a backup file. */
export interface BackupHeader {
  format: 'hall-backup';
  version: 1;
  hallId: string;
  createdAt: string;
  redisVersion: string;
  keys: number;
}

/** One key: its name, remaining time to live in ms (0: none) and its DUMP payload (base64). */
export interface BackupEntry {
  key: string;
  ttlMs: number;
  dump: string;
}

export interface HallBackup {
  header: BackupHeader;
  entries: BackupEntry[];
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * The key patterns of a hall: every `{hall:ID}:` key, its print jobs included (they live in
 * the hall's own keys). The follow-up queue is shared by all halls and is not part of a
 * hall's backup.
 */
export function hallKeyPatterns(hallId: string): string[] {
  return [`${escapeGlob(hallKeys(hallId).prefix)}*`];
}

type Client = Redis | Cluster;

function isCluster(client: Client): client is Cluster {
  return 'nodes' in client && typeof client.nodes === 'function';
}

/** Every key matching the patterns, over all masters of a cluster. */
async function scanKeys(client: Client, patterns: string[]): Promise<string[]> {
  const nodes: Redis[] = isCluster(client) ? client.nodes('master') : [client];
  const found = new Set<string>();
  for (const node of nodes) {
    for (const match of patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
        cursor = next;
        for (const k of keys) found.add(k);
      } while (cursor !== '0');
    }
  }
  return [...found].sort();
}

/** The hash tag of a key (the part Redis Cluster hashes), or the key itself. */
function slotGroup(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

/**
 * DUMPs every key of the hall with its remaining TTL. The keys of one hash tag are
 * dumped in one MULTI, so the hall's state is one consistent moment; when keys
 * appear meanwhile (a ticket issued while the backup runs) it starts again, up to
 * five times, then keeps the last consistent moment it had.
 */
export async function backupHall(client: Client, hallId: string): Promise<HallBackup> {
  const patterns = hallKeyPatterns(hallId);
  let entries: BackupEntry[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const keys = await scanKeys(client, patterns);
    entries = [];
    const groups = new Map<string, string[]>();
    for (const k of keys) {
      const g = slotGroup(k);
      groups.set(g, [...(groups.get(g) ?? []), k]);
    }
    for (const group of groups.values()) {
      const multi = client.multi();
      for (const k of group) multi.dumpBuffer(k).pttl(k);
      const replies = (await multi.exec()) ?? [];
      group.forEach((key, i) => {
        const [dumpErr, dump] = replies[2 * i] ?? [null, null];
        const [ttlErr, ttl] = replies[2 * i + 1] ?? [null, -2];
        if (dumpErr) throw dumpErr;
        if (ttlErr) throw ttlErr;
        // gone between SCAN and MULTI: it is not part of this moment
        if (dump === null) return;
        entries.push({
          key,
          ttlMs: Number(ttl) > 0 ? Number(ttl) : 0,
          dump: (dump as Buffer).toString('base64'),
        });
      });
    }
    const after = await scanKeys(client, patterns);
    const seen = new Set(keys);
    if (after.every((k) => seen.has(k))) break;
  }
  const info = await (isCluster(client) ? (client.nodes('master')[0] ?? null) : client)?.info(
    'server',
  );
  const redisVersion = /redis_version:(\S+)/.exec(info ?? '')?.[1] ?? 'unknown';
  return {
    header: {
      format: 'hall-backup',
      version: 1,
      hallId,
      createdAt: new Date().toISOString(),
      redisVersion,
      keys: entries.length,
    },
    entries,
  };
}

/** JSON lines: the header, then one key a line. */
export function serializeBackup(backup: HallBackup): string {
  return [backup.header, ...backup.entries].map((x) => JSON.stringify(x)).join('\n') + '\n';
}

export function parseBackup(text: string): HallBackup {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = JSON.parse(lines[0] ?? '{}') as BackupHeader;
  if (header.format !== 'hall-backup' || header.version !== 1) {
    throw new Error('not a hall backup file (format hall-backup, version 1)');
  }
  const entries = lines.slice(1).map((l) => JSON.parse(l) as BackupEntry);
  if (entries.length !== header.keys) {
    throw new Error(`backup is incomplete: ${entries.length} of ${header.keys} keys`);
  }
  return { header, entries };
}

/**
 * RESTOREs every key with its TTL. Refuses when the hall already has keys in the
 * target, unless `replace` (then each key is replaced; keys the backup lacks are
 * deleted first, so the hall is exactly the backup's).
 */
export async function restoreHall(
  client: Client,
  backup: HallBackup,
  options: { replace?: boolean } = {},
): Promise<number> {
  const existing = await scanKeys(client, hallKeyPatterns(backup.header.hallId));
  if (existing.length > 0 && !options.replace) {
    throw new Error(
      `hall ${backup.header.hallId} already has ${existing.length} keys in this Redis (use --replace)`,
    );
  }
  for (const k of existing) await client.del(k);
  for (const e of backup.entries) {
    await client.restore(e.key, e.ttlMs, Buffer.from(e.dump, 'base64'), 'REPLACE');
  }
  return backup.entries.length;
}
