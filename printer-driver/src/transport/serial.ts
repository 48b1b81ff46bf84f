/**
 * RS-232 / USB-serial printers through `serialport` (loaded only when used, since it is a
 * native module). Common on older kiosks: 9600 or 115200 baud, 8N1, hardware flow
 * control so that a slow printer can hold the sender back.
 */
import type * as SerialPortModule from 'serialport';
import type { SerialPort as SerialPortType } from 'serialport';
import { ByteQueue } from './byte-queue.js';
import type { Transport } from './types.js';

export interface SerialOptions {
  path: string;
  /** Default 9600, the factory setting of most ticket printers. */
  baudRate?: number;
  /** RTS/CTS flow control. Default true: without it a fast sender overruns the buffer. */
  rtscts?: boolean;
}

async function loadSerialPort(): Promise<typeof SerialPortModule> {
  try {
    return await import('serialport');
  } catch (err) {
    throw new Error('serial transport needs the "serialport" package; it could not be loaded', {
      cause: err,
    });
  }
}

export class SerialTransport implements Transport {
  private readonly incoming = new ByteQueue();

  private constructor(private readonly port: SerialPortType) {
    port.on('data', (chunk: Buffer) => this.incoming.push(chunk));
    port.on('error', (err: Error) => this.incoming.fail(err));
    port.on('close', () => this.incoming.fail(new Error(`${port.path} closed`)));
  }

  static async open(options: SerialOptions): Promise<SerialTransport> {
    const { SerialPort } = await loadSerialPort();
    const port = new SerialPort({
      path: options.path,
      baudRate: options.baudRate ?? 9600,
      rtscts: options.rtscts ?? true,
      autoOpen: false,
    });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => (err ? reject(err) : resolve()));
    });
    return new SerialTransport(port);
  }

  /** Resolves once the bytes have left the OS buffer (drain), not merely been queued. */
  async write(bytes: Uint8Array): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (err) => (err ? reject(err) : resolve()));
    });
    await new Promise<void>((resolve, reject) => {
      this.port.drain((err) => (err ? reject(err) : resolve()));
    });
  }

  read(n: number, timeoutMs: number): Promise<Buffer> {
    return this.incoming.read(n, timeoutMs);
  }

  async close(): Promise<void> {
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve, reject) => {
      this.port.close((err) => (err ? reject(err) : resolve()));
    });
  }
}
