/**
 * Printing through a path: the Linux USB printer class device (/dev/usb/lp0, driver
 * usblp), a serial or parallel device node, a FIFO read by another program, or a plain
 * file (for capturing the bytes).
 *
 * Opened non-blocking: a blocking write to a printer that is off or out of paper would
 * hold a libuv thread forever, and a FIFO without a reader would hang open(). Instead a
 * FIFO without a reader fails at once (ENXIO), and a busy device is retried until
 * `stallTimeoutMs` passes without progress.
 */
import { constants, type promises as fsp } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { TransportTimeoutError, type Transport } from './types.js';

export interface DeviceOptions {
  path: string;
  /**
   * Read back through the same file descriptor (usblp allows only one open). Only for a
   * character device whose printer answers, e.g. /dev/usb/lp0 with a bidirectional printer.
   */
  bidirectional?: boolean;
  /** Create a missing regular file. Off by default so a typo in /dev/usb/lp0 is an error, not a file. */
  create?: boolean;
  /** Give up when the device accepts no byte for this long. Default 30 s. */
  stallTimeoutMs?: number;
}

/** Poll interval while the device answers EAGAIN. */
const RETRY_MS = 10;

export class DeviceTransport implements Transport {
  /** Present only when opened bidirectional (see {@link DeviceOptions.bidirectional}). */
  readonly read?: (n: number, timeoutMs: number) => Promise<Buffer>;
  private closed = false;

  private constructor(
    private readonly handle: fsp.FileHandle,
    private readonly path: string,
    private readonly stallTimeoutMs: number,
    bidirectional: boolean,
  ) {
    if (bidirectional) this.read = (n, timeoutMs) => this.readBack(n, timeoutMs);
  }

  static async open(options: DeviceOptions): Promise<DeviceTransport> {
    const { path } = options;
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' && options.create) return null;
      throw err;
    });
    let flags: number;
    let bidirectional = false;
    if (info === null) {
      flags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT;
    } else if (info.isFIFO()) {
      flags = constants.O_WRONLY | constants.O_NONBLOCK;
    } else if (info.isCharacterDevice()) {
      bidirectional = options.bidirectional ?? false;
      flags = (bidirectional ? constants.O_RDWR : constants.O_WRONLY) | constants.O_NONBLOCK;
      flags |= constants.O_NOCTTY;
    } else if (info.isFile()) {
      flags = constants.O_WRONLY | constants.O_APPEND;
    } else {
      throw new Error(`${path} is neither a device, a FIFO nor a file`);
    }
    if (options.bidirectional && !bidirectional) {
      throw new Error(`${path} is not a character device: cannot read status back`);
    }
    try {
      const handle = await open(path, flags);
      return new DeviceTransport(handle, path, options.stallTimeoutMs ?? 30_000, bidirectional);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENXIO') {
        throw new Error(`${path}: no process is reading this FIFO (or the device is gone)`, {
          cause: err,
        });
      }
      throw err;
    }
  }

  /** Writes everything, retrying partial writes and EAGAIN while the printer is busy. */
  async write(bytes: Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`${this.path} is closed`);
    let offset = 0;
    let lastProgress = Date.now();
    while (offset < bytes.length) {
      try {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
        if (bytesWritten > 0) lastProgress = Date.now();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      }
      if (offset < bytes.length) {
        if (Date.now() - lastProgress > this.stallTimeoutMs) {
          throw new TransportTimeoutError(
            `${this.path} accepted no data for ${this.stallTimeoutMs} ms (offline or out of paper?)`,
          );
        }
        await sleep(RETRY_MS);
      }
    }
  }

  private async readBack(n: number, timeoutMs: number): Promise<Buffer> {
    const out = Buffer.alloc(n);
    let got = 0;
    const deadline = Date.now() + timeoutMs;
    while (got < n) {
      try {
        const { bytesRead } = await this.handle.read(out, got, n - got, null);
        got += bytesRead;
        if (bytesRead > 0) continue;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      }
      if (Date.now() >= deadline) {
        throw new TransportTimeoutError(`no answer from ${this.path} within ${timeoutMs} ms`);
      }
      await sleep(RETRY_MS);
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}
