import type { AuditEntry, AuditKind, ConfigChange } from '@hall/protocol';
import type { Redis } from 'ioredis';
import { toHallIso } from '../domain/business-day.js';
import { parseEntry, type RawEvent } from '../realtime/event-reader.js';
import type { History } from '../reports/history.js';
import { hallKeys } from '../store/keys.js';

type StreamEntry = [string, string[]];

/** How far before `from` the event stream is read to learn who was signed in at each window. */
const LOOK_BACK_MS = 16 * 3600_000;
/**
 * Stream ids are Redis's clock, `at` is the server's: ids are read with this margin and
 * entries kept by their `at`.
 */
const CLOCK_MARGIN_MS = 3600_000;
const BATCH = 2000;

function fieldsOf(entry: StreamEntry): Record<string, string> {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < entry[1].length; i += 2) f[entry[1][i] ?? ''] = entry[1][i + 1] ?? '';
  return f;
}

function json<T>(text: string | undefined, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * The staff actions that bend the rules, from the hall's events: 指定叫号, transfer, re-queue,
 * AB岗 takeover, idle sign-out and a closed follow-up, each with who did it (the clerk signed in
 * at the window, followed through window.opened and window.closed).
 */
export function ruleBendingEntries(
  events: RawEvent[],
  from: number,
  timeZone: string,
): AuditEntry[] {
  const clerkAt = new Map<string, string>();
  const out: AuditEntry[] = [];
  for (const e of events) {
    const d = e.data;
    const windowId = str(d.windowId) ?? str(d.fromWindowId);
    const base = (kind: AuditKind, by: string): AuditEntry => ({
      id: e.id,
      at: toHallIso(e.at, timeZone),
      kind,
      by,
      ...(str(d.ticketId) ? { ticketId: str(d.ticketId) } : {}),
      ...(str(d.number) ? { number: str(d.number) } : {}),
      ...(windowId ? { windowId } : {}),
    });
    const who = windowId ? (clerkAt.get(windowId) ?? '') : '';
    let entry: AuditEntry | null = null;
    switch (e.type) {
      case 'window.opened':
        if (windowId && str(d.clerkId)) clerkAt.set(windowId, String(d.clerkId));
        if (str(d.handoverFrom))
          entry = {
            ...base('window.taken_over', str(d.clerkId) ?? ''),
            detail: String(d.handoverFrom),
          };
        break;
      case 'window.closed':
        if (windowId) clerkAt.delete(windowId);
        if (d.auto === true) entry = base('window.idle_sign_out', str(d.clerkId) ?? '');
        break;
      case 'ticket.called':
        if (d.reason === 'chosen')
          entry = {
            ...base('ticket.chosen_call', who),
            ...(str(d.note) ? { detail: str(d.note) } : {}),
          };
        break;
      case 'ticket.transferred':
        entry = {
          ...base('ticket.transferred', who),
          detail: str(d.toWindowId)
            ? `window ${String(d.toWindowId)}`
            : `service ${str(d.toServiceId) ?? ''}`,
        };
        break;
      case 'ticket.requeued':
        entry = base('ticket.requeued', who);
        break;
      case 'follow_up.closed':
        entry = {
          ...base('follow_up.closed', str(d.closedBy) ?? ''),
          detail: str(d.followUpId) ?? '',
        };
        break;
      default:
        break;
    }
    if (entry && e.at >= from) out.push(entry);
  }
  return out;
}

/**
 * The hall's audit log (docs/decisions/054-audit-log-from-two-streams.md): configuration
 * changes from the audit stream the config script appends to, with their redacted diffs, and
 * the rule-bending staff actions read from the event stream by time — and, for days the
 * reports already archived and trimmed, from their archive files.
 */
export async function readAuditLog(
  redis: Redis,
  hallId: string,
  timeZone: string,
  range: { from: number; to: number; limit: number },
  history?: History | null,
): Promise<AuditEntry[]> {
  const k = hallKeys(hallId);
  const changes = (await redis.xrange(
    k.audit,
    String(Math.max(0, range.from - CLOCK_MARGIN_MS)),
    String(range.to + CLOCK_MARGIN_MS),
  )) as StreamEntry[];
  const entries: AuditEntry[] = [];
  for (const c of changes) {
    const f = fieldsOf(c);
    const at = Number(f.at) || Number(c[0].split('-')[0]);
    if (at < range.from || at > range.to) continue;
    const diff = json<ConfigChange[]>(f.diff, []);
    entries.push({
      id: c[0],
      at: toHallIso(at, timeZone),
      kind: (f.type ?? 'config.changed') as AuditKind,
      by: f.by ?? '',
      version: Number(f.version) || 0,
      sections: json<string[]>(f.sections, []),
      changes: diff,
      ...(f.note ? { detail: f.note } : {}),
    });
  }

  const start = range.from - LOOK_BACK_MS;
  const events: RawEvent[] = [];
  const seen = new Set<string>();
  // days the reports archived and trimmed from the stream: their files
  const trimmedBefore = await redis.get(k.eventsTrimmedBefore);
  const trimmedMs = trimmedBefore ? Number(trimmedBefore.split('-')[0]) : 0;
  if (history && trimmedMs > start) {
    for (const file of await history.archiveFiles()) {
      const day = file.slice(0, 10);
      const dayMs = Date.parse(`${day}T00:00:00Z`);
      // a day file holds one hall-local day: keep those that may overlap the range
      if (dayMs + 2 * 86_400_000 < start || dayMs - 86_400_000 > range.to) continue;
      for (const e of await history.readArchive(file))
        if (e.at >= start && e.at <= range.to && !seen.has(e.id)) {
          seen.add(e.id);
          events.push(e);
        }
    }
  }
  let cursor = String(Math.max(0, start - CLOCK_MARGIN_MS));
  for (;;) {
    const batch = (await redis.xrange(
      k.events,
      cursor,
      String(range.to + CLOCK_MARGIN_MS),
      'COUNT',
      BATCH,
    )) as StreamEntry[];
    for (const entry of batch) {
      if (seen.has(entry[0])) continue;
      seen.add(entry[0]);
      const e = parseEntry(entry);
      if (e.at >= start && e.at <= range.to) events.push(e);
    }
    if (batch.length < BATCH) break;
    cursor = `(${batch[batch.length - 1]?.[0] ?? ''}`;
  }
  events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  entries.push(...ruleBendingEntries(events, range.from, timeZone));
  entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return entries.slice(0, range.limit);
}
