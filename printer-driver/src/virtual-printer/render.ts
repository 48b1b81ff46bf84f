/**
 * Draws decoded receipts as HTML, to scale: one CSS pixel per printer dot (384 dots for
 * 58 mm paper, 576 for 80 mm), a half-width character 12 × 24 dots, a full-width one
 * 24 × 24, magnified as GS ! asked. The QR code is drawn from the payload the printer
 * received, so what a phone scans on screen is what it would scan on paper.
 */
import QRCode from 'qrcode';
import type { PrintedItem, Receipt, TextRun } from './decoder.js';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function qrSvg(data: string, moduleSize: number, errorCorrection: string): string {
  const level = (['L', 'M', 'Q', 'H'].includes(errorCorrection) ? errorCorrection : 'M') as
    'L' | 'M' | 'Q' | 'H';
  const qr = QRCode.create(data, { errorCorrectionLevel: level });
  const size = qr.modules.size;
  const rects: string[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (qr.modules.get(y, x)) rects.push(`M${x} ${y}h1v1h-1z`);
    }
  }
  const px = size * moduleSize;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 ${size} ${size}" ` +
    `shape-rendering="crispEdges" role="img" aria-label="QR ${esc(data)}">` +
    `<path d="${rects.join('')}" fill="#000"/></svg>`
  );
}

function itemHtml(item: PrintedItem): string {
  switch (item.kind) {
    case 'feed':
      return `<div class="feed" style="height:${item.lines * 30}px"></div>`;
    case 'qr':
      return (
        `<div class="line" style="text-align:${item.align}">` +
        `${qrSvg(item.data, item.moduleSize, item.errorCorrection)}</div>`
      );
    case 'text': {
      if (item.runs.length === 0) return '<div class="line blank"></div>';
      const height = Math.max(...item.runs.map((r) => r.height));
      const runs = item.runs.map(runHtml).join('');
      return `<div class="line" style="text-align:${item.align};height:${30 * height}px">${runs}</div>`;
    }
  }
}

/** Advance of a half-width glyph in the monospace font, in em. */
const MONO_ADVANCE = 0.602;

/**
 * Each character in a box as wide as the printer makes it (12 or 24 dots, times the width
 * magnification), its glyph squeezed to fit: a browser font is never the printer's grid.
 */
function runHtml(run: TextRun): string {
  const fontSize = 24 * run.height;
  const chars = [...run.text].map((ch) => {
    const half = (ch.codePointAt(0) ?? 0) < 0x80;
    const box = (half ? 12 : 24) * run.width;
    const scale = half ? box / (MONO_ADVANCE * fontSize) : run.width / run.height;
    return (
      `<span class="ch${half ? ' half' : ''}" style="width:${box}px">` +
      `<span style="transform:scaleX(${scale.toFixed(3)})">${ch === ' ' ? '&nbsp;' : esc(ch)}</span></span>`
    );
  });
  return (
    `<span class="run${run.bold ? ' bold' : ''}" style="font-size:${fontSize}px;` +
    `line-height:${30 * run.height}px">${chars.join('')}</span>`
  );
}

export function receiptHtml(receipt: Receipt, dots = 384): string {
  return (
    `<figure class="receipt" style="width:${dots}px">` +
    receipt.items.map(itemHtml).join('') +
    `<div class="cut">${receipt.cut ? '✂ - - - - - - - - - - - - - - -' : ''}</div></figure>`
  );
}

/** A whole page with every receipt, newest first. */
export function receiptsPage(
  receipts: readonly Receipt[],
  dots = 384,
  title = '虚拟打印机',
): string {
  const body = receipts.length
    ? [...receipts]
        .reverse()
        .map((r) => receiptHtml(r, dots))
        .join('\n')
    : '<p class="empty">尚未打印 Nothing printed yet</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
  body { background: #d8d8d8; margin: 0; padding: 24px; font-family: "WenQuanYi Micro Hei Mono", "WenQuanYi Micro Hei", "Noto Sans Mono CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", monospace; }
  h1 { font-size: 20px; margin: 0 0 16px; }
  .receipts { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
  .receipt { background: #fff; margin: 0; padding: 16px 0 0; box-shadow: 0 2px 8px rgba(0,0,0,.25); box-sizing: content-box; color: #111; }
  .line { white-space: pre; overflow: hidden; }
  .blank { height: 30px; }
  .run { white-space: pre; }
  .ch { display: inline-block; text-align: center; overflow: visible; white-space: pre; }
  .ch > span { display: inline-block; transform-origin: center; }
  .half { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; }
  .bold { font-weight: 700; }
  .cut { color: #999; font-size: 14px; padding: 8px 4px; border-top: 1px dashed #999; margin-top: 8px; }
  .empty { color: #555; }
</style></head>
<body><h1>${esc(title)}</h1><div class="receipts">
${body}
</div></body></html>`;
}
