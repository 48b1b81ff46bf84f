export * from './decoder.js';
export * from './virtual-printer.js';
export { receiptHtml, receiptsPage } from './render.js';
export { serveReceipts } from './http.js';
