/**
 * Real-time status (DLE EOT n), per the Epson ESC/POS reference. The printer answers each
 * query with one byte at once, even when offline or with the cover open, which is exactly
 * when we need to know why a ticket did not come out.
 *
 * Every answer byte has bit 1 and bit 4 set and bits 0 and 7 clear; we check that pattern
 * so that a stray byte (an automatic status block, data from a previous query) is not
 * mistaken for "all fine".
 */
import { realtimeStatus } from './layout/escpos.js';
import type { Transport } from './transport/types.js';

export type StatusQuery = 1 | 2 | 3 | 4;

/** n = 1 printer status, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export const statusQuery = (n: StatusQuery): Buffer => realtimeStatus(n);

const FIXED_MASK = 0b1001_0011;
const FIXED_VALUE = 0b0001_0010;

/** True when the byte has the fixed bits of a DLE EOT answer. */
export function isStatusByte(byte: number): boolean {
  return (byte & FIXED_MASK) === FIXED_VALUE;
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

/** The answers to DLE EOT 1–4; only the printer status (n=1) is required. */
export interface StatusBytes {
  printer: number;
  offlineCause?: number;
  errorCause?: number;
  paperSensor?: number;
}

export interface PrinterStatus {
  /** n=1 bit 3 clear. */
  online: boolean;
  /** n=2 bit 2. */
  coverOpen: boolean;
  /** n=2 bit 5 (printing stopped at paper end) or n=4 bits 5,6 (paper end sensor). */
  paperEnd: boolean;
  /** n=4 bits 2,3 only: the roll is running out; still printable, tell the staff. */
  paperNearEnd: boolean;
  /** n=2 bit 6, or any error cause of n=3 (recoverable, autocutter, unrecoverable, auto-recoverable). */
  error: boolean;
  /** The raw answers, for logs. */
  bytes: StatusBytes;
}

/** Decodes the answers; throws if one is not a status byte (see {@link isStatusByte}). */
export function parseStatus(bytes: StatusBytes): PrinterStatus {
  const answers: [string, number | undefined][] = [
    ['printer', bytes.printer],
    ['offlineCause', bytes.offlineCause],
    ['errorCause', bytes.errorCause],
    ['paperSensor', bytes.paperSensor],
  ];
  for (const [name, value] of answers) {
    if (value !== undefined && !isStatusByte(value)) {
      throw new Error(`not a DLE EOT answer for ${name}: 0x${value.toString(16).padStart(2, '0')}`);
    }
  }
  const { printer, offlineCause, errorCause, paperSensor } = bytes;
  // Epson sets both bits of a sensor pair; some clones set one. Either counts.
  const nearEnd = paperSensor !== undefined && (paperSensor & 0b0000_1100) !== 0;
  const sensorEnd = paperSensor !== undefined && (paperSensor & 0b0110_0000) !== 0;
  return {
    online: !bit(printer, 3),
    coverOpen: offlineCause !== undefined && bit(offlineCause, 2),
    paperEnd: sensorEnd || (offlineCause !== undefined && bit(offlineCause, 5)),
    paperNearEnd: nearEnd,
    error:
      (offlineCause !== undefined && bit(offlineCause, 6)) ||
      (errorCause !== undefined && (errorCause & 0b0110_1100) !== 0),
    bytes,
  };
}

/** Ready to print a ticket now. A near-empty roll still prints. */
export function isReady(status: PrinterStatus): boolean {
  return status.online && !status.coverOpen && !status.paperEnd && !status.error;
}

/** One line for people and logs, Chinese then English: "缺纸 paper end; 机盖打开 cover open". */
export function describeStatus(status: PrinterStatus): string {
  const problems: string[] = [];
  if (status.coverOpen) problems.push('机盖打开 cover open');
  if (status.paperEnd) problems.push('缺纸 paper end');
  if (status.error) problems.push('打印机故障 printer error');
  if (!status.online && problems.length === 0) problems.push('脱机 offline');
  if (problems.length > 0) return `未就绪 not ready: ${problems.join('; ')}`;
  return status.paperNearEnd ? '就绪，纸将用尽 ready, paper near end' : '就绪 ready';
}

/**
 * Asks DLE EOT 1, 2, 3 and 4 in turn and parses the answers. Needs a transport that can
 * read back (network, USB, serial, a bidirectional /dev/usb/lp). Rejects on timeout: a
 * printer that does not answer is switched off or disconnected.
 */
export async function queryStatus(transport: Transport, timeoutMs = 1000): Promise<PrinterStatus> {
  const read = transport.read?.bind(transport);
  if (!read) throw new Error('this transport cannot read the printer status back');
  const ask = async (n: StatusQuery): Promise<number> => {
    await transport.write(statusQuery(n));
    const answer = await read(1, timeoutMs);
    const byte = answer[0];
    if (byte === undefined) throw new Error(`no answer to DLE EOT ${n}`);
    return byte;
  };
  return parseStatus({
    printer: await ask(1),
    offlineCause: await ask(2),
    errorCause: await ask(3),
    paperSensor: await ask(4),
  });
}
