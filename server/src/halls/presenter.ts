import type {
  HallSnapshot,
  CallReason,
  CallReasonCode,
  CheckInResult,
  Outcome,
  RatingSource,
  Ticket,
  TicketPriority,
  TicketStatus,
} from '@hall/protocol';
import type { HallConfig } from '../config/hall-config.js';
import { toHallIso } from '../domain/business-day.js';
import { reasonText } from '../domain/reason-text.js';
import { presentPrint } from '../printing/print-presenter.js';
import type { TicketRecord } from '../store/queue-store.js';

export type Lang = 'zh' | 'en';

const num = (v: string | undefined): number | undefined =>
  v === undefined || v === '' ? undefined : Number(v);
const str = (v: string | undefined): string | undefined =>
  v === undefined || v === '' ? undefined : v;

/** Turns a ticket record into the API's Ticket, in the hall's time zone and the caller's language. */
export function presentTicket(
  hall: HallConfig,
  t: TicketRecord,
  extra: { waitingAhead: number; estimatedWaitMinutes: number | null; windowIds: string[] },
  lang: Lang,
): Ticket {
  const tz = hall.timeZone;
  const iso = (v: string | undefined) => {
    const n = num(v);
    return n === undefined ? undefined : toHallIso(n, tz);
  };
  const service = hall.services.find((s) => s.id === t.serviceId);
  const windowName = (id: string | undefined) => {
    const w = hall.windows.find((x) => x.id === id);
    return (lang === 'en' ? w?.nameEn : undefined) ?? w?.name;
  };
  const ticket: Ticket = {
    id: t.id ?? '',
    hallId: t.hallId ?? hall.id,
    number: t.number ?? '',
    serviceId: t.serviceId ?? '',
    serviceName:
      (lang === 'en' ? service?.nameEn : undefined) ?? service?.name ?? t.serviceId ?? '',
    status: (t.status ?? 'waiting') as TicketStatus,
    priority: (t.priority ?? 'normal') as TicketPriority,
    businessDay: t.day ?? '',
    issuedAt: iso(t.issuedAt) ?? '',
    callCount: num(t.callCount) ?? 0,
    requeued: t.requeued === '1',
    windowIds: extra.windowIds,
    waitingAhead: extra.waitingAhead,
    estimatedWaitMinutes: extra.estimatedWaitMinutes,
  };
  const optional: Partial<Ticket> = {
    calledAt: iso(t.calledAt),
    startedAt: iso(t.startedAt),
    finishedAt: iso(t.finishedAt),
    windowId: str(t.windowId),
    windowName: windowName(str(t.windowId)),
    firstWindowId: str(t.firstWindowId),
    transferredFromWindowId: str(t.transferredFrom),
    appointmentId: str(t.appointmentId),
    checkIn: str(t.checkIn) as CheckInResult | undefined,
    outcome: str(t.outcome) as Outcome | undefined,
    ratingDeadline: iso(t.ratingDeadline),
    evaluatorAtWindow: str(t.windowId)
      ? hall.devices.some((d) => d.kind === 'evaluator' && d.windowId === t.windowId)
      : undefined,
  };
  if (t.missingMaterials) {
    const missing = JSON.parse(t.missingMaterials) as unknown;
    if (Array.isArray(missing) && missing.length > 0)
      optional.missingMaterials = missing.map(String);
  }
  if (t.ratingScore) {
    optional.rating = {
      score: Number(t.ratingScore),
      source: t.ratingSource as RatingSource,
      at: iso(t.ratingAt) ?? '',
    };
  }
  if (t.reasonCode && (t.status === 'called' || t.status === 'serving')) {
    optional.reason = presentReason(hall, t, lang);
  }
  Object.assign(optional, presentPrint(t, tz));
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (ticket as Record<string, unknown>)[key] = value;
  }
  return ticket;
}

/** The reason a ticket was (or will be) called, from the reason fields of its record. */
export function presentReason(hall: HallConfig, t: TicketRecord, lang: Lang): CallReason {
  const code = t.reasonCode as CallReasonCode;
  const fromWindowId = str(t.reasonFrom);
  const from = hall.windows.find((w) => w.id === fromWindowId);
  const service = hall.services.find((s) => s.id === t.serviceId);
  const greenInRow = num(t.reasonGreenInRow);
  const appointmentInRow = num(t.reasonApptInRow);
  const note = str(t.reasonNote);
  const reason: CallReason = {
    code,
    text: reasonText(
      {
        code,
        maxGreenInRow: hall.rules.maxGreenInRow,
        maxAppointmentInRow: hall.rules.maxAppointmentInRow,
        serviceName: (lang === 'en' ? service?.nameEn : undefined) ?? service?.name ?? '',
        ...(from ? { fromWindowName: (lang === 'en' ? from.nameEn : undefined) ?? from.name } : {}),
        ...(greenInRow !== undefined ? { greenInRow } : {}),
        ...(appointmentInRow !== undefined ? { appointmentInRow } : {}),
        ...(note !== undefined ? { note } : {}),
      },
      lang,
    ),
  };
  if (fromWindowId) reason.fromWindowId = fromWindowId;
  if (greenInRow !== undefined) reason.greenInRow = greenInRow;
  if (appointmentInRow !== undefined) reason.appointmentInRow = appointmentInRow;
  if (note) reason.note = note;
  return reason;
}

/**
 * The snapshot as an anonymous caller gets it: numbers, not ticket ids. Ids prove
 * nothing (the phone link's key does), but what no anonymous client needs is not shown.
 */
export function withoutTicketIds(snapshot: HallSnapshot): HallSnapshot {
  return {
    ...snapshot,
    windows: snapshot.windows.map((w) => {
      const { currentTicketId: _id, awaitingRating, ...rest } = w;
      return awaitingRating
        ? { ...rest, awaitingRating: { deadline: awaitingRating.deadline } }
        : rest;
    }),
  };
}
