import { serviceTimeLimits, type LimitsView } from '@hall/protocol';
import type { HallConfig } from '../config/hall-config.js';

/** The hall's limits with each service's resolved, as the consoles read them. */
export function limitsView(hall: HallConfig): LimitsView {
  return {
    hall: hall.limits,
    services: hall.services.map((s) => ({
      serviceId: s.id,
      ...serviceTimeLimits(hall.limits, s.limits),
    })),
  };
}
