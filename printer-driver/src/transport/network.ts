/**
 * Raw TCP printing ("JetDirect", port 9100), the usual way to reach an Ethernet ticket
 * printer. The connection is two-way, so real-time status can be read back.
 */
import net from 'node:net';
import { ByteQueue } from './byte-queue.js';
import { TransportTimeoutError, type Transport } from './types.js';

export interface NetworkOptions {
  host: string;
  /** Default 9100. */
  port?: number;
  /** Default 5000 ms: a printer on the LAN answers at once or is not there. */
  connectTimeoutMs?: number;
}

export const DEFAULT_PRINTER_PORT = 9100;

export class NetworkTransport implements Transport {
  private readonly incoming = new ByteQueue();
  private error: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => this.incoming.push(chunk));
    socket.on('error', (err) => {
      this.error = err;
      this.incoming.fail(err);
    });
    socket.on('close', () =>
      this.incoming.fail(this.error ?? new Error('printer closed the connection')),
    );
  }

  static connect(options: NetworkOptions): Promise<NetworkTransport> {
    const port = options.port ?? DEFAULT_PRINTER_PORT;
    const timeoutMs = options.connectTimeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: options.host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new TransportTimeoutError(
            `no connection to ${options.host}:${port} within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', onError);
        socket.setNoDelay(true); // status queries are 3 bytes; do not wait for Nagle
        socket.setKeepAlive(true, 30_000);
        resolve(new NetworkTransport(socket));
      });
      const onError = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      socket.once('error', onError);
    });
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.error) return Promise.reject(this.error);
    return new Promise((resolve, reject) => {
      this.socket.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
  }

  read(n: number, timeoutMs: number): Promise<Buffer> {
    return this.incoming.read(n, timeoutMs);
  }

  /** Half-closes so the printer receives everything, then waits for it to close (≤ 2 s). */
  close(): Promise<void> {
    if (this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.socket.destroy(), 2000);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }
}
