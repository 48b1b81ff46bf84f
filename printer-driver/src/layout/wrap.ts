/**
 * Line wrapping for a fixed number of printer columns (see encoding.ts for why a
 * character's width is its GB18030 byte length).
 *
 * The printer would wrap by itself, but it breaks anywhere, including between the two
 * halves of nothing in particular: a centred line would lose its centring, a numbered list
 * its indent, and "3号窗口" could be split across lines. So every line we send fits.
 */
import { charColumns, toPrintable } from './encoding.js';

/** Not at the start of a line (Chinese line-breaking rules, 避头点). */
const NO_LINE_START = new Set('，。、；：？！）》」』】〕〉”’…·%‰℃,.;:?!)]}>'.split(''));
/** Not at the end of a line (避尾点). */
const NO_LINE_END = new Set('（《「『【〔〈“‘([{<'.split(''));

export interface WrapOptions {
  /** Columns of indentation for the second and later lines (hanging indent). */
  hangingIndent?: number;
  /** Names that stay on one line when they fit, e.g. "6号窗口（综合）". */
  keep?: readonly string[];
}

interface Unit {
  text: string;
  cols: number;
  space: boolean;
}

/**
 * Splits text into the pieces a line may not break inside: runs of visible ASCII (words,
 * URLs, numbers such as "2张" keep their digits together), runs of spaces, and single
 * non-ASCII characters.
 */
function toUnits(text: string, keep: readonly string[] = []): Unit[] {
  const units: Unit[] = [];
  const kept = keep.map(toPrintable).filter((k) => k.length > 1);
  const escape = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = kept.length > 0 ? `${kept.map(escape).join('|')}|` : '';
  const pieces = new RegExp(`${names}[\\x21-\\x7e]+| +|[^]`, 'gu');
  for (const match of toPrintable(text).matchAll(pieces)) {
    const piece = match[0];
    let cols = 0;
    for (const ch of piece) cols += charColumns(ch);
    units.push({ text: piece, cols, space: piece.startsWith(' ') });
  }
  return units;
}

/** Splits a unit wider than a line into single characters. */
function explode(unit: Unit): Unit[] {
  return [...unit.text].map((ch) => ({ text: ch, cols: charColumns(ch), space: false }));
}

/**
 * Wraps text to `width` columns. Never splits a character, keeps ASCII words whole when
 * they fit on a line, drops spaces at line breaks, and moves a character down rather than
 * leave closing punctuation at the start of a line or an opening bracket at the end.
 * Returns at least one line (an empty string for empty text).
 */
export function wrapText(text: string, width: number, options: WrapOptions = {}): string[] {
  const indent = options.hangingIndent ?? 0;
  if (!Number.isInteger(width) || width < 2) throw new RangeError(`width ${width} < 2 columns`);
  if (indent < 0 || indent > width - 2) throw new RangeError(`hanging indent ${indent} too wide`);

  const lines: Unit[][] = [];
  let line: Unit[] = [];
  let cols = 0;
  const lineWidth = () => (lines.length === 0 ? width : width - indent);

  const breakLine = () => {
    while (line.length > 0 && line[line.length - 1]?.space) line.pop();
    // An opening bracket at the end of a line goes down with what it opens.
    const carried: Unit[] = [];
    const last = line[line.length - 1];
    if (line.length > 1 && last && NO_LINE_END.has(last.text)) carried.push(line.pop() as Unit);
    lines.push(line);
    line = carried;
    cols = carried.reduce((sum, u) => sum + u.cols, 0);
  };

  const queue = toUnits(text, options.keep);
  while (queue.length > 0) {
    const unit = queue.shift() as Unit;
    if (unit.space && cols === 0 && lines.length > 0) continue; // no leading space after a break
    if (cols + unit.cols <= lineWidth()) {
      line.push(unit);
      cols += unit.cols;
      continue;
    }
    if (unit.space) {
      breakLine();
      continue;
    }
    if (unit.cols > width - indent) {
      // Longer than any line (a long URL): break it between characters.
      queue.unshift(...explode(unit));
      const first = queue[0] as Unit;
      if (cols + first.cols > lineWidth()) breakLine();
      continue;
    }
    // Closing punctuation may not start a line: take the previous character down with it.
    const prev = line[line.length - 1];
    if (NO_LINE_START.has(unit.text[0] ?? '') && line.length > 1 && prev && !prev.space) {
      line.pop();
      breakLine();
      line.push(prev);
      cols = line.reduce((sum, u) => sum + u.cols, 0);
    } else {
      breakLine();
    }
    queue.unshift(unit);
  }
  if (line.length > 0 || lines.length === 0) breakLine();

  return lines.map(
    (units, i) => (i > 0 ? ' '.repeat(indent) : '') + units.map((u) => u.text).join(''),
  );
}

/**
 * A numbered list ("1. 身份证原件及复印件"), numbers right-aligned and continuation lines
 * indented under the text, so that the list reads as a list on a narrow receipt.
 */
export function wrapNumberedList(items: readonly string[], width: number): string[] {
  const digits = String(items.length).length;
  return items.flatMap((item, i) => {
    const prefix = `${String(i + 1).padStart(digits)}. `;
    return wrapText(prefix + item, width, { hangingIndent: prefix.length });
  });
}
