/**
 * How bytes reach a printer. Layout and status code only see this interface, so a ticket
 * prints the same over TCP, a USB device file, libusb or a serial line.
 */
export interface Transport {
  /** Resolves when the bytes are handed to the OS/device (not when the paper is out). */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Reads exactly n bytes the printer sent back, or rejects with {@link TransportTimeoutError}.
   * Absent when the link is one-way (a FIFO, a plain file, a write-only device).
   */
  read?(n: number, timeoutMs: number): Promise<Buffer>;
  /** Flushes what was written and releases the connection or device. */
  close(): Promise<void>;
}

/** The printer did not answer in time: off, disconnected, or not bidirectional. */
export class TransportTimeoutError extends Error {
  override readonly name = 'TransportTimeoutError';
}
