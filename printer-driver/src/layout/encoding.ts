/**
 * Text → printer bytes, for printers in Chinese mode (FS &).
 *
 * In Chinese mode a byte below 0x80 is a half-width character (12 × 24 dots, one column)
 * and a byte pair starting at 0x81–0xFE is a full-width character (24 × 24 dots, two
 * columns). So the number of columns a character takes is exactly its GB18030 byte length,
 * which is more reliable than guessing from Unicode ranges: “ ” · — print full width on
 * these printers even though a browser draws them narrow.
 *
 * GB18030 four-byte sequences (¥ U+00A5, emoji, CJK Extension B …) are outside the GBK
 * fonts that ticket printers carry and come out as garbage, so they are replaced.
 */
import iconv from 'iconv-lite';

/** Printed instead of a character the printer's font cannot show. */
export const REPLACEMENT_CHAR = '?';

const byteCache = new Map<string, Buffer | null>();

/**
 * GB18030 bytes of one code point, or null if it needs four bytes (not printable on GBK
 * fonts) or is a control character (would be a printer command).
 */
export function encodeChar(ch: string): Buffer | null {
  const cached = byteCache.get(ch);
  if (cached !== undefined) return cached;
  const code = ch.codePointAt(0) ?? 0;
  let bytes: Buffer | null = null;
  if (!(code < 0x20 || (code >= 0x7f && code < 0xa0))) {
    const encoded = iconv.encode(ch, 'gb18030');
    bytes = encoded.length <= 2 ? encoded : null;
  }
  byteCache.set(ch, bytes);
  return bytes;
}

/**
 * Makes text safe to send: NFC (so a decomposed é becomes the encodable é), control
 * characters become spaces, four-byte characters become {@link REPLACEMENT_CHAR}.
 */
export function toPrintable(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (encodeChar(ch) !== null) out += ch;
    else out += isControl(ch) ? ' ' : REPLACEMENT_CHAR;
  }
  return out;
}

function isControl(ch: string): boolean {
  return /^\p{Cc}$/u.test(ch);
}

/** Columns a character occupies in Chinese mode: 1 or 2 (replacements count as 1). */
export function charColumns(ch: string): number {
  return encodeChar(ch)?.length ?? 1;
}

/** Columns the text occupies at 1× width, after {@link toPrintable}. */
export function textColumns(text: string): number {
  let cols = 0;
  for (const ch of toPrintable(text)) cols += charColumns(ch);
  return cols;
}

/** GB18030 bytes of the text after {@link toPrintable}; never contains a control byte. */
export function encodeText(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const ch of toPrintable(text)) {
    parts.push(encodeChar(ch) ?? Buffer.from(REPLACEMENT_CHAR, 'latin1'));
  }
  return Buffer.concat(parts);
}

/** Characters of the text that the printer cannot print as they are. */
export function unprintableChars(text: string): string[] {
  return [...text].filter((ch) => encodeChar(ch) === null);
}
