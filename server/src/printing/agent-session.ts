import {
  PrintJobResult,
  type PrinterAgentToServerEvents,
  type PrinterServerToAgentEvents,
  type PrintJobData,
} from '@hall/protocol';
import type { Socket } from 'socket.io';
import type { HallService } from '../halls/hall-service.js';

export type AgentSocket = Socket<PrinterAgentToServerEvents, PrinterServerToAgentEvents>;

export class AgentGone extends Error {
  override name = 'AgentGone';
}

/** How long the agent may take over one job before it is sent again (the claim keeps paper once). */
const JOB_ACK_TIMEOUT_MS = 60_000;

/** One connected printer agent on this node; the print service's loop feeds it. */
export class AgentSession {
  ready = false;
  closed = false;
  /** The loop that feeds the agent; settles when the agent leaves. */
  feeding: Promise<void> = Promise.resolve();
  private readyWaiters: { resolve: () => void; reject: (err: Error) => void }[] = [];
  private woken = false;
  private wakeWaiter: { resolve: () => void; reject: (err: Error) => void } | null = null;

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

  /** A job may have arrived for this printer (or the printer came back). */
  wake(): void {
    this.woken = true;
    const w = this.wakeWaiter;
    this.wakeWaiter = null;
    w?.resolve();
  }

  /** Clears the wake flag before the queue is read, so a wake during the read is not lost. */
  takeWake(): void {
    this.woken = false;
  }

  /** Waits, without touching Redis, until wake(); rejects when the agent leaves. */
  waitWake(): Promise<void> {
    if (this.closed) return Promise.reject(new AgentGone());
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.wakeWaiter = { resolve, reject };
    });
  }

  close(): void {
    this.closed = true;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w.reject(new AgentGone());
    const w = this.wakeWaiter;
    this.wakeWaiter = null;
    w?.reject(new AgentGone());
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
