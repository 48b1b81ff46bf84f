import { randomBytes } from 'node:crypto';
import {
  PrinterStatusReport,
  PrintJobResult,
  type ClaimResult,
  type NoticePrintData,
  type PrintJobData,
  type PrinterAgentToServerEvents,
  type PrinterServerToAgentEvents,
  type PrinterState,
  type PrintState,
  type Ticket,
  type TicketPrintData,
} from '@hall/protocol';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Namespace, Server, Socket } from 'socket.io';
import type { Authenticator } from '../auth/authenticator.js';
import type { Clock, Principal } from '../auth/principal.js';
import type { DeviceConfig, HallConfig } from '../config/hall-config.js';
import { ApiError } from '../errors.js';
import type { HallService, TicketPrinting } from '../halls/hall-service.js';
import { hallKeys } from '../store/keys.js';
import type { PrintStore } from './print-store.js';
import { ticketMarks } from './ticket-marks.js';

/** BullMQ queue of one printer; queue names may not contain ':' and slugs never contain '.'. */
export function printQueueName(hallId: string, printerId: string): string {
  return `print.${hallId}.${printerId}`;
}

/** The printer a kiosk's tickets go to: its own, else the hall's first printer. */
export function printerForDevice(hall: HallConfig, device: DeviceConfig): string | null {
  return device.printer ?? hall.devices.find((d) => d.kind === 'printer')?.id ?? null;
}

/** The printer of a window's one-time notices: its own, else the hall's first printer. */
export function printerForWindow(hall: HallConfig, windowId: string): string | null {
  const w = hall.windows.find((x) => x.id === windowId);
  return w?.printer ?? hall.devices.find((d) => d.kind === 'printer')?.id ?? null;
}

type AgentSocket = Socket<PrinterAgentToServerEvents, PrinterServerToAgentEvents>;

class AgentGone extends Error {
  override name = 'AgentGone';
}

/** How long the agent may take over one job before it is sent again (the claim keeps paper once). */
const JOB_ACK_TIMEOUT_MS = 60_000;

/** One connected printer agent on this node and the BullMQ worker that feeds it. */
class AgentSession {
  ready = false;
  closed = false;
  worker: Worker<PrintJobData> | null = null;
  private readyWaiters: { resolve: () => void; reject: (err: Error) => void }[] = [];

  constructor(
    readonly hall: HallService,
    readonly printerId: string,
    readonly socket: AgentSocket,
  ) {}

  setReady(ready: boolean): void {
    this.ready = ready;
    if (!ready) return;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w.resolve();
  }

  /**
   * Resolves when the agent reports its printer ready, or after `timeoutMs` anyway (the agent
   * checks the printer again before it prints, so asking once more is harmless); rejects when
   * the agent leaves.
   */
  waitReady(timeoutMs = 30_000): Promise<void> {
    if (this.closed) return Promise.reject(new AgentGone());
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs);
      const waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (err: Error) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.readyWaiters.push(waiter);
    });
  }

  close(): void {
    this.closed = true;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w.reject(new AgentGone());
  }

  /** Sends one job and waits for the agent's answer. */
  send(data: PrintJobData): Promise<PrintJobResult> {
    if (this.closed || this.socket.disconnected) return Promise.reject(new AgentGone());
    return new Promise((resolve, reject) => {
      const onDisconnect = () => reject(new AgentGone());
      this.socket.once('disconnect', onDisconnect);
      this.socket.timeout(JOB_ACK_TIMEOUT_MS).emit('print:job', data, (err, result) => {
        this.socket.off('disconnect', onDisconnect);
        if (err) {
          reject(err);
          return;
        }
        const parsed = PrintJobResult.safeParse(result);
        if (parsed.success) resolve(parsed.data);
        else reject(new Error('the agent answered a job with an invalid result'));
      });
    });
  }
}

export interface PrintServiceDeps {
  halls: Map<string, HallService>;
  store: PrintStore;
  /** A connection for BullMQ (maxRetriesPerRequest: null). */
  connection: Redis;
  auth: Authenticator;
  clock: Clock;
  logger: Logger;
  /** Where residents' phones reach the server: the ticket's QR code points there. */
  publicUrl: string;
}

/**
 * Printing on the server: queues a BullMQ job per ticket or notice for the right printer,
 * and serves the printer agents on the socket.io namespace /printers. A connected agent
 * gets a worker on this node for its printer's queue, so jobs go one at a time, in order,
 * to a printer that is there; a job whose agent leaves goes back to wait.
 */
export class PrintService implements TicketPrinting {
  private readonly queues = new Map<string, Queue<PrintJobData>>();
  private readonly sessions = new Set<AgentSession>();
  /** Workers of agents that left, still finishing their job. */
  private readonly closing = new Set<Promise<void>>();
  private namespace: Namespace<PrinterAgentToServerEvents, PrinterServerToAgentEvents> | null =
    null;

  constructor(private readonly deps: PrintServiceDeps) {}

  private queue(hallId: string, printerId: string): Queue<PrintJobData> {
    const name = printQueueName(hallId, printerId);
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue<PrintJobData>(name, {
        connection: this.deps.connection,
        prefix: '{bull}',
        defaultJobOptions: {
          attempts: 50,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: 1000,
          removeOnFail: 1000,
        },
      });
      this.queues.set(name, q);
    }
    return q;
  }

  private async enqueue(
    hall: HallService,
    printerId: string,
    data: PrintJobData,
    notice?: { windowId: string; missingMaterials: string[] },
  ): Promise<PrintState> {
    const queued = await this.deps.store.queue(hall.id, {
      jobId: data.jobId,
      ticketId: data.ticketId,
      kind: data.kind,
      printerId,
      now: this.deps.clock.now(),
      ...(notice ? { notice } : {}),
    });
    if (!queued.duplicate) {
      await this.queue(hall.id, printerId).add(data.kind, data, { jobId: data.jobId });
    }
    return {
      status: queued.status,
      printerId,
      ...(queued.problem ? { problem: queued.problem } : {}),
    };
  }

  /** Called by the hall when a kiosk issued a ticket; never fails the ticket. */
  async ticketIssued(
    hall: HallService,
    principal: Principal,
    ticket: Ticket,
  ): Promise<PrintState | null> {
    if (principal.kind !== 'device' || principal.device.kind !== 'kiosk') return null;
    const printerId = printerForDevice(hall.config, principal.device);
    if (!printerId) return null;
    const config = hall.config;
    const service = config.services.find((s) => s.id === ticket.serviceId);
    const data: TicketPrintData = {
      kind: 'ticket',
      jobId: `t.${ticket.id}`,
      hallName: config.name,
      ticketId: ticket.id,
      number: ticket.number,
      serviceName: ticket.serviceName,
      windows: config.windows.filter((w) => ticket.windowIds.includes(w.id)).map((w) => w.name),
      waitingAhead: ticket.waitingAhead,
      estimatedWaitMinutes: ticket.estimatedWaitMinutes,
      issuedAt: ticket.issuedAt,
      timeZone: config.timeZone,
      materials: service?.materials ?? [],
      qrUrl: `${this.deps.publicUrl.replace(/\/+$/, '')}/kiosk/t/${encodeURIComponent(ticket.id)}`,
      notice: config.printing.ticketNotice,
      ...ticketMarks(config.printing, ticket),
    };
    try {
      return await this.enqueue(hall, printerId, data);
    } catch (err) {
      // the ticket stays valid without paper: the kiosk shows it on screen
      this.deps.logger.error({ err, ticketId: ticket.id }, 'could not queue the ticket print');
      return null;
    }
  }

  /** Prints the one-time notice (一次性告知单) of a ticket on the window's printer. */
  async printNotice(
    hall: HallService,
    principal: Principal,
    ticketId: string,
    body: { windowId: string; missingMaterials: string[]; copies?: 1 | 2 | undefined },
  ): Promise<{ jobId: string; ticketId: string; print: PrintState }> {
    if (principal.kind !== 'staff') throw new ApiError('forbidden');
    const window = hall.window(body.windowId);
    if (principal.user.role === 'clerk') {
      const w = await this.deps.store.redis.hgetall(hallKeys(hall.id).window(window.id));
      if (!w.status || w.status === 'closed') throw new ApiError('window_not_open');
      if (w.clerkId !== principal.user.id) throw new ApiError('forbidden');
    }
    if (!ticketId.startsWith(`${hall.id}.`)) throw new ApiError('ticket_not_found');
    const ticket = await hall.getTicket(ticketId, 'zh');
    const printerId = printerForWindow(hall.config, window.id);
    if (!printerId) throw new ApiError('not_found', { message: '本大厅未配置打印机' });
    const data: NoticePrintData = {
      kind: 'notice',
      jobId: `n.${ticket.id}.${randomBytes(6).toString('base64url')}`,
      hallName: hall.config.name,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      serviceName: ticket.serviceName,
      windowName: window.name,
      clerkJobNo: principal.user.jobNo,
      missingMaterials: body.missingMaterials,
      issuedAt: new Date(this.deps.clock.now()).toISOString(),
      timeZone: hall.config.timeZone,
      copies: body.copies ?? hall.config.printing.noticeCopies,
    };
    const print = await this.enqueue(hall, printerId, data, {
      windowId: window.id,
      missingMaterials: body.missingMaterials,
    });
    return { jobId: data.jobId, ticketId: ticket.id, print };
  }

  async printers(hall: HallService): Promise<PrinterState[]> {
    const ids = hall.config.devices.filter((d) => d.kind === 'printer').map((d) => d.id);
    return Promise.all(
      ids.map((id) => this.deps.store.printerState(hall.id, id, hall.config.timeZone)),
    );
  }

  // ---- printer agents -------------------------------------------------------------------------

  /** Serves printer agents on the namespace /printers of this socket.io server. */
  attach(io: Server): void {
    const nsp = io.of('/printers') as Namespace<
      PrinterAgentToServerEvents,
      PrinterServerToAgentEvents
    >;
    this.namespace = nsp;
    nsp.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown }).token;
      this.deps.auth
        .resolve(typeof token === 'string' && token ? `Bearer ${token}` : undefined)
        .then((principal) => {
          if (principal?.kind !== 'device' || principal.device.kind !== 'printer') {
            next(new Error('forbidden'));
            return;
          }
          socket.data = { principal };
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
    nsp.on('connection', (socket) => {
      const principal = (socket.data as { principal: Principal }).principal;
      if (principal.kind !== 'device') return;
      const hall = this.deps.halls.get(principal.hallId);
      if (!hall) {
        socket.disconnect(true);
        return;
      }
      this.connect(hall, principal.device.id, socket);
    });
  }

  private connect(hall: HallService, printerId: string, socket: AgentSocket): void {
    const session = new AgentSession(hall, printerId, socket);
    this.sessions.add(session);
    const log = this.deps.logger.child({ hallId: hall.id, printerId });
    const now = () => this.deps.clock.now();
    // reports are applied in order, so a late "not ready" never overwrites a newer "ready"
    let reports = Promise.resolve();
    const report = (r: PrinterStatusReport | null) => {
      reports = reports
        .then(async () => {
          const connected = r !== null || this.connectedCount(hall.id, printerId) > 0;
          await this.deps.store.report(
            hall.id,
            printerId,
            r
              ? {
                  connected: true,
                  ready: r.ready,
                  problem: r.problem,
                  paperNearEnd: r.paperNearEnd,
                }
              : { connected, ready: false, problem: undefined, paperNearEnd: false },
            now(),
          );
          if (r) session.setReady(r.ready);
        })
        .catch((err: unknown) => log.warn({ err }, 'could not record the printer status'));
      return reports;
    };

    socket.on('printer:status', (raw) => {
      const parsed = PrinterStatusReport.safeParse(raw);
      if (parsed.success) void report(parsed.data);
    });
    socket.on('print:claim', (request, ack) => {
      const reply: (r: ClaimResult) => void = typeof ack === 'function' ? ack : () => undefined;
      const jobId = typeof request?.jobId === 'string' ? request.jobId : '';
      this.deps.store.claim(hall.id, printerId, jobId, now()).then(
        (r) => reply(r === 'go' ? { go: true } : { go: false, reason: 'already_sent' }),
        () => reply({ go: false, reason: 'unknown_job' }),
      );
    });
    socket.on('disconnect', () => {
      session.close();
      this.sessions.delete(session);
      const closing = Promise.all([
        report(null),
        session.worker
          ?.close()
          .catch((err: unknown) => log.warn({ err }, 'print worker close failed')),
      ]).then(() => undefined);
      this.closing.add(closing);
      void closing.finally(() => this.closing.delete(closing));
      log.info('printer agent disconnected');
    });

    session.worker = new Worker<PrintJobData>(
      printQueueName(hall.id, printerId),
      (job, token) => this.process(session, job, token),
      { connection: this.deps.connection, prefix: '{bull}', concurrency: 1 },
    );
    session.worker.on('error', (err) => log.warn({ err: err.message }, 'print worker error'));
    log.info('printer agent connected');
  }

  private connectedCount(hallId: string, printerId: string): number {
    let n = 0;
    for (const s of this.sessions) if (s.hall.id === hallId && s.printerId === printerId) n++;
    return n;
  }

  /** Drives one job through the agent until it is printed or the agent leaves. */
  private async process(
    session: AgentSession,
    job: Job<PrintJobData>,
    token: string | undefined,
  ): Promise<string> {
    const { hall, printerId } = session;
    const data = job.data;
    const now = () => this.deps.clock.now();
    for (;;) {
      try {
        await session.waitReady();
        const result = await session.send(data);
        switch (result.outcome) {
          case 'printed':
          case 'already_printed':
            await this.deps.store.printed(hall.id, printerId, data.jobId, now());
            return result.outcome;
          case 'problem':
            session.ready = false;
            await this.deps.store.problem(hall.id, printerId, data.jobId, result.problem, now());
            continue;
          case 'retry':
            await new Promise((r) => setTimeout(r, 1000));
            continue;
          case 'failed':
            await this.deps.store.problem(hall.id, printerId, data.jobId, 'error', now());
            throw new UnrecoverableError(result.message);
        }
      } catch (err) {
        if (err instanceof AgentGone || session.closed) {
          // back to the head of the queue for the next agent; no attempt is used up
          await job.moveToWait(token);
          throw new WaitingError();
        }
        if (err instanceof UnrecoverableError) throw err;
        // no answer in time: ask again; the claim keeps it from printing twice
        this.deps.logger.warn({ err, jobId: data.jobId }, 'print job not acknowledged; resending');
      }
    }
  }

  async close(): Promise<void> {
    this.namespace?.disconnectSockets(true);
    const workers = [...this.sessions].map(async (s) => {
      s.close();
      await s.worker?.close();
    });
    this.sessions.clear();
    await Promise.all([...workers, ...this.closing]);
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
