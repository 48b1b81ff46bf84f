/**
 * The print agent on the kiosk PC: connects to the server's socket.io namespace /printers
 * with its device token, takes its printer's jobs one at a time, and reports the printer's
 * state before and after each job and while a problem lasts.
 *
 * Paper only once: just before the bytes go out the agent claims the job at the server,
 * which says "go" only to the first delivery that got that far. A job delivered again
 * after the agent or the server died mid-job is answered "already printed".
 */
import {
  PrintJobData,
  type ClaimResult,
  type PrinterAgentToServerEvents,
  type PrinterServerToAgentEvents,
  type PrinterStatusReport,
  type PrintJobResult,
} from '@hall/protocol';
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { PaperWidth } from './job.js';
import { PrintJob } from './job.js';
import { layoutJob } from './layout/index.js';
import type { Printer, PrinterCheck } from './printer.js';

export interface AgentOptions {
  serverUrl: string;
  token: string;
  paperWidth: PaperWidth;
  printer: Printer;
  /** How often the printer is asked while it has a problem or sits idle. Default 2000 ms. */
  statusIntervalMs?: number;
  /** Longest wait between reconnection attempts to the server. Default 5000 ms. */
  reconnectMaxMs?: number;
  logger?: Logger;
}

type AgentSocket = Socket<PrinterServerToAgentEvents, PrinterAgentToServerEvents>;

/** The server could not be asked; nothing went to the printer. */
class ServerUnreachable extends Error {
  override name = 'ServerUnreachable';
}

export class PrintAgent {
  private socket: AgentSocket | null = null;
  private busy = false;
  private timer: NodeJS.Timeout | null = null;
  private last: PrinterCheck | null = null;
  private stopped = false;

  constructor(private readonly options: AgentOptions) {}

  /** Connects and keeps connecting; returns at once. */
  start(): void {
    const { serverUrl, token } = this.options;
    const socket: AgentSocket = io(`${serverUrl.replace(/\/+$/, '')}/printers`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: this.options.reconnectMaxMs ?? 5000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.options.logger?.info('connected to the server');
      void this.poll(true);
    });
    socket.on('disconnect', (reason) => {
      this.options.logger?.warn({ reason }, 'server gone');
      // a server that shuts down says goodbye; socket.io would then stay away for good
      if (reason === 'io server disconnect' && !this.stopped) {
        setTimeout(() => {
          if (!this.stopped) socket.connect();
        }, 500);
      }
    });
    socket.on('connect_error', (err) =>
      this.options.logger?.warn({ err: err.message }, 'cannot reach the server'),
    );
    socket.on('print:job', (data, ack) => {
      void this.handle(data).then(
        (result) => ack(result),
        (err: unknown) => ack({ outcome: 'failed', message: String(err).slice(0, 500) }),
      );
    });
    this.timer = setInterval(() => void this.poll(false), this.options.statusIntervalMs ?? 2000);
  }

  /** Resolves once connected to the server. */
  connected(): Promise<void> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error('not started'));
    if (socket.connected) return Promise.resolve();
    return new Promise((resolve) => socket.once('connect', () => resolve()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.socket?.disconnect();
    this.socket = null;
    // let a job in progress finish writing to the printer
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  private report(check: PrinterCheck, force = false): void {
    const prev = this.last;
    this.last = check;
    const changed =
      !prev ||
      prev.ready !== check.ready ||
      prev.problem !== check.problem ||
      prev.paperNearEnd !== check.paperNearEnd;
    if (changed) this.options.logger?.info({ state: check.text }, 'printer state');
    if (!changed && !force) return;
    const report: PrinterStatusReport = {
      ready: check.ready,
      paperNearEnd: check.paperNearEnd,
      ...(check.problem ? { problem: check.problem } : {}),
    };
    this.socket?.emit('printer:status', report);
  }

  /** Asks the printer between jobs; reports every change, and everything on (re)connect. */
  private async poll(force: boolean): Promise<void> {
    if (this.busy || this.stopped || !this.socket?.connected) return;
    this.busy = true;
    try {
      const check = await this.options.printer.check();
      // while a problem lasts the server waits for "ready": say it every time
      this.report(check, force || !check.ready);
    } finally {
      this.busy = false;
    }
  }

  private claim(jobId: string): Promise<ClaimResult> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new ServerUnreachable('not connected'));
    return socket
      .timeout(10_000)
      .emitWithAck('print:claim', { jobId })
      .catch((err: unknown) => {
        throw new ServerUnreachable(String(err));
      });
  }

  /** One job: check, claim, print, check again. */
  private async handle(raw: unknown): Promise<PrintJobResult> {
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
    this.busy = true;
    try {
      const data = PrintJobData.safeParse(raw);
      if (!data.success) return { outcome: 'failed', message: data.error.message.slice(0, 500) };
      const job = PrintJob.parse({ ...data.data, paperWidth: this.options.paperWidth });
      const bytes = layoutJob(job);
      const printer = this.options.printer;
      return await printer
        .with(async (transport): Promise<PrintJobResult> => {
          const before = await printer.check(transport);
          this.report(before);
          if (!before.ready) return { outcome: 'problem', problem: before.problem ?? 'offline' };
          const claim = await this.claim(job.jobId);
          if (!claim.go) {
            if (claim.reason === 'already_sent') return { outcome: 'already_printed' };
            return { outcome: 'failed', message: 'the server does not know this job' };
          }
          await transport.write(bytes);
          this.options.logger?.info({ jobId: job.jobId, kind: job.kind }, 'printed');
          const after = await printer.check(transport);
          this.report(after);
          return after.problem
            ? { outcome: 'printed', after: after.problem }
            : { outcome: 'printed' };
        })
        .catch((err: unknown): PrintJobResult => {
          if (err instanceof ServerUnreachable) {
            // nothing was printed; the server sends the job again once we are back
            return { outcome: 'retry', message: err.message.slice(0, 500) };
          }
          // the printer could not be opened (switched off, unplugged): wait for it
          this.options.logger?.warn({ err: String(err) }, 'printer unreachable');
          const offline: PrinterCheck = {
            ready: false,
            problem: 'offline',
            paperNearEnd: false,
            status: null,
            text: String(err),
          };
          this.report(offline);
          return { outcome: 'problem', problem: 'offline' };
        });
    } finally {
      this.busy = false;
    }
  }
}
