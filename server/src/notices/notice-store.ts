import type { Redis } from 'ioredis';
import { ApiError, isErrorCode } from '../errors.js';
import { hallKeys } from '../store/keys.js';
import { loadScripts, type RunScript } from '../store/scripts.js';

/** A supervisor's notice as Redis keeps it (notice-update.lua). */
export interface StoredNotice {
  id: string;
  text: string;
  textEn?: string;
  startsAt?: string;
  startMs?: number;
  endsAt?: string;
  endMs?: number;
  days?: string[];
  order: number;
  createdAt?: string;
  updatedAt?: string;
}

export type NoticeAction =
  | { action: 'create'; id: string; notice: Record<string, unknown> }
  | { action: 'edit'; id: string; changes: Record<string, unknown> }
  | { action: 'expire'; id: string }
  | { action: 'order'; ids: string[] };

function parse(raw: string): StoredNotice | null {
  try {
    const n = JSON.parse(raw) as StoredNotice;
    // cjson writes an empty list as {}
    if (n.days !== undefined && !Array.isArray(n.days)) delete n.days;
    return typeof n.id === 'string' && typeof n.text === 'string' ? n : null;
  } catch {
    return null;
  }
}

/** The supervisors' rolling notices of each hall: one script per change, with its event. */
export class NoticeStore {
  private readonly run: RunScript;
  constructor(readonly redis: Redis) {
    this.run = loadScripts(redis);
  }

  async all(hallId: string): Promise<StoredNotice[]> {
    const raw = await this.redis.hvals(hallKeys(hallId).notices);
    return raw
      .map(parse)
      .filter((n): n is StoredNotice => n !== null)
      .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  }

  /** Runs one change; the notice after it (null for a new order). */
  async change(
    hallId: string,
    change: NoticeAction,
    now: number,
    nowIso: string,
  ): Promise<StoredNotice | null> {
    const k = hallKeys(hallId);
    const [id, arg] =
      change.action === 'create'
        ? [change.id, JSON.stringify(change.notice)]
        : change.action === 'edit'
          ? [change.id, JSON.stringify(change.changes)]
          : change.action === 'expire'
            ? [change.id, '']
            : ['', JSON.stringify(change.ids)];
    const reply = await this.run(
      'notice-update',
      [k.events, k.notices],
      [k.prefix, change.action, id, arg, now, nowIso],
    );
    if (!Array.isArray(reply)) throw new Error('unexpected script reply');
    if (reply[0] === 'ERR') {
      const code = String(reply[1]);
      throw new ApiError(isErrorCode(code) ? code : 'internal_error');
    }
    const raw = String(reply[2] ?? '');
    return raw ? parse(raw) : null;
  }
}
