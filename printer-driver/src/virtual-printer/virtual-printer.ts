/**
 * A virtual ticket printer for the demo and the tests: listens on TCP like a real network
 * printer (port 9100, any port in tests), decodes what it receives into receipts, answers
 * DLE EOT status queries from a scripted state, and renders its receipts as HTML.
 *
 * Like a real printer it keeps printing data that arrives while it is not ready (paper
 * end, cover open, offline) in its buffer and prints it once it is ready again, while
 * status queries are answered at once.
 */
import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { EscPosDecoder, type PrintedItem, type Receipt } from './decoder.js';

export interface VirtualPrinterState {
  paperEnd: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  /** Offline for another reason (e.g. the feed button held); still answers status queries. */
  offline: boolean;
  error: boolean;
  /** Answers nothing at all, as a printer that is switched off behind a live print server. */
  silent: boolean;
}

const READY: VirtualPrinterState = {
  paperEnd: false,
  paperNearEnd: false,
  coverOpen: false,
  offline: false,
  error: false,
  silent: false,
};

/** The DLE EOT n answer for a state (Epson ESC/POS real-time status). */
export function statusByte(state: VirtualPrinterState, n: number): number {
  let byte = 0x12;
  const stopped = state.paperEnd || state.coverOpen || state.offline || state.error;
  switch (n) {
    case 1:
      if (stopped) byte |= 0x08;
      break;
    case 2:
      if (state.coverOpen) byte |= 0x04;
      if (state.paperEnd) byte |= 0x20;
      if (state.error) byte |= 0x40;
      break;
    case 3:
      if (state.error) byte |= 0x40;
      break;
    case 4:
      if (state.paperNearEnd || state.paperEnd) byte |= 0x0c;
      if (state.paperEnd) byte |= 0x60;
      break;
    default:
      break;
  }
  return byte;
}

export interface VirtualPrinterEvents {
  receipt: [Receipt];
  connection: [];
}

export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> {
  readonly receipts: Receipt[] = [];
  /** Every byte received, in order (what a FIFO reader would see). */
  readonly received: Buffer[] = [];
  private state: VirtualPrinterState = { ...READY };
  private current: PrintedItem[] = [];
  private held: ({ op: 'item'; item: PrintedItem } | { op: 'cut' })[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  /** Unknown commands seen, for tests that want a clean stream. */
  readonly unknown: number[][] = [];

  /** Starts listening; port 0 picks a free one. */
  async listen(port = 9100, host = '127.0.0.1'): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  get port(): number {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : 0;
  }

  /** Changes the scripted state; becoming ready prints what was held. */
  setState(patch: Partial<VirtualPrinterState>): void {
    this.state = { ...this.state, ...patch };
    if (this.ready) this.release();
  }

  getState(): VirtualPrinterState {
    return { ...this.state };
  }

  get ready(): boolean {
    const s = this.state;
    return !s.paperEnd && !s.coverOpen && !s.offline && !s.error && !s.silent;
  }

  /** Feeds bytes as if they arrived over the wire; returns the status answers. */
  feed(chunk: Buffer, decoder = new EscPosDecoder()): Buffer {
    this.received.push(Buffer.from(chunk));
    const answers: number[] = [];
    for (const op of decoder.push(chunk)) {
      switch (op.op) {
        case 'status':
          if (!this.state.silent) answers.push(statusByte(this.state, op.n));
          break;
        case 'item':
        case 'cut':
          this.held.push(op);
          break;
        case 'unknown':
          this.unknown.push(op.bytes);
          break;
        case 'init':
          break;
      }
    }
    if (this.ready) this.release();
    return Buffer.from(answers);
  }

  private release(): void {
    for (const op of this.held) {
      if (op.op === 'item') {
        this.current.push(op.item);
      } else {
        const receipt: Receipt = { items: this.current, cut: true };
        this.current = [];
        this.receipts.push(receipt);
        this.emit('receipt', receipt);
      }
    }
    this.held = [];
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    this.emit('connection');
    const decoder = new EscPosDecoder();
    socket.on('data', (chunk: Buffer) => {
      const answer = this.feed(chunk, decoder);
      if (answer.length > 0 && !socket.destroyed) socket.write(answer);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  /** Resolves when `count` receipts have been cut in total. */
  waitForReceipts(count: number, timeoutMs = 20_000): Promise<Receipt[]> {
    if (this.receipts.length >= count) return Promise.resolve(this.receipts.slice(0, count));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('receipt', onReceipt);
        reject(new Error(`${this.receipts.length} of ${count} receipts within ${timeoutMs} ms`));
      }, timeoutMs);
      const onReceipt = () => {
        if (this.receipts.length < count) return;
        clearTimeout(timer);
        this.off('receipt', onReceipt);
        resolve(this.receipts.slice(0, count));
      };
      this.on('receipt', onReceipt);
    });
  }

  /** Drops every open connection (a printer power cycle, as the agent sees it). */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The text lines of a receipt, for assertions and logs. */
export function receiptText(receipt: Receipt): string[] {
  return receipt.items.flatMap((item) => {
    switch (item.kind) {
      case 'text':
        return [item.text];
      case 'qr':
        return [`[QR ${item.data}]`];
      case 'feed':
        return [];
    }
  });
}
