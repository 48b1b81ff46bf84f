import type { SupervisionView } from '@hall/protocol';
import type { Redis } from 'ioredis';
import type { HallConfig } from '../config/hall-config.js';
import { toHallIso } from '../domain/business-day.js';
import { hallKeys, SERVICE_LANES, type LaneName } from '../store/keys.js';
import { limitsView } from './limits-view.js';

const LANES: readonly LaneName[] = SERVICE_LANES;
type Window = SupervisionView['windows'][number];
type Service = SupervisionView['services'][number];

/**
 * The live board's timers from the live keys: since when each window's ticket is called or
 * served or the window paused or idle, and each service's longest-waiting ticket. Two pipelined
 * reads whatever the queue length: lane heads only.
 */
export async function supervisionView(
  redis: Redis,
  hall: HallConfig,
  now: number,
): Promise<SupervisionView> {
  const k = hallKeys(hall.id);
  const tz = hall.timeZone;
  const first = redis.pipeline();
  for (const w of hall.windows) first.hgetall(k.window(w.id));
  for (const s of hall.services) {
    for (const lane of LANES) {
      first.zrange(k.lane(s.id, lane), 0, 0);
      first.zcard(k.lane(s.id, lane));
    }
  }
  const r1 = ((await first.exec()) ?? []).map(([, v]) => v);
  const windows = hall.windows.map((_, i) => (r1[i] ?? {}) as Record<string, string>);
  let at = hall.windows.length;
  const heads: { serviceId: string; ids: string[]; waiting: number }[] = hall.services.map((s) => {
    const ids: string[] = [];
    let waiting = 0;
    for (let l = 0; l < LANES.length; l++) {
      const head = (r1[at++] ?? []) as string[];
      waiting += Number(r1[at++] ?? 0);
      if (head[0]) ids.push(head[0]);
    }
    return { serviceId: s.id, ids, waiting };
  });

  const second = redis.pipeline();
  const currents = windows.map((w) => w.current ?? '');
  for (const id of currents)
    second.hmget(k.ticket(id || '-'), 'calledAt', 'startedAt', 'number', 'serviceId', 'status');
  const headIds = heads.flatMap((h) => h.ids);
  for (const id of headIds) second.hmget(k.ticket(id), 'issuedAt', 'number');
  const r2 = ((await second.exec()) ?? []).map(([, v]) => (v ?? []) as (string | null)[]);

  const iso = (ms: number) => toHallIso(ms, tz);
  const outWindows: Window[] = hall.windows.map((w, i) => {
    const rec = windows[i] ?? {};
    const status = rec.status || 'closed';
    const [calledAt, startedAt, number, serviceId, tStatus] = r2[i] ?? [];
    const ticket = { ...(number ? { number } : {}), ...(serviceId ? { serviceId } : {}) };
    if (status === 'closed') return { windowId: w.id, state: 'closed', since: null };
    if (currents[i] && tStatus === 'serving' && startedAt)
      return { windowId: w.id, state: 'serving', since: iso(Number(startedAt)), ...ticket };
    if (currents[i] && tStatus === 'called' && calledAt)
      return { windowId: w.id, state: 'called', since: iso(Number(calledAt)), ...ticket };
    if (status === 'brief_pause' || status === 'paused')
      return {
        windowId: w.id,
        state: status,
        since: iso(Number(rec.pausedAt || rec.since || now)),
      };
    const idleSince = Math.max(Number(rec.lastActivity || 0), Number(rec.since || 0));
    return { windowId: w.id, state: 'idle', since: iso(idleSince || now) };
  });

  let h = currents.length;
  const outServices: Service[] = heads.map((head) => {
    let oldest: { at: number; number: string } | null = null;
    for (let j = 0; j < head.ids.length; j++) {
      const [issuedAt, number] = r2[h++] ?? [];
      const atMs = Number(issuedAt || 0);
      if (atMs > 0 && (!oldest || atMs < oldest.at)) oldest = { at: atMs, number: number ?? '' };
    }
    const staffed = hall.windows.some((w, i) => {
      const st = windows[i]?.status;
      return w.services.includes(head.serviceId) && (st === 'open' || st === 'brief_pause');
    });
    return {
      serviceId: head.serviceId,
      waiting: head.waiting,
      longestWaitSince: oldest ? iso(oldest.at) : null,
      ...(oldest?.number ? { longestWaitNumber: oldest.number } : {}),
      staffed,
    };
  });
  return { now: iso(now), limits: limitsView(hall), windows: outWindows, services: outServices };
}
