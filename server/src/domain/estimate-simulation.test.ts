// A simulated day in the demo hall: random arrivals and service times at six windows, each ticket's
// estimated wait at issue compared with the wait it really had. Prints the mean absolute error.
import { describe, expect, it } from 'vitest';
import { estimateWaitMinutes, serversFor, updateMean } from './estimate.js';

/** Deterministic PRNG (mulberry32) so a run can be repeated. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Service {
  id: string;
  configuredMin: number;
  trueMin: number;
  perHour: number;
}

const SERVICES: Service[] = [
  { id: 'labor', configuredMin: 8, trueMin: 11, perHour: 11 },
  { id: 'civil', configuredMin: 12, trueMin: 9, perHour: 5 },
  { id: 'family', configuredMin: 10, trueMin: 13, perHour: 3.5 },
  { id: 'finance', configuredMin: 6, trueMin: 5, perHour: 4 },
  { id: 'construction', configuredMin: 15, trueMin: 18, perHour: 1.5 },
  { id: 'party', configuredMin: 7, trueMin: 6, perHour: 2 },
];
const WINDOWS = [
  ['labor'],
  ['labor'],
  ['civil'],
  ['family'],
  ['finance', 'construction'],
  ['party', 'labor', 'civil', 'family', 'finance', 'construction'],
];

interface Ticket {
  service: string;
  issuedAt: number;
  estimate: number | null;
  naive: number;
  calledAt?: number;
}

/** One day: 8 hours of arrivals, served until the queue is empty. Returns every ticket. */
function simulateDay(seed: number, means: Map<string, number>): Ticket[] {
  const random = rng(seed);
  const exp = (ratePerMin: number) => -Math.log(1 - random()) / ratePerMin;
  // service times: log-normal around the true mean, spread ~50%
  const serviceTime = (mean: number) => {
    const sigma = 0.5;
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return mean * Math.exp(sigma * z - (sigma * sigma) / 2);
  };
  const arrivals: { at: number; service: Service }[] = [];
  for (const s of SERVICES) {
    for (let t = exp(s.perHour / 60); t < 480; t += exp(s.perHour / 60))
      arrivals.push({ at: t, service: s });
  }
  arrivals.sort((a, b) => a.at - b.at);

  const queues = new Map<string, Ticket[]>(SERVICES.map((s) => [s.id, []]));
  const freeAt = WINDOWS.map(() => 0);
  const tickets: Ticket[] = [];
  const open = WINDOWS.map((services, i) => ({
    services,
    open: true,
    mode: i === 4 ? ('oldest' as const) : ('ordered' as const),
  }));
  let next = 0;
  // event loop in minutes: at each step, either the next arrival or the next window to free up
  for (;;) {
    const arrival = arrivals[next];
    const w = freeAt.indexOf(Math.min(...freeAt));
    const windowTime = freeAt[w]!;
    const anyWaiting = [...queues.values()].some((q) => q.length > 0);
    if (arrival && (arrival.at <= windowTime || !anyWaiting)) {
      next++;
      const q = queues.get(arrival.service.id)!;
      const meanMs = means.get(arrival.service.id)!;
      tickets.push({
        service: arrival.service.id,
        issuedAt: arrival.at,
        estimate: estimateWaitMinutes({
          ahead: q.length,
          meanServiceMs: meanMs,
          servers: serversFor(arrival.service.id, open, {
            waiting: new Map([...queues].map(([id, list]) => [id, list.length])),
            meanMs: means,
          }),
        }),
        // the usual "people ahead × configured minutes" of a single queue
        naive: q.length * arrival.service.configuredMin,
      });
      q.push(tickets[tickets.length - 1]!);
      continue;
    }
    if (!anyWaiting && !arrival) break;
    // window w takes the next ticket as the demo hall's windows do: window 5 the oldest across
    // its services, the others their services in the configured order
    let best: Ticket[] | null = null;
    for (const sid of WINDOWS[w]!) {
      const q = queues.get(sid)!;
      if (!q.length) continue;
      if (!best) best = q;
      else if (w === 4 && q[0]!.issuedAt < best[0]!.issuedAt) best = q;
    }
    if (!best) {
      // nothing this window serves: it idles until the next arrival
      freeAt[w] = arrival ? Math.max(windowTime, arrival.at) : Infinity;
      if (freeAt.every((f) => f === Infinity)) break;
      continue;
    }
    const t = best.shift()!;
    t.calledAt = Math.max(windowTime, t.issuedAt);
    const service = SERVICES.find((s) => s.id === t.service)!;
    const took = serviceTime(service.trueMin);
    freeAt[w] = t.calledAt + took;
    means.set(t.service, updateMean(means.get(t.service)!, took * 60_000));
  }
  return tickets;
}

describe('wait estimate on a simulated day', () => {
  it('is closer to the real waits than "people ahead × average minutes"', () => {
    const means = new Map(SERVICES.map((s) => [s.id, s.configuredMin * 60_000]));
    const rows: string[] = [];
    let ours = 0;
    let naive = 0;
    let n = 0;
    for (let day = 1; day <= 5; day++) {
      const tickets = simulateDay(day * 7919, means);
      let dayOurs = 0;
      let dayNaive = 0;
      const bias = new Map<string, [number, number, number, number]>();
      for (const t of tickets) {
        const real = t.calledAt! - t.issuedAt;
        const b = bias.get(t.service) ?? [0, 0, 0, 0];
        bias.set(t.service, [b[0] + real, b[1] + (t.estimate ?? 0), b[2] + t.naive, b[3] + 1]);
        dayOurs += Math.abs((t.estimate ?? 0) - real);
        dayNaive += Math.abs(t.naive - real);
      }
      if (process.env.DEBUG_ESTIMATE)
        for (const [k, b] of bias)
          rows.push(
            `${k}: real ${(b[0] / b[3]).toFixed(1)} ours ${(b[1] / b[3]).toFixed(1)} naive ${(b[2] / b[3]).toFixed(1)}`,
          );
      rows.push(
        `day ${day}: ${tickets.length} tickets, MAE ${(dayOurs / tickets.length).toFixed(1)} min (naive ${(dayNaive / tickets.length).toFixed(1)} min)`,
      );
      ours += dayOurs;
      naive += dayNaive;
      n += tickets.length;
      expect(tickets.every((t) => t.calledAt !== undefined)).toBe(true);
    }
    const mae = ours / n;
    const naiveMae = naive / n;
    console.log(
      `wait estimate, 5 simulated days, 6 windows:\n  ${rows.join('\n  ')}\n  overall MAE ${mae.toFixed(1)} min vs naive ${naiveMae.toFixed(1)} min over ${n} tickets`,
    );
    expect(mae).toBeLessThan(naiveMae);
    // the learned means moved toward the true service times
    expect(Math.abs(means.get('labor')! / 60_000 - 11)).toBeLessThan(2.5);
  });
});
