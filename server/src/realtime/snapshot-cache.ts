import type { HallSnapshot } from '@hall/protocol';
import type { HallService } from '../halls/hall-service.js';
import type { Lang } from '../halls/presenter.js';
import { compareIds } from './event-reader.js';

interface Entry {
  at: number;
  snapshot: Promise<HallSnapshot>;
}

/**
 * One built snapshot per hall and language, shared by the subscribers that arrive within
 * `maxAgeMs` of it (3,000 screens reconnecting after a restart build a handful, not 3,000;
 * a flood of subscribes builds one a second). A shared snapshot is a consistent older state:
 * the hub sends each subscriber the events after its `lastEventId`.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxAgeMs: number) {}

  /** A snapshot no older than `maxAgeMs` whose lastEventId is at least `atLeast`. */
  async get(hall: HallService, lang: Lang, atLeast = '0-0'): Promise<HallSnapshot> {
    const key = `${hall.id}|${lang}`;
    const now = performance.now();
    const cached = this.entries.get(key);
    if (cached && now - cached.at <= this.maxAgeMs) {
      const snapshot = await cached.snapshot.catch(() => null);
      if (snapshot && compareIds(snapshot.lastEventId, atLeast) >= 0) return snapshot;
    }
    const entry: Entry = { at: now, snapshot: hall.snapshot(lang) };
    this.entries.set(key, entry);
    entry.snapshot.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.snapshot;
  }

  clear(): void {
    this.entries.clear();
  }
}
