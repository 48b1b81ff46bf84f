import type { Ticket } from '@hall/protocol';
import {
  chooseNext,
  nextAppointmentInRow,
  nextGreenInRow,
  type LaneHead,
  type ServiceQueueView,
} from '../domain/queue.js';
import type { HallService } from '../halls/hall-service.js';
import { presentReason, type Lang } from '../halls/presenter.js';
import type { LaneName } from '../store/keys.js';
import type { TicketRecord } from '../store/queue-store.js';

const NONE = { front: 0, appointment: 0, green: 0, normal: 0 };

/**
 * The tickets a window will call, in the order it will call them if nothing else happens,
 * each with the reason — the same rules as call-next, run ahead. Its cost does not grow with
 * the day: one read of the hall, the first `limit` of each lane the window serves, and the
 * people ahead of each from the lane sizes (docs/performance.md).
 */
export async function upcoming(
  hall: HallService,
  windowId: string,
  limit: number,
  lang: Lang,
): Promise<Ticket[]> {
  const window = hall.window(windowId);
  const { store, config } = hall;
  const k = store.keys(hall.id);
  const state = await store.readHall(config);
  const records = new Map<string, { rec: TicketRecord; ahead: number }>();
  /** People before the lane's head: transferred-in first, then appointments, green, normal. */
  const before = (serviceId: string, lane: LaneName | 'window'): number => {
    const l = state.lanes.get(serviceId) ?? NONE;
    if (lane === 'appointment') return l.front;
    if (lane === 'green') return l.front + l.appointment;
    if (lane === 'normal') return l.front + l.appointment + l.green;
    return 0;
  };
  const load = async (
    key: string,
    serviceId: string,
    lane: LaneName | 'window',
  ): Promise<LaneHead[]> => {
    const recs = await store.laneTickets(hall.id, key, limit);
    const scores = recs.length
      ? await store.redis.zmscore(key, ...recs.map((r) => r.id ?? ''))
      : [];
    return recs.map((r, i) => {
      records.set(r.id ?? '', { rec: r, ahead: before(serviceId, lane) + i });
      return {
        ticketId: r.id ?? '',
        score: Number(scores[i] ?? 0),
        requeued: r.requeued === '1',
        ...(r.transferredFrom ? { fromWindowId: r.transferredFrom } : {}),
      };
    });
  };
  const [personal, lanes, estimate] = await Promise.all([
    load(k.windowLane(windowId), '', 'window'),
    Promise.all(
      window.services.map(async (s) => {
        const [front, appointment, green, normal, streaks] = await Promise.all([
          load(k.lane(s, 'front'), s, 'front'),
          load(k.lane(s, 'appointment'), s, 'appointment'),
          load(k.lane(s, 'green'), s, 'green'),
          load(k.lane(s, 'normal'), s, 'normal'),
          store.redis.hmget(k.service(s), 'greenInRow', 'apptInRow'),
        ]);
        return {
          serviceId: s,
          front,
          appointment,
          green,
          normal,
          greenInRow: Number(streaks[0] ?? 0),
          appointmentInRow: Number(streaks[1] ?? 0),
        };
      }),
    ),
    hall.estimator(state),
  ]);
  const chosen: {
    rec: TicketRecord;
    ahead: number;
    choice: NonNullable<ReturnType<typeof chooseNext>>;
  }[] = [];
  while (chosen.length < limit) {
    const views: ServiceQueueView[] = lanes.map((l) => ({
      serviceId: l.serviceId,
      greenInRow: l.greenInRow,
      appointmentInRow: l.appointmentInRow,
      ...(l.front[0] ? { front: l.front[0] } : {}),
      ...(l.appointment[0] ? { appointment: l.appointment[0] } : {}),
      ...(l.green[0] ? { green: l.green[0] } : {}),
      ...(l.normal[0] ? { normal: l.normal[0] } : {}),
    }));
    const choice = chooseNext(
      { mode: window.mode, services: views, ...(personal[0] ? { personal: personal[0] } : {}) },
      config.rules,
    );
    if (!choice) break;
    if (choice.lane === 'window') personal.shift();
    const lane = lanes.find((x) => x.serviceId === choice.serviceId);
    if (lane && choice.lane !== 'window') {
      const normalWaiting = lane.normal.length > 0;
      const othersWaiting = normalWaiting || lane.green.length > 0;
      lane[choice.lane].shift();
      lane.greenInRow = nextGreenInRow(lane.greenInRow, choice.lane, normalWaiting);
      lane.appointmentInRow = nextAppointmentInRow(
        lane.appointmentInRow,
        choice.lane,
        othersWaiting,
      );
    }
    const found = records.get(choice.ticketId);
    if (found) chosen.push({ ...found, choice });
  }
  return Promise.all(
    chosen.map(async ({ rec, ahead, choice }) => {
      const ticket = await hall.present(rec, lang, ahead, estimate);
      ticket.reason = presentReason(
        config,
        {
          ...rec,
          reasonCode: choice.reason,
          reasonFrom: choice.fromWindowId ?? '',
          reasonGreenInRow: choice.greenInRow === undefined ? '' : String(choice.greenInRow),
          reasonApptInRow:
            choice.appointmentInRow === undefined ? '' : String(choice.appointmentInRow),
        },
        lang,
      );
      return ticket;
    }),
  );
}
