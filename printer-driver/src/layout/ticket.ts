/**
 * The queue ticket (取号凭条), 58 or 80 mm.
 *
 *        城关社区便民服务中心          bold, double height
 *            您的排队号码
 *              A023                  largest size that fits (8 × 8 on both widths)
 *           【绿色通道】             bold, double height (or 【预约】; only for such tickets)
 *        办理业务：劳动保障            bold, double height
 *        办理窗口：1号窗口、2号窗口
 *         您前面还有 5 人等候
 *          预计等候约 40 分钟
 *       取号时间：2026-11-23 09:30
 *            本号当日有效              bold
 *   --------------------------------
 *   办事须知（请携带以下材料）：
 *   1. 身份证原件及复印件
 *   --------------------------------
 *               [QR]
 *          扫码查看排队进度
 *      请留意叫号；如过号，请到原窗口说明  bold
 *   办公时间：周一至周五 8:30–17:30      (when the hall file has them)
 *   咨询电话：0551-12345678
 *   (feed to cutter, partial cut)
 */
import type { TicketPrintJob } from '../job.js';
import { EscPosBuilder } from './builder.js';
import { MAX_MAGNIFICATION, qrModuleSizeToFit, type Magnification } from './escpos.js';
import { textColumns } from './encoding.js';
import { TEMPLATES as T, fill } from './templates.js';
import { formatDateTime } from './time.js';

export interface LayoutOptions {
  /**
   * Largest GS ! magnification the printer supports. 8 is the ESC/POS maximum and what
   * Epson TM and the common Chinese 58/80 mm printers do; set lower for a printer that
   * garbles big characters.
   */
  maxMagnification?: Magnification;
}

/** Preferred QR module size in dots: ~0.75 mm modules on 58 mm, ~1 mm on 80 mm (203 dpi). */
const QR_MODULE_DOTS = { 58: 6, 80: 8 } as const;

/**
 * The biggest square magnification at which the number fits one line. "A023" is 4
 * columns, so 8 × 8 fills a 58 mm line exactly; a longer number steps down.
 */
export function numberMagnification(
  number: string,
  columns: number,
  max: Magnification = MAX_MAGNIFICATION,
): Magnification {
  const fit = Math.floor(columns / Math.max(1, textColumns(number)));
  return Math.max(1, Math.min(max, fit)) as Magnification;
}

export function layoutTicket(job: TicketPrintJob, options: LayoutOptions = {}): Buffer {
  const b = new EscPosBuilder(job.paperWidth).initialize();
  const center = { align: 'center' } as const;

  b.paragraph(job.hallName, { ...center, bold: true, height: 2 });
  b.blank();
  b.line(T.ticketNumberLabel, center);
  const mag = numberMagnification(job.number, b.columns, options.maxMagnification);
  b.line(job.number, { ...center, bold: true, width: mag, height: mag });
  if (job.mark) {
    const mark = job.mark === 'green' ? T.markGreen : T.markAppointment;
    b.line(mark, { ...center, bold: true, height: 2 });
  }
  b.paragraph(fill(T.ticketService, { service: job.serviceName }), {
    ...center,
    bold: true,
    height: 2,
  });
  if (job.windows.length > 0) {
    b.paragraph(
      fill(T.ticketWindows, { windows: job.windows.join(T.windowSeparator) }),
      center,
      job.windows,
    );
  }
  b.paragraph(
    job.waitingAhead === 0 ? T.nobodyAhead : fill(T.waitingAhead, { n: job.waitingAhead }),
    center,
  );
  if (job.estimatedWaitMinutes !== null) {
    const minutes = Math.ceil(job.estimatedWaitMinutes);
    b.paragraph(minutes < 1 ? T.estimatedWaitUnderOne : fill(T.estimatedWait, { minutes }), center);
  }
  b.paragraph(fill(T.issuedAt, { time: formatDateTime(job.issuedAt, job.timeZone) }), center);
  if (job.validity) b.paragraph(job.validity, { ...center, bold: true });

  if (job.materials.length > 0) {
    b.divider();
    b.paragraph(T.materialsHeading, { bold: true });
    b.numberedList(job.materials);
  }
  b.divider();

  const qrData = Buffer.from(job.qrUrl, 'utf8');
  const moduleSize = qrModuleSizeToFit(qrData.length, b.dots, QR_MODULE_DOTS[job.paperWidth]);
  b.qrCode(qrData, { moduleSize, errorCorrection: 'M' });
  b.blank();
  b.line(T.qrCaption, center);
  if (job.notice.trim() !== '') b.paragraph(job.notice, { ...center, bold: true });
  if (job.hours || job.telephone) b.blank();
  if (job.hours) b.paragraph(fill(T.hours, { hours: job.hours }), center);
  if (job.telephone) b.paragraph(fill(T.telephone, { telephone: job.telephone }), center);
  return b.cut().build();
}
