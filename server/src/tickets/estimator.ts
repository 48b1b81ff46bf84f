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

/**
 * What the wait estimate of a ticket of one service reads, worked out from the configuration:
 * the windows serving the service and the services each of them shares its work with
 * (`serversFor`). issue-ticket.lua reads only these, and the shared work only of open windows.
 */
export interface EstimatePlan {
  serviceId: string;
  /** The windows serving the service, as `serversFor` takes them. */
  windows: { services: string[]; mode: 'ordered' | 'oldest' }[];
  /** The service itself first, then the others a shared window weighs (the hall's own only). */
  services: { id: string; config: ServiceConfig | undefined }[];
  /** The plan as issue-ticket.lua takes it (its ARGV from 22 on). */
  args: string[];
}

/** What issue-ticket.lua read for a plan, in the plan's order. */
export interface PlannedReads {
  /** Each planned window's status. */
  statuses: string[];
  /** Each planned service's learned mean ('' not learned, or not read). */
  means: string[];
  /** Each planned service's tickets waiting, all lanes (-1: not read, no open window shares it). */
  waiting: number[];
}

/**
 * Plans by configuration: each version of a hall's configuration is a new object
 * (hall-admin/live-config.ts), so a version is planned once per service, on first use.
 */
const plansByConfig = new WeakMap<HallConfig, Map<string, EstimatePlan>>();

/** The estimate plan of a service under a configuration (worked out once per version). */
export function estimatePlan(config: HallConfig, serviceId: string): EstimatePlan {
  let plans = plansByConfig.get(config);
  if (!plans) {
    plans = new Map();
    plansByConfig.set(config, plans);
  }
  let plan = plans.get(serviceId);
  if (!plan) {
    plan = makePlan(config, serviceId);
    plans.set(serviceId, plan);
  }
  return plan;
}

function makePlan(config: HallConfig, serviceId: string): EstimatePlan {
  const byId = new Map(config.services.map((s) => [s.id, s]));
  const services: EstimatePlan['services'] = [{ id: serviceId, config: byId.get(serviceId) }];
  const index = (id: string): number => {
    const at = services.findIndex((s) => s.id === id);
    if (at >= 0) return at + 1;
    services.push({ id, config: byId.get(id) });
    return services.length;
  };
  const windows: EstimatePlan['windows'] = [];
  const windowArgs: string[] = [];
  for (const w of config.windows) {
    const at = w.services.indexOf(serviceId);
    if (at < 0) continue;
    windows.push({ services: w.services, mode: w.mode });
    // a window of one service counts fully whatever waits; a shared one weighs the work of the
    // services it takes before this one (ordered) or beside it (oldest), as serversFor does;
    // a service the hall does not list weighs what the full read gives it (nothing read)
    const shared =
      w.services.length === 1
        ? []
        : (w.mode === 'oldest' ? w.services : w.services.slice(0, at + 1)).filter((s) =>
            byId.has(s),
          );
    windowArgs.push(w.id, String(shared.length), ...shared.map((s) => String(index(s))));
  }
  return {
    serviceId,
    windows,
    services,
    args: [
      String(services.length),
      String(windows.length),
      ...services.map((s) => s.id),
      ...windowArgs,
    ],
  };
}

/**
 * The estimate for the plan's service from what issue-ticket.lua read: the same figure
 * `estimator` gives from a read of the whole hall (the windows and services left out do not
 * change it). Only the plan's service is estimated; any other gets null.
 */
export function plannedEstimate(plan: EstimatePlan, read: PlannedReads): Estimate {
  const waiting = new Map<string, number>();
  const meanMs = new Map<string, number>();
  plan.services.forEach((s, i) => {
    if (!s.config) return;
    meanMs.set(s.id, meanServiceMs(s.config, read.means[i]));
    const n = read.waiting[i] ?? -1;
    if (n >= 0) waiting.set(s.id, n);
  });
  const windows = plan.windows.map((w, i) => {
    const status = read.statuses[i];
    return { ...w, open: status === 'open' || status === 'brief_pause' };
  });
  const servers = serversFor(plan.serviceId, windows, { waiting, meanMs });
  const mean = meanMs.get(plan.serviceId) ?? 8 * 60_000;
  return (serviceId, ahead) =>
    serviceId === plan.serviceId
      ? estimateWaitMinutes({ ahead, meanServiceMs: mean, servers })
      : null;
}
