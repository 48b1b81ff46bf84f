/**
 * 一次性告知单 (DOMAIN rule 4): the complete list of missing materials, in writing, in
 * one go. Two copies when asked, each labelled, with a cut between them: the resident
 * takes one, the window keeps the signed one.
 *
 *        城关社区便民服务中心
 *           一次性告知单             bold, double size
 *        （第1联 办事人收执）
 *   办理事项：劳动保障
 *   排队号码：A023
 *   受理窗口：1号窗口
 *   经办人工号：0107
 *   --------------------------------
 *   您办理本事项还需补齐以下材料：
 *   1. 劳动合同或解除劳动合同证明
 *   以上为本事项需补齐的全部材料，一次告知。请备齐后再来办理。
 *   --------------------------------
 *   告知日期：2026年11月23日
 *
 *   办事人签字：____________________
 *   (feed to cutter, partial cut) × copies
 */
import type { NoticePrintJob } from '../job.js';
import { EscPosBuilder } from './builder.js';
import { textColumns } from './encoding.js';
import { TEMPLATES as T, fill } from './templates.js';
import { formatDateZh } from './time.js';

/** Blank space for the signature: at least this many underscores, more if the line allows. */
const MIN_SIGNATURE_COLUMNS = 12;

export function layoutNotice(job: NoticePrintJob): Buffer {
  const b = new EscPosBuilder(job.paperWidth).initialize();
  const center = { align: 'center' } as const;
  const date = formatDateZh(job.issuedAt, job.timeZone);

  for (let copy = 1; copy <= job.copies; copy++) {
    b.paragraph(job.hallName, center);
    b.line(T.noticeTitle, { ...center, bold: true, width: 2, height: 2 });
    if (job.copies > 1) b.line(copy === 1 ? T.noticeCopy1 : T.noticeCopy2, center);
    b.blank();
    b.paragraph(fill(T.noticeService, { service: job.serviceName }));
    b.paragraph(fill(T.noticeTicket, { number: job.ticketNumber }));
    b.paragraph(fill(T.noticeWindow, { window: job.windowName }));
    b.paragraph(fill(T.noticeClerk, { jobNo: job.clerkJobNo }));
    b.divider();
    b.paragraph(T.noticeMissingHeading, { bold: true });
    b.numberedList(job.missingMaterials);
    b.paragraph(T.noticeCompleteness);
    b.divider();
    b.paragraph(fill(T.noticeDate, { date }));
    b.blank();
    b.blank();
    b.line(signatureLine(b.columns));
    b.cut();
  }
  return b.build();
}

/** "办事人签字：" followed by underscores to the end of the line. */
function signatureLine(columns: number): string {
  const blank = Math.max(MIN_SIGNATURE_COLUMNS, columns - textColumns(T.noticeSignature));
  return T.noticeSignature + '_'.repeat(blank);
}
