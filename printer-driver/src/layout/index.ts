export type { LayoutOptions } from './ticket.js';
export { layoutTicket, numberMagnification } from './ticket.js';
export { layoutNotice } from './notice.js';
export { EscPosBuilder, PAPER } from './builder.js';
export { encodeText, textColumns, toPrintable, unprintableChars } from './encoding.js';
export { wrapText, wrapNumberedList } from './wrap.js';
export { formatDateTime, formatDateZh } from './time.js';
export { TEMPLATES } from './templates.js';
export * as escpos from './escpos.js';

import type { PrintJob } from '../job.js';
import { layoutNotice } from './notice.js';
import { layoutTicket, type LayoutOptions } from './ticket.js';

/** The bytes for any print job. */
export function layoutJob(job: PrintJob, options: LayoutOptions = {}): Buffer {
  return job.kind === 'ticket' ? layoutTicket(job, options) : layoutNotice(job);
}
