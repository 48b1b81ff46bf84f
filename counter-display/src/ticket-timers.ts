import type { LimitPair, LimitsView } from '@hall/protocol';

/** The limits of one service's tickets (its own, else the hall's). */
export function limitsOf(
  limits: LimitsView | undefined,
  serviceId: string,
): { waitMinutes: LimitPair; callMinutes: LimitPair; serviceMinutes: LimitPair } | null {
  if (!limits) return null;
  return (
    limits.services.find((s) => s.serviceId === serviceId) ?? {
      waitMinutes: limits.hall.waitMinutes,
      callMinutes: limits.hall.callMinutes,
      serviceMinutes: limits.hall.serviceMinutes,
    }
  );
}
