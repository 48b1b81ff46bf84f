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

/**
 * Minutes, rounded; null when no open window serves the service (no honest figure).
 * With anyone ahead it is at least 1: "no wait" is only ever said to the next in line.
 */
export function estimateWaitMinutes({
  ahead,
  meanServiceMs,
  servers,
}: EstimateInput): number | null {
  if (servers <= 0) return null;
  const minutes = Math.round(((ahead + 0.5) * meanServiceMs) / servers / 60_000);
  return Math.max(ahead > 0 ? 1 : 0, minutes);
}

/**
 * Finished tickets a service needs before its learned mean replaces the configured average
 * (`averageServiceMinutes`): finish.lua publishes the mean as `estMs` from then on. One quick
 * first service (a resident who only asked a question) would otherwise tell everyone behind
 * them there is no wait.
 */
export const MIN_MEAN_SAMPLES = 5;

/**
 * Open windows serving a service. A window of one service counts fully. A window
 * that serves several (一窗多能) counts for the share of its queued work that
 * belongs to this service, work being (waiting + 1) × mean service time; a window
 * that takes its services in order (mode 'ordered') only counts the work of this
 * service and those before it, since it serves those first. Without queue
 * figures a shared window counts 1/k for each of its k services.
 */
export function serversFor(
  serviceId: string,
  windows: { services: string[]; open: boolean; mode?: 'ordered' | 'oldest' }[],
  queued?: { waiting: Map<string, number>; meanMs: Map<string, number> },
): number {
  const work = (s: string) => ((queued?.waiting.get(s) ?? 0) + 1) * (queued?.meanMs.get(s) ?? 1);
  return windows.reduce((sum, w) => {
    const at = w.services.indexOf(serviceId);
    if (!w.open || at < 0) return sum;
    if (w.services.length === 1) return sum + 1;
    if (!queued) return sum + 1 / w.services.length;
    const competing = w.mode === 'oldest' ? w.services : w.services.slice(0, at + 1);
    const total = competing.reduce((a, s) => a + work(s), 0);
    return sum + work(serviceId) / total;
  }, 0);
}

/** Exponentially weighted mean of service times: recent days count more. */
export function updateMean(previousMs: number, sampleMs: number, alpha = 0.2): number {
  return previousMs + alpha * (sampleMs - previousMs);
}
