import { z } from 'zod';

/** A pair of thresholds in minutes: a yellow card at `yellow`, a red one at `red` (限时办结). */
export const LimitPair = z
  .object({
    yellow: z.number().positive().max(1440),
    red: z.number().positive().max(1440),
  })
  .strict()
  .refine((p) => p.yellow <= p.red, { message: 'yellow must not exceed red', path: ['yellow'] })
  .meta({ id: 'LimitPair' });
export type LimitPair = z.infer<typeof LimitPair>;

/** Limits a service may set for itself; what it leaves out comes from the hall's `limits`. */
export const ServiceLimits = z
  .object({
    /** Waiting from the ticket's issue to its first call. */
    waitMinutes: LimitPair.optional(),
    /** Called, but the resident has not arrived (service not started). */
    callMinutes: LimitPair.optional(),
    /** Service from start to finish; `red` is the service's time limit for 及时办结率. */
    serviceMinutes: LimitPair.optional(),
  })
  .strict()
  .meta({ id: 'ServiceLimits' });
export type ServiceLimits = z.infer<typeof ServiceLimits>;

export const DEFAULT_TIME_LIMITS = {
  waitMinutes: { yellow: 20, red: 30 },
  callMinutes: { yellow: 2, red: 5 },
  // 即办件: done at the window within 30 minutes (seed 004)
  serviceMinutes: { yellow: 20, red: 30 },
  briefPauseMinutes: { yellow: 10, red: 15 },
  closedPauseMinutes: { yellow: 30, red: 60 },
  unstaffedQueueMinutes: 5,
  // 脱岗 over 30 minutes (seeds 003, 004)
  idlePostMinutes: 30,
} as const;

/** The hall's time limits (限时办结): one definition for the live board, the alerts and the reports. */
export const TimeLimits = z
  .object({
    waitMinutes: LimitPair.default(DEFAULT_TIME_LIMITS.waitMinutes),
    callMinutes: LimitPair.default(DEFAULT_TIME_LIMITS.callMinutes),
    serviceMinutes: LimitPair.default(DEFAULT_TIME_LIMITS.serviceMinutes),
    /** A window on brief pause (对不起，请稍候). */
    briefPauseMinutes: LimitPair.default(DEFAULT_TIME_LIMITS.briefPauseMinutes),
    /** A window closed (此窗口暂停服务) during opening hours. */
    closedPauseMinutes: LimitPair.default(DEFAULT_TIME_LIMITS.closedPauseMinutes),
    /** How long a service may have people waiting and no open window that serves it (空岗). */
    unstaffedQueueMinutes: z
      .number()
      .positive()
      .max(240)
      .default(DEFAULT_TIME_LIMITS.unstaffedQueueMinutes),
    /** An open window with no clerk action and no console use this long (脱岗). */
    idlePostMinutes: z.number().positive().max(480).default(DEFAULT_TIME_LIMITS.idlePostMinutes),
  })
  .strict()
  .meta({ id: 'TimeLimits' });
export type TimeLimits = z.infer<typeof TimeLimits>;

/** The limits that apply to one service's tickets: its own where it sets them, else the hall's. */
export function serviceTimeLimits(
  hall: TimeLimits,
  service: ServiceLimits | undefined,
): { waitMinutes: LimitPair; callMinutes: LimitPair; serviceMinutes: LimitPair } {
  return {
    waitMinutes: service?.waitMinutes ?? hall.waitMinutes,
    callMinutes: service?.callMinutes ?? hall.callMinutes,
    serviceMinutes: service?.serviceMinutes ?? hall.serviceMinutes,
  };
}

/** The level a duration has reached against a pair: none, yellow or red. */
export function limitLevel(minutes: number, pair: LimitPair): 'none' | 'yellow' | 'red' {
  if (minutes >= pair.red) return 'red';
  if (minutes >= pair.yellow) return 'yellow';
  return 'none';
}
