/**
 * One printer behind one transport: prints bytes and reads its state, opening the
 * transport for each operation so that a printer switched off, unplugged or rebooted is
 * simply found again on the next one.
 */
import type { PrinterProblem } from '@hall/protocol';
import type { PrinterConnection } from './config.js';
import { describeStatus, isReady, queryStatus, type PrinterStatus } from './status.js';
import { openTransport, type Transport } from './transport/index.js';

export interface PrinterCheck {
  ready: boolean;
  problem?: PrinterProblem;
  paperNearEnd: boolean;
  /** null when the transport cannot read back (a FIFO, a file, a write-only device). */
  status: PrinterStatus | null;
  /** For people: 就绪 ready, 缺纸 paper end … */
  text: string;
}

/** The first problem that stops printing, in the order staff should fix them. */
export function problemOf(status: PrinterStatus): PrinterProblem | undefined {
  if (status.coverOpen) return 'cover_open';
  if (status.paperEnd) return 'paper_end';
  if (status.error) return 'error';
  if (!status.online) return 'offline';
  return undefined;
}

export function checkFromStatus(status: PrinterStatus | null): PrinterCheck {
  if (status === null) {
    return { ready: true, paperNearEnd: false, status: null, text: '状态未知 status unknown' };
  }
  const problem = problemOf(status);
  return {
    ready: isReady(status),
    paperNearEnd: status.paperNearEnd,
    status,
    text: describeStatus(status),
    ...(problem ? { problem } : {}),
  };
}

const OFFLINE = (reason: string): PrinterCheck => ({
  ready: false,
  problem: 'offline',
  paperNearEnd: false,
  status: null,
  text: `脱机 offline: ${reason}`,
});

export class Printer {
  constructor(
    private readonly connection: PrinterConnection,
    private readonly open: (c: PrinterConnection) => Promise<Transport> = openTransport,
    private readonly statusTimeoutMs = 1000,
  ) {}

  /** Runs fn with an open transport and always closes it. */
  async with<T>(fn: (t: Transport) => Promise<T>): Promise<T> {
    const transport = await this.open(this.connection);
    try {
      return await fn(transport);
    } finally {
      await transport.close().catch(() => undefined);
    }
  }

  /** The printer's state; a printer that cannot be reached or does not answer is offline. */
  async check(transport?: Transport): Promise<PrinterCheck> {
    const ask = async (t: Transport): Promise<PrinterCheck> =>
      checkFromStatus(t.read ? await queryStatus(t, this.statusTimeoutMs) : null);
    try {
      return transport ? await ask(transport) : await this.with(ask);
    } catch (err) {
      return OFFLINE(err instanceof Error ? err.message : String(err));
    }
  }
}
