/**
 * The ESC/POS commands this driver sends, as raw bytes, named after the Epson ESC/POS
 * Application Programming Guide. Raw bytes rather than @node-escpos/core: see
 * docs/decisions/009-escpos-raw-bytes.md.
 */

export const LF = 0x0a;
export const DLE = 0x10;
export const EOT = 0x04;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

export type Align = 'left' | 'center' | 'right';
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** Magnification for GS !, 1× to 8× (the largest the command can express). */
export type Magnification = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export const MAX_MAGNIFICATION: Magnification = 8;

const bytes = (...values: number[]): Buffer => Buffer.from(values);

/** ESC @ — reset modes and clear the buffer, so a job never inherits the last one's state. */
export const initialize = (): Buffer => bytes(ESC, 0x40);

/** FS & — Chinese (Kanji) mode: bytes 0x81–0xFE start a two-byte GB18030/GBK character. */
export const chineseModeOn = (): Buffer => bytes(FS, 0x26);

/** FS . — back to single-byte code page mode. */
export const chineseModeOff = (): Buffer => bytes(FS, 0x2e);

/** ESC a n — justification, effective at the start of a line. */
export const align = (a: Align): Buffer =>
  bytes(ESC, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2);

/** ESC E n — emphasized (bold). */
export const bold = (on: boolean): Buffer => bytes(ESC, 0x45, on ? 1 : 0);

/**
 * GS ! n — character size: high nibble width − 1, low nibble height − 1. Unlike ESC !, it
 * applies to full-width (Chinese) characters as well as half-width ones.
 */
export const size = (width: Magnification, height: Magnification): Buffer =>
  bytes(GS, 0x21, ((width - 1) << 4) | (height - 1));

/** ESC d n — print the buffer and feed n lines. */
export const feedLines = (n: number): Buffer => bytes(ESC, 0x64, clampByte(n));

/**
 * GS V 66 n — feed to the cutter plus n dots, then partial cut (one point left). Function B
 * knows the head-to-cutter distance, so we need not guess a number of blank lines. Partial
 * cut because every autocutter does it; several models cannot full-cut and some ignore m=65.
 */
export const feedAndCut = (extraDots = 0): Buffer => bytes(GS, 0x56, 66, clampByte(extraDots));

const QR_ECC_BYTE: Record<QrErrorCorrection, number> = { L: 48, M: 49, Q: 50, H: 51 };

/** GS ( k with cn = 49 (QR code), function fn and parameters. */
function qrFunction(fn: number, params: Buffer): Buffer {
  const len = params.length + 2; // cn and fn count towards pL pH
  return Buffer.concat([bytes(GS, 0x28, 0x6b, len & 0xff, len >> 8, 49, fn), params]);
}

export interface QrOptions {
  /** Module (dot) size, 1–16. */
  moduleSize: number;
  errorCorrection: QrErrorCorrection;
}

/** Most bytes a QR symbol can store (version 40, byte mode, level L). */
export const QR_MAX_BYTES = 2953;

/**
 * Native QR code (GS ( k, cn 49): select model 2 (fn 65), module size (fn 67), error
 * correction (fn 69), store the data (fn 80), print it (fn 81). The printer picks the
 * smallest version that holds the data.
 */
export function qrCode(data: Buffer, options: QrOptions): Buffer {
  if (data.length < 1 || data.length > QR_MAX_BYTES) {
    throw new RangeError(`QR data of ${data.length} bytes, must be 1–${QR_MAX_BYTES}`);
  }
  const moduleSize = Math.min(16, Math.max(1, Math.trunc(options.moduleSize)));
  return Buffer.concat([
    qrFunction(65, bytes(50, 0)), // model 2
    qrFunction(67, bytes(moduleSize)),
    qrFunction(69, bytes(QR_ECC_BYTE[options.errorCorrection])),
    qrFunction(80, Buffer.concat([bytes(48), data])), // store in the symbol storage area
    qrFunction(81, bytes(48)), // print the stored symbol
  ]);
}

/** Byte-mode capacity at error correction M for versions 1–40 (ISO/IEC 18004 table 7). */
const QR_BYTE_CAPACITY_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
  711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989,
  2099, 2213, 2331,
];

/**
 * Largest module size ≤ preferred at which the symbol (level M) fits `dots`. The printer
 * silently drops a QR code wider than the paper, so long URLs get smaller modules instead.
 */
export function qrModuleSizeToFit(dataBytes: number, dots: number, preferred: number): number {
  const index = QR_BYTE_CAPACITY_M.findIndex((capacity) => capacity >= dataBytes);
  if (index < 0) throw new RangeError(`${dataBytes} bytes do not fit a QR code at level M`);
  const modules = 17 + 4 * (index + 1);
  return Math.max(1, Math.min(preferred, Math.floor(dots / modules)));
}

/** DLE EOT n — real-time status transmission; the printer answers one byte at once. */
export const realtimeStatus = (n: 1 | 2 | 3 | 4): Buffer => bytes(DLE, EOT, n);

function clampByte(n: number): number {
  return Math.min(255, Math.max(0, Math.trunc(n)));
}
