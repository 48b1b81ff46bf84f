/**
 * Accumulates ESC/POS bytes for one job. Tracks the printer's text modes so that a mode
 * command is sent only when it changes: smaller jobs, and golden files that show intent
 * rather than noise.
 */
import type { PaperWidth } from '../job.js';
import * as cmd from './escpos.js';
import type { Align, Magnification } from './escpos.js';
import { encodeText } from './encoding.js';
import { wrapNumberedList, wrapText } from './wrap.js';

/** Half-width columns (Font A, 12 dots) and printable dots per paper width. */
export const PAPER: Record<PaperWidth, { columns: number; dots: number }> = {
  58: { columns: 32, dots: 384 },
  80: { columns: 48, dots: 576 },
};

export interface TextStyle {
  align?: Align;
  bold?: boolean;
  width?: Magnification;
  height?: Magnification;
}

interface Modes {
  align: Align;
  bold: boolean;
  width: Magnification;
  height: Magnification;
}

/** What ESC @ leaves behind. */
const INITIAL: Modes = { align: 'left', bold: false, width: 1, height: 1 };

export class EscPosBuilder {
  readonly columns: number;
  readonly dots: number;
  private readonly chunks: Buffer[] = [];
  private modes: Modes = { ...INITIAL };

  constructor(paperWidth: PaperWidth) {
    this.columns = PAPER[paperWidth].columns;
    this.dots = PAPER[paperWidth].dots;
  }

  /** ESC @ then FS &: a known state, Chinese mode on. */
  initialize(): this {
    this.raw(cmd.initialize(), cmd.chineseModeOn());
    this.modes = { ...INITIAL };
    return this;
  }

  raw(...chunks: Buffer[]): this {
    this.chunks.push(...chunks);
    return this;
  }

  /** Sends only the mode commands whose value differs from the printer's current one. */
  style(style: TextStyle): this {
    const next: Modes = {
      align: style.align ?? 'left',
      bold: style.bold ?? false,
      width: style.width ?? 1,
      height: style.height ?? 1,
    };
    if (next.align !== this.modes.align) this.raw(cmd.align(next.align));
    if (next.bold !== this.modes.bold) this.raw(cmd.bold(next.bold));
    if (next.width !== this.modes.width || next.height !== this.modes.height) {
      this.raw(cmd.size(next.width, next.height));
    }
    this.modes = next;
    return this;
  }

  /** Columns available at the given width magnification. */
  columnsAt(width: Magnification = 1): number {
    return Math.floor(this.columns / width);
  }

  /** One line that the caller knows fits, then LF. */
  line(text = '', style: TextStyle = {}): this {
    this.style(style);
    return this.raw(encodeText(text), Buffer.of(cmd.LF));
  }

  /** An empty line; leaves the modes alone (a blank line needs no alignment). */
  blank(): this {
    return this.raw(Buffer.of(cmd.LF));
  }

  /** Text wrapped to the paper at the style's width, one LF-terminated line each. */
  /** Wrapped text; `keep` names stay whole on a line when they fit (wrap.ts). */
  paragraph(text: string, style: TextStyle = {}, keep: readonly string[] = []): this {
    for (const l of wrapText(text, this.columnsAt(style.width), { keep })) this.line(l, style);
    return this;
  }

  /** A numbered list with hanging indent, left-aligned. */
  numberedList(items: readonly string[], style: Omit<TextStyle, 'align'> = {}): this {
    const lines = wrapNumberedList(items, this.columnsAt(style.width));
    for (const l of lines) this.line(l, { ...style, align: 'left' });
    return this;
  }

  /** A full-width rule of dashes. */
  divider(): this {
    return this.line('-'.repeat(this.columns));
  }

  feed(lines: number): this {
    return this.raw(cmd.feedLines(lines));
  }

  qrCode(data: Buffer, options: cmd.QrOptions, align: Align = 'center'): this {
    this.style({ align });
    return this.raw(cmd.qrCode(data, options));
  }

  /** Feed to the cutter and cut; the modes survive a cut, so tracking continues. */
  cut(): this {
    return this.raw(cmd.feedAndCut());
  }

  build(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
