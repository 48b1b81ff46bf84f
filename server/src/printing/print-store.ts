import type { PrinterProblem, PrinterState, PrintStatus } from '@hall/protocol';
import type { Redis } from 'ioredis';
import { toHallIso } from '../domain/business-day.js';
import { hallKeys } from '../store/keys.js';
import { loadScripts, type RunScript } from '../store/scripts.js';
import { check } from '../store/reply.js';

export interface QueuedPrint {
  duplicate: boolean;
  status: PrintStatus;
  problem?: PrinterProblem;
}

/** A job the agent path should send next (print-next.lua). */
export interface NextPrint {
  jobId: string;
  kind: 'ticket' | 'notice';
  ticketId: string;
  /** The job's text as queued (JSON; '' for a ticket, whose receipt is built when it prints). */
  data: string;
  /** Sent before: the agent's claim decides whether it is already on paper. */
  sent: boolean;
}

export interface PrinterReport {
  connected: boolean;
  ready: boolean;
  problem?: PrinterProblem | undefined;
  paperNearEnd: boolean;
}

/**
 * Print state in Redis, next to the hall's state and under its hash tag: each change is one
 * script that also appends its print.updated / printer.status event.
 */
export class PrintStore {
  private readonly run: RunScript;
  constructor(readonly redis: Redis) {
    this.run = loadScripts(redis);
  }

  async queue(
    hallId: string,
    p: {
      jobId: string;
      ticketId: string;
      kind: 'ticket' | 'notice';
      printerId: string;
      now: number;
      notice?: { windowId: string; missingMaterials: string[] };
      /** What the agent prints, kept with the job until it prints. */
      data: unknown;
      /** Jobs of this printer queued before this (ms) are expired. */
      staleBefore: number;
    },
  ): Promise<QueuedPrint> {
    const k = hallKeys(hallId);
    const r = check(
      await this.run(
        'print-queue',
        [k.events, k.printJob(p.jobId), k.printer(p.printerId), k.printerJobs(p.printerId)],
        [
          k.prefix,
          p.jobId,
          p.ticketId,
          p.kind,
          p.printerId,
          p.now,
          p.notice?.windowId ?? '',
          JSON.stringify(p.notice?.missingMaterials ?? []),
          JSON.stringify(p.data),
          p.staleBefore,
        ],
      ),
    );
    const problem = typeof r[3] === 'string' ? r[3] : '';
    return {
      duplicate: r[0] === 'DUP',
      status: String(r[2]) as PrintStatus,
      ...(problem ? { problem: problem as PrinterProblem } : {}),
    };
  }

  /** 'go' only for the first delivery of a job that reaches the printer. */
  async claim(
    hallId: string,
    printerId: string,
    jobId: string,
    now: number,
  ): Promise<'go' | 'already'> {
    const r = check(await this.progress(hallId, printerId, jobId, 'claim', '', now));
    return r[0] === 'GO' ? 'go' : 'already';
  }

  async printed(hallId: string, printerId: string, jobId: string, now: number): Promise<void> {
    check(await this.progress(hallId, printerId, jobId, 'printed', '', now));
  }

  async problem(
    hallId: string,
    printerId: string,
    jobId: string,
    problem: PrinterProblem,
    now: number,
  ): Promise<void> {
    check(await this.progress(hallId, printerId, jobId, 'problem', problem, now));
  }

  /** The printer refused the job for good: it leaves the printer's queue. */
  async failed(hallId: string, printerId: string, jobId: string, now: number): Promise<void> {
    check(await this.progress(hallId, printerId, jobId, 'failed', 'error', now));
  }

  /**
   * The next job for a printer's agent, oldest first, after marking the stale ones expired
   * or skipped (print-next.lua); null when none is left.
   */
  async next(
    hallId: string,
    printerId: string,
    now: number,
    staleBefore: number,
  ): Promise<NextPrint | null> {
    const k = hallKeys(hallId);
    for (;;) {
      const r = check(
        await this.run(
          'print-next',
          [k.events, k.printerJobs(printerId)],
          [k.prefix, printerId, now, staleBefore],
        ),
      );
      if (r[0] === 'MORE') continue;
      if (r[0] !== 'JOB') return null;
      return {
        jobId: String(r[1]),
        kind: r[2] === 'notice' ? 'notice' : 'ticket',
        ticketId: String(r[3]),
        data: typeof r[4] === 'string' ? r[4] : '',
        sent: r[5] === '1',
      };
    }
  }

  private progress(
    hallId: string,
    printerId: string,
    jobId: string,
    action: 'claim' | 'printed' | 'problem' | 'failed',
    problem: string,
    now: number,
  ): Promise<unknown> {
    const k = hallKeys(hallId);
    return this.run(
      'print-progress',
      [k.events, k.printJob(jobId), k.printerJobs(printerId)],
      [k.prefix, jobId, printerId, action, problem, now],
    );
  }

  /** Records the printer's state; false when nothing changed. */
  async report(
    hallId: string,
    printerId: string,
    report: PrinterReport,
    now: number,
    staleBefore: number,
  ): Promise<boolean> {
    const k = hallKeys(hallId);
    const r = check(
      await this.run(
        'printer-status',
        [k.events, k.printer(printerId), k.printerJobs(printerId)],
        [
          k.prefix,
          printerId,
          report.connected ? '1' : '0',
          report.ready ? '1' : '0',
          report.problem ?? '',
          report.paperNearEnd ? '1' : '0',
          now,
          staleBefore,
        ],
      ),
    );
    return r[0] === 'OK';
  }

  async printerState(hallId: string, printerId: string, timeZone: string): Promise<PrinterState> {
    const k = hallKeys(hallId);
    const [h, pending] = await Promise.all([
      this.redis.hgetall(k.printer(printerId)),
      this.redis.zcard(k.printerJobs(printerId)),
    ]);
    const connected = h.connected === '1';
    const ready = connected && h.ready === '1';
    let problem: PrinterProblem | undefined;
    if (!connected) problem = 'agent_offline';
    else if (!ready) problem = (h.problem || 'offline') as PrinterProblem;
    const state: PrinterState = {
      printerId,
      connected,
      ready,
      paperNearEnd: h.nearEnd === '1',
      pending,
    };
    if (problem) state.problem = problem;
    if (h.updatedAt) state.updatedAt = toHallIso(Number(h.updatedAt), timeZone);
    return state;
  }

  async jobStatus(hallId: string, jobId: string): Promise<Record<string, string>> {
    return this.redis.hgetall(hallKeys(hallId).printJob(jobId));
  }
}
