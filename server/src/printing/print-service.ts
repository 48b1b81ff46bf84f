import { randomBytes } from 'node:crypto';
import {
  PrinterStatusReport,
  type ClaimResult,
  type NoticePrintData,
  PrintJobData,
  type PrinterAgentToServerEvents,
  type PrinterServerToAgentEvents,
  type PrinterState,
  type PrintState,
  type TicketPrintData,
} from '@hall/protocol';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Namespace, Server } from 'socket.io';
import type { Authenticator } from '../auth/authenticator.js';
import type { Clock, Principal } from '../auth/principal.js';
import type { DeviceConfig, HallConfig } from '../config/hall-config.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import { hallKeys } from '../store/keys.js';
import { AgentGone, AgentSession, type AgentSocket } from './agent-session.js';
import type { NextPrint, PrintStore } from './print-store.js';
import { ticketMarks } from './ticket-marks.js';

/** The printer a kiosk's tickets go to: its own, else the hall's first printer. */
export function printerForDevice(hall: HallConfig, device: DeviceConfig): string | null {
  return device.printer ?? hall.devices.find((d) => d.kind === 'printer')?.id ?? null;
}

/** The printer of a window's one-time notices: its own, else the hall's first printer. */
export function printerForWindow(hall: HallConfig, windowId: string): string | null {
  const w = hall.windows.find((x) => x.id === windowId);
  return w?.printer ?? hall.devices.find((d) => d.kind === 'printer')?.id ?? null;
}

export interface PrintServiceDeps {
  halls: Map<string, HallService>;
  store: PrintStore;
  /**
   * A connection of its own for Redis pub/sub: the scripts that queue a job publish on the
   * printer's jobs key, which wakes the node that serves that printer's agent.
   */
  subscriber: Redis;
  auth: Authenticator;
  clock: Clock;
  logger: Logger;
  /** Where residents' phones reach the server: the ticket's QR code points there. */
  publicUrl: string;
}

/**
 * Printing on the server. A ticket's print job is written by the issue script itself, in the
 * same atomic step as the ticket (docs/decisions/027); a notice's by print-queue.lua. Each
 * printer's unfinished jobs wait in a sorted set by queue time. A connected agent gets a loop
 * on this node that sends it the oldest job, one at a time; the loop sleeps on pub/sub when
 * the queue is empty, so nothing polls Redis while the hall is quiet. Jobs past the hall's
 * age limit, and tickets no longer waiting, are marked expired or skipped instead of printed.
 */
export class PrintService {
  private readonly sessions = new Set<AgentSession>();
  /** Agent sessions that left, still finishing their job. */
  private readonly closing = new Set<Promise<void>>();
  private namespace: Namespace<PrinterAgentToServerEvents, PrinterServerToAgentEvents> | null =
    null;

  constructor(private readonly deps: PrintServiceDeps) {
    deps.subscriber.on('message', (channel: string) => {
      for (const s of this.sessions) {
        if (hallKeys(s.hall.id).printerJobs(s.printerId) === channel) s.wake();
      }
    });
    // after a reconnect (messages may have been missed), every loop reads its queue again
    deps.subscriber.on('ready', () => {
      for (const s of this.sessions) s.wake();
    });
  }

  /** Jobs queued before this instant are too old to print (printing.jobMaxAgeMinutes). */
  private staleBefore(hall: HallService): number {
    return this.deps.clock.now() - hall.config.printing.jobMaxAgeMinutes * 60_000;
  }

  /** The printer a ticket issued by this caller prints on, or null (not a kiosk, no printer). */
  printerForTicket(hall: HallConfig, principal: Principal): string | null {
    if (principal.kind !== 'device' || principal.device.kind !== 'kiosk') return null;
    return printerForDevice(hall, principal.device);
  }

  /** What the agent prints for a ticket, built from the ticket as it is when it prints. */
  private async ticketData(
    hall: HallService,
    ticketId: string,
    jobId: string,
  ): Promise<TicketPrintData> {
    const config = hall.config;
    const ticket = await hall.getTicket(ticketId, 'zh');
    const service = config.services.find((s) => s.id === ticket.serviceId);
    return {
      kind: 'ticket',
      jobId,
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
      // the phone link with the ticket's key: only the printed and on-screen QR codes carry it
      qrUrl:
        ticket.phoneUrl ??
        `${this.deps.publicUrl.replace(/\/+$/, '')}/kiosk/t/${encodeURIComponent(ticket.id)}`,
      notice: config.printing.ticketNotice,
      ...ticketMarks(config.printing, ticket),
    };
  }

  private async jobData(hall: HallService, job: NextPrint): Promise<PrintJobData | null> {
    if (job.kind === 'ticket') return this.ticketData(hall, job.ticketId, job.jobId);
    const parsed = PrintJobData.safeParse(JSON.parse(job.data || 'null'));
    return parsed.success ? parsed.data : null;
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
    const queued = await this.deps.store.queue(hall.id, {
      jobId: data.jobId,
      ticketId: data.ticketId,
      kind: data.kind,
      printerId,
      now: this.deps.clock.now(),
      notice: { windowId: window.id, missingMaterials: body.missingMaterials },
      data,
      staleBefore: this.staleBefore(hall),
    });
    const print: PrintState = {
      status: queued.status,
      printerId,
      ...(queued.problem ? { problem: queued.problem } : {}),
    };
    return { jobId: data.jobId, ticketId: ticket.id, print };
  }

  async printers(hall: HallService): Promise<PrinterState[]> {
    const ids = hall.config.devices.filter((d) => d.kind === 'printer').map((d) => d.id);
    return Promise.all(
      ids.map((id) => this.deps.store.printerState(hall.id, id, hall.config.timeZone)),
    );
  }

  // ---- printer agents -------------------------------------------------------------------------

  /**
   * Listens for the wake-up of every configured printer's queue; called again when a hall's
   * configuration changes (a printer added through the API wakes without a restart).
   */
  subscribeWakeUps(): void {
    const channels = [...this.deps.halls.values()].flatMap((h) =>
      h.config.devices
        .filter((d) => d.kind === 'printer')
        .map((d) => hallKeys(h.id).printerJobs(d.id)),
    );
    if (channels.length > 0) {
      this.deps.subscriber
        .subscribe(...channels)
        .catch((err: unknown) => this.deps.logger.warn({ err }, 'print wake-up subscribe failed'));
    }
  }

  /** Serves printer agents on the namespace /printers of this socket.io server. */
  attach(io: Server): void {
    const nsp = io.of('/printers') as Namespace<
      PrinterAgentToServerEvents,
      PrinterServerToAgentEvents
    >;
    this.namespace = nsp;
    this.subscribeWakeUps();
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
            this.staleBefore(hall),
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
      const closing = Promise.all([report(null), session.feeding]).then(() => undefined);
      this.closing.add(closing);
      void closing.finally(() => this.closing.delete(closing));
      log.info('printer agent disconnected');
    });

    session.feeding = this.feed(session, log);
    log.info('printer agent connected');
  }

  private connectedCount(hallId: string, printerId: string): number {
    let n = 0;
    for (const s of this.sessions) if (s.hall.id === hallId && s.printerId === printerId) n++;
    return n;
  }

  /** Sends the printer's jobs to its agent, oldest first, until the agent leaves. */
  private async feed(session: AgentSession, log: Logger): Promise<void> {
    const { hall, printerId } = session;
    while (!session.closed) {
      try {
        session.takeWake();
        const job = await this.deps.store.next(
          hall.id,
          printerId,
          this.deps.clock.now(),
          this.staleBefore(hall),
        );
        if (!job) await session.waitWake();
        else await this.attempt(session, job);
      } catch (err) {
        if (err instanceof AgentGone || session.closed) return;
        log.warn({ err }, 'print job not delivered; trying again');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /**
   * One try of one job. After a problem the loop reads the queue again, so a job held past
   * the age limit, or whose resident was called meanwhile, is not printed late.
   */
  private async attempt(session: AgentSession, job: NextPrint): Promise<void> {
    const { hall, printerId } = session;
    const now = () => this.deps.clock.now();
    const data = await this.jobData(hall, job);
    if (!data) {
      await this.deps.store.failed(hall.id, printerId, job.jobId, now());
      return;
    }
    await session.waitReady();
    const result = await session.send(data);
    switch (result.outcome) {
      case 'printed':
      case 'already_printed':
        await this.deps.store.printed(hall.id, printerId, job.jobId, now());
        return;
      case 'problem':
        session.ready = false;
        await this.deps.store.problem(hall.id, printerId, job.jobId, result.problem, now());
        return;
      case 'retry':
        await new Promise((r) => setTimeout(r, 1000));
        return;
      case 'failed':
        this.deps.logger.warn({ jobId: job.jobId, message: result.message }, 'print job failed');
        await this.deps.store.failed(hall.id, printerId, job.jobId, now());
        return;
    }
  }

  async close(): Promise<void> {
    this.namespace?.disconnectSockets(true);
    const loops = [...this.sessions].map(async (s) => {
      s.close();
      await s.feeding;
    });
    this.sessions.clear();
    await Promise.all([...loops, ...this.closing]);
  }
}
