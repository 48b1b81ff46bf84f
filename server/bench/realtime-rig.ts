// The realtime benchmark's rig: where its processes run (pinning) and the processes of
// clients (realtime-clients.ts) it starts, asks, waits for and reads the latencies from.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HallEvent } from '@hall/protocol';

const HERE = dirname(fileURLToPath(import.meta.url));
const HALL = 'demo';
export const CPUS = availableParallelism();
/**
 * On a machine of two or more CPUs the server (and the bare floor) runs alone on CPU 0 and
 * everything else (the clients, Redis, this process) on the others, as a server with screens
 * on machines of their own would (docs/decisions/071-…); PIN=0 lets the scheduler place them.
 */
export const PIN = process.env.PIN !== '0' && CPUS >= 2 && hasTaskset();
export const SERVER_CPUS = '0';
/** DETAIL=1: every call's first, median and last client. */
const DETAIL = process.env.DETAIL === '1';
export const CLIENT_CPUS = `1-${CPUS - 1}`;
/** Clients per process: by default one process per CPU left to the clients. */
const perProcess = (count: number) =>
  Number(process.env.PER_PROCESS ?? Math.ceil(count / Math.max(1, PIN ? CPUS - 1 : 2)));

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins a process, all its threads, to the given CPUs (when pinning). */
export function pin(pid: number | undefined, cpus: string): void {
  if (PIN && pid)
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
export const ms = (x: number) => `${x.toFixed(1)} ms`;

export interface ClientProcess {
  child: ChildProcess;
  count: number;
}

/** Starts `count` clients spread over processes of at most `perProcess(count)` each. */
export async function startClients(url: string, count: number): Promise<ClientProcess[]> {
  const procs: ClientProcess[] = [];
  const per = perProcess(count);
  for (let left = count; left > 0; left -= per) {
    const n = Math.min(per, left);
    const child = fork(join(HERE, 'realtime-clients.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    pin(child.pid, CLIENT_CPUS);
    procs.push({ child, count: n });
  }
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          p.child.on('message', function ready(m: { ready?: true }) {
            if (!m.ready) return;
            p.child.off('message', ready);
            resolve();
          });
          p.child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
          p.child.send({ start: { url, hallId: HALL, count: p.count, index: procs.indexOf(p) } });
        }),
    ),
  );
  return procs;
}

/** Sends every client process a message and collects each one's answer carrying `key`. */
export function askAll<T>(procs: ClientProcess[], message: unknown, key: string): Promise<T[]> {
  return Promise.all(
    procs.map(
      (p) =>
        new Promise<T>((resolve) => {
          p.child.on('message', function answer(m: Record<string, unknown>) {
            if (!(key in m)) return;
            p.child.off('message', answer);
            resolve(m[key] as T);
          });
          p.child.send(message as string);
        }),
    ),
  );
}

/**
 * Resolves when every process says all its clients hold the event (`ticket.called:<id>`,
 * `ticket.finished:<id>`), or after `ms` anyway.
 */
export function allHold(procs: ClientProcess[], what: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let left = procs.length;
    const listeners = procs.map((p) => {
      const l = (m: { all?: string }) => {
        if (m.all !== what) return;
        p.child.off('message', l);
        if (--left === 0) done();
      };
      p.child.on('message', l);
      return l;
    });
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      procs.forEach((p, i) => p.child.off('message', listeners[i]!));
      resolve();
    }
  });
}

export interface Report {
  arrivals: Record<string, number[]>;
  /** Frames received from the mark to the end of the measured calls. */
  frames: number;
  /** CPU time from the mark to the end of the measured calls, µs. */
  cpu: number;
  /** The first event of each type the clients saw. */
  samples: Record<string, HallEvent>;
}

/** Call→client latency over all deliveries, and the sockets that missed a call. */
export function latencyLine(
  sentAt: Map<string, number>,
  arrivals: Map<string, number[]>,
  count: number,
): { line: string; deliveries: number } {
  const latencies: number[] = [];
  const firsts: number[] = [];
  const lasts: number[] = [];
  let missing = 0;
  for (const [ticketId, sent] of sentAt) {
    const times = (arrivals.get(ticketId) ?? []).map((t) => t - sent);
    missing += count - times.length;
    if (times.length === 0) continue;
    latencies.push(...times);
    if (DETAIL) {
      const sorted = [...times].sort((a, b) => a - b);
      console.log(
        `    call ${ticketId}: first ${ms(sorted[0]!)} | p50 ${ms(percentile(sorted, 50))} | last ${ms(sorted.at(-1)!)}`,
      );
    }
    firsts.push(Math.min(...times));
    lasts.push(Math.max(...times));
  }
  for (const list of [latencies, firsts, lasts]) list.sort((a, b) => a - b);
  const line = [
    `missing ${missing}`,
    `call→client p50 ${ms(percentile(latencies, 50))}`,
    `p99 ${ms(percentile(latencies, 99))}`,
    `max ${ms(latencies.at(-1) ?? NaN)}`,
    `first client p50 ${ms(percentile(firsts, 50))}`,
    `last client p50 ${ms(percentile(lasts, 50))}`,
    `slowest calls' last client ${lasts
      .slice(-3)
      .reverse()
      .map((x) => x.toFixed(1))
      .join(', ')} ms`,
  ].join(' | ');
  return { line, deliveries: latencies.length };
}

/** Collects the client processes' reports: arrivals merged, frames and CPU summed. */
export async function reportOf(procs: ClientProcess[]) {
  const reports = await askAll<Report>(procs, { report: true }, 'report');
  const arrivals = new Map<string, number[]>();
  for (const r of reports)
    for (const [id, times] of Object.entries(r.arrivals))
      arrivals.set(id, [...(arrivals.get(id) ?? []), ...times]);
  const frames = reports.reduce((sum, r) => sum + r.frames, 0);
  const clientCpu = reports.reduce((sum, r) => sum + r.cpu, 0);
  const samples = Object.assign({}, ...reports.map((r) => r.samples)) as Report['samples'];
  return { arrivals, frames, clientCpu, samples };
}

export async function closeClients(procs: ClientProcess[]): Promise<void> {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          p.child.once('exit', () => resolve());
          p.child.send({ close: true });
        }),
    ),
  );
}
