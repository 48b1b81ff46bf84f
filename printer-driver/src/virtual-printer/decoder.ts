/**
 * Reads an ESC/POS byte stream back into what a printer would put on paper: lines of text
 * with their sizes, QR codes with their payload, cuts. Incremental, because a TCP stream
 * splits commands anywhere; understands the commands this driver sends plus the common
 * ones a foreign program might send, and records anything else as unknown instead of
 * guessing.
 */
import iconv from 'iconv-lite';

export type Align = 'left' | 'center' | 'right';

export interface TextRun {
  text: string;
  bold: boolean;
  /** GS ! magnification. */
  width: number;
  height: number;
}

export type PrintedItem =
  | { kind: 'text'; align: Align; runs: TextRun[]; text: string }
  | { kind: 'qr'; align: Align; data: string; moduleSize: number; errorCorrection: string }
  | { kind: 'feed'; lines: number };

/** What came out between two cuts. */
export interface Receipt {
  items: PrintedItem[];
  cut: boolean;
}

/** Things the decoder hands to its owner, in stream order. */
export type DecodedOp =
  | { op: 'item'; item: PrintedItem }
  | { op: 'cut' }
  | { op: 'status'; n: number }
  | { op: 'init' }
  | { op: 'unknown'; bytes: number[] };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;
const CR = 0x0d;

interface Modes {
  align: Align;
  bold: boolean;
  width: number;
  height: number;
  chinese: boolean;
}

const INITIAL: Modes = { align: 'left', bold: false, width: 1, height: 1, chinese: false };

export class EscPosDecoder {
  private buffer = Buffer.alloc(0);
  private modes: Modes = { ...INITIAL };
  private runs: TextRun[] = [];
  private lineAlign: Align | null = null;
  private textBytes: number[] = [];
  private qr: { data: Buffer; moduleSize: number; errorCorrection: string } = {
    data: Buffer.alloc(0),
    moduleSize: 3,
    errorCorrection: 'L',
  };

  /** Feeds bytes; returns the operations that are complete so far. */
  push(chunk: Buffer): DecodedOp[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const ops: DecodedOp[] = [];
    let i = 0;
    for (;;) {
      const used = this.step(i, ops);
      if (used === 0) break;
      i += used;
    }
    this.buffer = this.buffer.subarray(i);
    return ops;
  }

  /** Bytes of an incomplete command still waiting for the rest. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /** Decodes one command or character at i; 0 when more bytes are needed. */
  private step(i: number, ops: DecodedOp[]): number {
    const b = this.buffer;
    const at = (k: number): number | undefined => b[i + k];
    const first = at(0);
    if (first === undefined) return 0;
    switch (first) {
      case LF:
        this.endLine(ops);
        return 1;
      case CR:
        return 1;
      case DLE: {
        const second = at(1);
        const n = at(2);
        if (second === undefined || n === undefined) return 0;
        if (second === 0x04) {
          ops.push({ op: 'status', n });
          return 3;
        }
        ops.push({ op: 'unknown', bytes: [first, second, n] });
        return 3;
      }
      case ESC:
        return this.esc(i, ops);
      case GS:
        return this.gs(i, ops);
      case FS: {
        const second = at(1);
        if (second === undefined) return 0;
        if (second === 0x26) this.modes.chinese = true;
        else if (second === 0x2e) this.modes.chinese = false;
        else ops.push({ op: 'unknown', bytes: [first, second] });
        return 2;
      }
      default:
        break;
    }
    if (first < 0x20) {
      ops.push({ op: 'unknown', bytes: [first] });
      return 1;
    }
    if (first >= 0x81 && first <= 0xfe && this.modes.chinese) {
      const second = at(1);
      if (second === undefined) return 0;
      this.addText([first, second]);
      return 2;
    }
    this.addText([first]);
    return 1;
  }

  private esc(i: number, ops: DecodedOp[]): number {
    const b = this.buffer;
    const cmd = b[i + 1];
    if (cmd === undefined) return 0;
    if (cmd === 0x40) {
      this.flushText();
      this.modes = { ...INITIAL };
      ops.push({ op: 'init' });
      return 2;
    }
    const n = b[i + 2];
    if (n === undefined) return 0;
    switch (cmd) {
      case 0x61: // ESC a n
        this.modes.align = n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left';
        return 3;
      case 0x45: // ESC E n
        this.flushText();
        this.modes.bold = (n & 1) === 1;
        return 3;
      case 0x64: // ESC d n
        this.endLine(ops, true);
        if (n > 0) ops.push({ op: 'item', item: { kind: 'feed', lines: n } });
        return 3;
      case 0x21: // ESC ! n: bold bit 3, double height bit 4, double width bit 5
        this.flushText();
        this.modes.bold = (n & 0x08) !== 0;
        this.modes.height = n & 0x10 ? 2 : 1;
        this.modes.width = n & 0x20 ? 2 : 1;
        return 3;
      case 0x74: // ESC t n: code page
      case 0x4d: // ESC M n: font
      case 0x2d: // ESC - n: underline
      case 0x33: // ESC 3 n: line spacing
        return 3;
      default:
        ops.push({ op: 'unknown', bytes: [ESC, cmd, n] });
        return 3;
    }
  }

  private gs(i: number, ops: DecodedOp[]): number {
    const b = this.buffer;
    const cmd = b[i + 1];
    if (cmd === undefined) return 0;
    if (cmd === 0x21) {
      const n = b[i + 2];
      if (n === undefined) return 0;
      this.flushText();
      this.modes.width = (n >> 4) + 1;
      this.modes.height = (n & 0x0f) + 1;
      return 3;
    }
    if (cmd === 0x56) {
      const m = b[i + 2];
      if (m === undefined) return 0;
      let used = 3;
      if (m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104) {
        if (b[i + 3] === undefined) return 0;
        used = 4;
      }
      this.endLine(ops, true);
      ops.push({ op: 'cut' });
      return used;
    }
    if (cmd === 0x28) {
      const fnCode = b[i + 2];
      const pL = b[i + 3];
      const pH = b[i + 4];
      if (fnCode === undefined || pL === undefined || pH === undefined) return 0;
      const len = pL + pH * 256;
      if (b.length < i + 5 + len) return 0;
      const params = b.subarray(i + 5, i + 5 + len);
      if (fnCode === 0x6b) this.code2d(params, ops);
      else ops.push({ op: 'unknown', bytes: [...b.subarray(i, i + 5 + len)] });
      return 5 + len;
    }
    const n = b[i + 2];
    if (n === undefined) return 0;
    ops.push({ op: 'unknown', bytes: [GS, cmd, n] });
    return 3;
  }

  /** GS ( k: cn 49 is QR. */
  private code2d(params: Buffer, ops: DecodedOp[]): void {
    const cn = params[0];
    const fn = params[1];
    if (cn !== 49) {
      ops.push({ op: 'unknown', bytes: [...params] });
      return;
    }
    switch (fn ?? -1) {
      case 65:
        return;
      case 67:
        this.qr.moduleSize = params[2] ?? 3;
        return;
      case 69:
        this.qr.errorCorrection = ['L', 'M', 'Q', 'H'][(params[2] ?? 48) - 48] ?? 'L';
        return;
      case 80:
        this.qr.data = Buffer.from(params.subarray(3));
        return;
      case 81:
        this.endLine(ops, true);
        ops.push({
          op: 'item',
          item: {
            kind: 'qr',
            align: this.modes.align,
            data: this.qr.data.toString('utf8'),
            moduleSize: this.qr.moduleSize,
            errorCorrection: this.qr.errorCorrection,
          },
        });
        return;
      default:
        ops.push({ op: 'unknown', bytes: [...params] });
    }
  }

  private addText(bytes: number[]): void {
    this.lineAlign ??= this.modes.align;
    this.textBytes.push(...bytes);
  }

  /** Closes the current run of text (its style is about to change). */
  private flushText(): void {
    if (this.textBytes.length === 0) return;
    const encoding = this.modes.chinese ? 'gb18030' : 'latin1';
    const text = iconv.decode(Buffer.from(this.textBytes), encoding);
    const { bold, width, height } = this.modes;
    this.runs.push({ text, bold, width, height });
    this.textBytes = [];
  }

  /** LF prints the line (an empty one when there is no text); a cut or QR only flushes text. */
  private endLine(ops: DecodedOp[], onlyIfText = false): void {
    this.flushText();
    if (onlyIfText && this.runs.length === 0) return;
    const runs = this.runs;
    const align = this.lineAlign ?? this.modes.align;
    this.runs = [];
    this.lineAlign = null;
    ops.push({
      op: 'item',
      item: { kind: 'text', align, runs, text: runs.map((r) => r.text).join('') },
    });
  }
}
