/**
 * Wait estimate for a service (docs/wait-estimate.md): the people ahead, plus
 * half a service for the one at the window, times the mean time a window spends
 * on one ticket of this service, divided by the windows serving it now (a
 * window that serves k services counts as 1/k of a window for each).
 */
export interface EstimateInput {
  /** Tickets that will be called before the new one. */
  ahead: number;
  /** Mean window time per ticket (call to finish), ms. */
  meanServiceMs: number;
  /** Open windows serving the service, each weighted 1/(services it serves). */
  servers: number;
}

/** Minutes, rounded; null when no open window serves the service (no honest figure). */
export function estimateWaitMinutes({
  ahead,
  meanServiceMs,
  servers,
}: EstimateInput): number | null {
  if (servers <= 0) return null;
  return Math.max(0, Math.round(((ahead + 0.5) * meanServiceMs) / servers / 60_000));
}

/** Open windows serving a service, each weighted 1/(number of services it serves). */
export function serversFor(
  serviceId: string,
  windows: { services: string[]; open: boolean }[],
): number {
  return windows.reduce(
    (sum, w) => (w.open && w.services.includes(serviceId) ? sum + 1 / w.services.length : sum),
    0,
  );
}

/** Exponentially weighted mean of service times: recent days count more. */
export function updateMean(previousMs: number, sampleMs: number, alpha = 0.2): number {
  return previousMs + alpha * (sampleMs - previousMs);
}
