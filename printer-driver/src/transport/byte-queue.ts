/**
 * Buffers bytes that arrive as events (socket, serial port) until someone reads them, so
 * that an answer arriving before read() is called is not lost.
 */
import { TransportTimeoutError } from './types.js';

interface Waiter {
  n: number;
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class ByteQueue {
  private buffered = Buffer.alloc(0);
  private waiter: Waiter | null = null;
  private failure: Error | null = null;

  push(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    this.settle();
  }

  /** The source ended or broke: pending and future reads reject with this error. */
  fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    if (waiter && this.buffered.length < waiter.n) {
      this.waiter = null;
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }

  /** Drops unread bytes, e.g. a late answer to a query that already timed out. */
  discard(): void {
    this.buffered = Buffer.alloc(0);
  }

  read(n: number, timeoutMs: number): Promise<Buffer> {
    if (this.waiter) return Promise.reject(new Error('a read is already pending'));
    if (n < 1) return Promise.resolve(Buffer.alloc(0));
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new TransportTimeoutError(`no answer from the printer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = { n, resolve, reject, timer };
      this.settle();
    });
  }

  private settle(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    if (this.buffered.length >= waiter.n) {
      this.waiter = null;
      clearTimeout(waiter.timer);
      const bytes = this.buffered.subarray(0, waiter.n);
      this.buffered = this.buffered.subarray(waiter.n);
      waiter.resolve(Buffer.from(bytes));
    } else if (this.failure) {
      this.fail(this.failure);
    }
  }
}
