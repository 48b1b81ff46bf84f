import { randomBytes } from 'node:crypto';
import type {
  ManagedNotice,
  Notice,
  NoticeBody,
  NoticeDay,
  NoticeEditBody,
  NoticeOrderBody,
} from '@hall/protocol';
import { DateTime } from 'luxon';
import type { Clock } from '../auth/principal.js';
import type { HallConfig } from '../config/hall-config.js';
import { toHallIso } from '../domain/business-day.js';
import type { Lang } from '../halls/presenter.js';
import type { NoticeStore, StoredNotice } from './notice-store.js';

const DAYS: readonly NoticeDay[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

interface Schedule {
  startMs?: number | undefined;
  endMs?: number | undefined;
  days?: readonly string[] | undefined;
}

/** Whether a notice shows at `now`: after its start, before its end, on one of its days. */
export function noticeActive(n: Schedule, now: number, timeZone: string): boolean {
  if (n.startMs !== undefined && now < n.startMs) return false;
  if (n.endMs !== undefined && now >= n.endMs) return false;
  if (n.days && n.days.length > 0) {
    const day = DAYS[DateTime.fromMillis(now, { zone: timeZone }).weekday - 1];
    if (!day || !n.days.includes(day)) return false;
  }
  return true;
}

const ms = (iso: string | undefined): number | undefined =>
  iso === undefined ? undefined : Date.parse(iso);

/**
 * The hall's rolling notices (滚动公告): those of the hall file, then the
 * supervisors' in their order. The hall screen gets the ones active now.
 */
export class NoticeService {
  constructor(
    private readonly store: NoticeStore,
    private readonly clock: Clock,
  ) {}

  /** Every notice with its schedule and whether it shows now, for supervisors. */
  async list(hall: HallConfig, now = this.clock.now()): Promise<ManagedNotice[]> {
    const fromConfig: ManagedNotice[] = hall.notices.map((n, i) => {
      const out: ManagedNotice = {
        id: n.id,
        text: n.text,
        order: i - hall.notices.length,
        source: 'config',
        active: noticeActive(
          { startMs: ms(n.startsAt), endMs: ms(n.endsAt), days: n.days },
          now,
          hall.timeZone,
        ),
      };
      if (n.textEn !== undefined) out.textEn = n.textEn;
      if (n.startsAt !== undefined) out.startsAt = n.startsAt;
      if (n.endsAt !== undefined) out.endsAt = n.endsAt;
      if (n.days !== undefined) out.days = n.days;
      return out;
    });
    const stored = await this.store.all(hall.id);
    return [...fromConfig, ...stored.map((n) => this.managed(hall, n, now))];
  }

  /** The notices the hall screen shows now, in the caller's language. */
  async active(hall: HallConfig, now: number, lang: Lang): Promise<Notice[]> {
    const all = await this.list(hall, now);
    return all
      .filter((n) => n.active)
      .map((n) => {
        const out: Notice = { id: n.id, text: (lang === 'en' ? n.textEn : undefined) ?? n.text };
        if (n.startsAt !== undefined) out.startsAt = n.startsAt;
        if (n.endsAt !== undefined) out.endsAt = n.endsAt;
        return out;
      });
  }

  async create(hall: HallConfig, body: NoticeBody): Promise<ManagedNotice> {
    const id = `n${randomBytes(6).toString('hex')}`;
    const notice: Record<string, unknown> = { text: body.text };
    if (body.textEn !== undefined) notice.textEn = body.textEn;
    Object.assign(notice, this.times(hall, body));
    if (body.days && body.days.length > 0) notice.days = body.days;
    return this.run(hall, { action: 'create', id, notice });
  }

  async edit(hall: HallConfig, id: string, body: NoticeEditBody): Promise<ManagedNotice> {
    const changes: Record<string, unknown> = {};
    if (body.text !== undefined) changes.text = body.text;
    if (body.textEn !== undefined) changes.textEn = body.textEn;
    Object.assign(changes, this.times(hall, body));
    if (body.days !== undefined)
      changes.days = body.days === null || body.days.length === 0 ? null : body.days;
    return this.run(hall, { action: 'edit', id, changes });
  }

  async expire(hall: HallConfig, id: string): Promise<ManagedNotice> {
    return this.run(hall, { action: 'expire', id });
  }

  async order(hall: HallConfig, body: NoticeOrderBody): Promise<ManagedNotice[]> {
    const now = this.clock.now();
    await this.store.change(hall.id, { action: 'order', ids: body.ids }, now, this.iso(hall, now));
    return (await this.list(hall, now)).filter((n) => n.source === 'supervisor');
  }

  private async run(
    hall: HallConfig,
    change: Parameters<NoticeStore['change']>[1],
  ): Promise<ManagedNotice> {
    const now = this.clock.now();
    const n = await this.store.change(hall.id, change, now, this.iso(hall, now));
    if (!n) throw new Error('notice script returned nothing');
    return this.managed(hall, n, now);
  }

  /** Start and end as given (null clears) in the hall's zone, with the ms the script compares. */
  private times(
    hall: HallConfig,
    body: { startsAt?: string | null | undefined; endsAt?: string | null | undefined },
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [field, msField] of [
      ['startsAt', 'startMs'],
      ['endsAt', 'endMs'],
    ] as const) {
      const v = body[field];
      if (v === undefined) continue;
      if (v === null) {
        out[field] = null;
        out[msField] = null;
      } else {
        const t = Date.parse(v);
        out[field] = this.iso(hall, t);
        out[msField] = t;
      }
    }
    return out;
  }

  private iso(hall: HallConfig, t: number): string {
    return toHallIso(t, hall.timeZone);
  }

  private managed(hall: HallConfig, n: StoredNotice, now: number): ManagedNotice {
    const out: ManagedNotice = {
      id: n.id,
      text: n.text,
      order: n.order,
      source: 'supervisor',
      active: noticeActive(n, now, hall.timeZone),
    };
    if (n.textEn) out.textEn = n.textEn;
    if (n.startsAt) out.startsAt = n.startsAt;
    if (n.endsAt) out.endsAt = n.endsAt;
    if (n.days && n.days.length > 0) out.days = n.days as NoticeDay[];
    if (n.updatedAt) out.updatedAt = n.updatedAt;
    return out;
  }
}
