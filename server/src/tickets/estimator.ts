import type { HallConfig, ServiceConfig } from '../config/hall-config.js';
import { estimateWaitMinutes, serversFor } from '../domain/estimate.js';
import type { LaneName } from '../store/keys.js';

/** Minutes a ticket of a service waits with `ahead` tickets before it (null: no open window). */
export type Estimate = (serviceId: string, ahead: number) => number | null;

/** What an estimate needs, read at one instant (read-hall.lua or issue-ticket.lua). */
export interface EstimateInputs {
  /** Each window's status ('open', 'brief_pause', 'closed' …). */
  windowStatus: (windowId: string) => string | undefined;
  /** Tickets waiting per service, all lanes. */
  waiting: (serviceId: string) => number;
  /** The learned mean per service as Redis holds it ('' or missing: not learned yet). */
  learnedMeanMs: (serviceId: string) => string | null | undefined;
}

/** A service's mean window time: the learned one, else the hall file's average. */
export function meanServiceMs(service: ServiceConfig, learned: string | null | undefined): number {
  const v = Number(learned ?? 0);
  return v > 0 ? v : service.averageServiceMinutes * 60_000;
}

/**
 * Estimates from the windows open now, the work waiting at each service and each
 * service's learned mean (docs/wait-estimate.md). Pure: the caller reads the inputs.
 */
export function estimator(config: HallConfig, inputs: EstimateInputs): Estimate {
  const windows = config.windows.map((w) => {
    const status = inputs.windowStatus(w.id);
    return {
      services: w.services,
      mode: w.mode,
      open: status === 'open' || status === 'brief_pause',
    };
  });
  const waiting = new Map(config.services.map((s) => [s.id, inputs.waiting(s.id)]));
  const meanMs = new Map(
    config.services.map((s) => [s.id, meanServiceMs(s, inputs.learnedMeanMs(s.id))]),
  );
  return (serviceId, ahead) =>
    estimateWaitMinutes({
      ahead,
      meanServiceMs: meanMs.get(serviceId) ?? 8 * 60_000,
      servers: serversFor(serviceId, windows, { waiting, meanMs }),
    });
}

/** Everyone waiting in a service's lanes (read-hall's sizes); 0 for an unknown service. */
export function laneTotal(l: Record<LaneName, number> | undefined): number {
  return l ? l.front + l.appointment + l.green + l.normal : 0;
}
