/**
 * Which ticket a window calls next. This is the reference statement of the
 * hall's queue rules; `store/lua/call-next.lua` applies the very same rules
 * inside Redis (atomically), and `queue-lua.test.ts` checks both agree on
 * thousands of random queues.
 *
 * Lanes, per service: `front` (transferred to this service: FIFO, before all),
 * `appointment` (预约, checked in on time: before green and normal, at most
 * `maxAppointmentInRow` in a row while others wait), `green` (绿色通道, at most
 * `maxGreenInRow` in a row while normal ones wait) and `normal` (docs/appointments.md). Within a lane, the lowest score goes first;
 * scores are the hall's issue sequence, so lanes are first-come first-served,
 * and a re-queued no-show sits between two neighbours' scores. A window also has
 * its own lane of tickets transferred to it by name, served before anything.
 */

export type Lane = 'window' | 'front' | 'appointment' | 'green' | 'normal';

export interface LaneHead {
  ticketId: string;
  score: number;
  /** A no-show a clerk put back in the queue. */
  requeued?: boolean;
  /** For the window lane and front lanes: where the ticket was transferred from. */
  fromWindowId?: string;
}

export interface ServiceQueueView {
  serviceId: string;
  front?: LaneHead;
  appointment?: LaneHead;
  green?: LaneHead;
  normal?: LaneHead;
  /** Green tickets called in a row while normal ones waited. */
  greenInRow: number;
  /** Appointment tickets called in a row while green or normal ones waited. */
  appointmentInRow?: number;
}

export interface WindowQueueView {
  /** ordered: first service in the list with someone waiting; oldest: the longest-waiting head. */
  mode: 'ordered' | 'oldest';
  personal?: LaneHead;
  /** In the window's order of service (一窗多能). */
  services: ServiceQueueView[];
}

export interface QueueRules {
  maxGreenInRow: number;
  maxAppointmentInRow: number;
}

export type ChoiceReasonCode =
  | 'window_queue'
  | 'transferred'
  | 'appointment'
  | 'appointment_interleave'
  | 'green'
  | 'green_interleave'
  | 'requeued'
  | 'oldest';

export interface Choice {
  ticketId: string;
  serviceId: string | null;
  lane: Lane;
  reason: ChoiceReasonCode;
  fromWindowId?: string;
  /** For green calls: which green in a row this is (1-based). */
  greenInRow?: number;
  /** For appointment calls: which appointment in a row this is (1-based). */
  appointmentInRow?: number;
}

const LANE_RANK: Record<Lane, number> = {
  window: 0,
  front: 1,
  appointment: 2,
  green: 3,
  normal: 4,
};

/** The candidate a single service offers, after the appointment and green-channel interleaves. */
export function chooseInService(view: ServiceQueueView, rules: QueueRules): Choice | null {
  if (view.front) {
    return withFrom(
      {
        ticketId: view.front.ticketId,
        serviceId: view.serviceId,
        lane: 'front',
        reason: 'transferred',
      },
      view.front.fromWindowId,
    );
  }
  const { appointment, green, normal } = view;
  const othersWait = green !== undefined || normal !== undefined;
  const appointmentInRow = view.appointmentInRow ?? 0;
  if (appointment && (!othersWait || appointmentInRow < rules.maxAppointmentInRow)) {
    return {
      ticketId: appointment.ticketId,
      serviceId: view.serviceId,
      lane: 'appointment',
      reason: appointment.requeued ? 'requeued' : 'appointment',
      appointmentInRow: othersWait ? appointmentInRow + 1 : 1,
    };
  }
  // the appointment run is full: the best of green and normal by their own rule
  const passed = appointment !== undefined;
  if (green && (!normal || view.greenInRow < rules.maxGreenInRow)) {
    return {
      ticketId: green.ticketId,
      serviceId: view.serviceId,
      lane: 'green',
      reason: green.requeued ? 'requeued' : passed ? 'appointment_interleave' : 'green',
      greenInRow: normal ? view.greenInRow + 1 : 1,
    };
  }
  if (normal) {
    return {
      ticketId: normal.ticketId,
      serviceId: view.serviceId,
      lane: 'normal',
      reason: normal.requeued
        ? 'requeued'
        : passed
          ? 'appointment_interleave'
          : green
            ? 'green_interleave'
            : 'oldest',
    };
  }
  return null;
}

/** The ticket a window calls next, or null when nobody it serves is waiting. */
export function chooseNext(view: WindowQueueView, rules: QueueRules): Choice | null {
  if (view.personal) {
    return withFrom(
      { ticketId: view.personal.ticketId, serviceId: null, lane: 'window', reason: 'window_queue' },
      view.personal.fromWindowId,
    );
  }
  let best: { choice: Choice; score: number } | null = null;
  for (const service of view.services) {
    const choice = chooseInService(service, rules);
    if (!choice) continue;
    if (view.mode === 'ordered') return choice;
    const score = headOf(service, choice.lane)?.score ?? Infinity;
    if (
      !best ||
      LANE_RANK[choice.lane] < LANE_RANK[best.choice.lane] ||
      (LANE_RANK[choice.lane] === LANE_RANK[best.choice.lane] && score < best.score)
    ) {
      best = { choice, score };
    }
  }
  return best?.choice ?? null;
}

/**
 * The service's green streak after a call from `lane` (normalWaiting: normal lane non-empty
 * before the call). An appointment call leaves it as it is.
 */
export function nextGreenInRow(current: number, lane: Lane, normalWaiting: boolean): number {
  if (lane === 'green') return normalWaiting ? current + 1 : 0;
  if (lane === 'normal') return 0;
  return current;
}

/**
 * The service's appointment streak after a call from `lane` (othersWaiting: green or normal
 * lane non-empty before the call): a green or normal call ends it.
 */
export function nextAppointmentInRow(current: number, lane: Lane, othersWaiting: boolean): number {
  if (lane === 'appointment') return othersWaiting ? current + 1 : 0;
  if (lane === 'green' || lane === 'normal') return 0;
  return current;
}

/**
 * The score that puts a re-queued ticket `places` behind the head of a lane
 * whose scores (ascending) are given: between two neighbours, or at the back.
 */
export function requeueScore(laneScores: number[], places: number, backScore: number): number {
  if (laneScores.length <= places) return backScore;
  if (places === 0) return (laneScores[0] ?? backScore) - 1;
  const before = laneScores[places - 1] ?? 0;
  const after = laneScores[places] ?? backScore;
  return (before + after) / 2;
}

function headOf(view: ServiceQueueView, lane: Lane): LaneHead | undefined {
  return lane === 'front'
    ? view.front
    : lane === 'appointment'
      ? view.appointment
      : lane === 'green'
        ? view.green
        : lane === 'normal'
          ? view.normal
          : undefined;
}

function withFrom(choice: Choice, fromWindowId: string | undefined): Choice {
  return fromWindowId === undefined ? choice : { ...choice, fromWindowId };
}
