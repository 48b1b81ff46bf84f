/**
 * Every fixed string the layouts print, in one place, so that a test can prove each
 * character prints on a GBK font (≤ 2 bytes in GB18030: write ￥ not ¥, ： not a
 * four-byte lookalike). `{name}` marks a value filled in by {@link fill}.
 */
export const TEMPLATES = {
  ticketNumberLabel: '您的排队号码',
  ticketService: '办理业务：{service}',
  ticketWindows: '办理窗口：{windows}',
  windowSeparator: '、',
  waitingAhead: '您前面还有 {n} 人等候',
  nobodyAhead: '您前面没有人等候，请留意叫号',
  estimatedWait: '预计等候约 {minutes} 分钟',
  estimatedWaitUnderOne: '预计等候不到 1 分钟',
  issuedAt: '取号时间：{time}',
  materialsHeading: '办事须知（请携带以下材料）：',
  qrCaption: '扫码查看排队进度',
  markGreen: '【绿色通道】',
  markAppointment: '【预约】',
  hours: '办公时间：{hours}',
  telephone: '咨询电话：{telephone}',

  noticeTitle: '一次性告知单',
  noticeCopy1: '（第1联 办事人收执）',
  noticeCopy2: '（第2联 窗口留存）',
  noticeService: '办理事项：{service}',
  noticeTicket: '排队号码：{number}',
  noticeWindow: '受理窗口：{window}',
  noticeClerk: '经办人工号：{jobNo}',
  noticeMissingHeading: '您办理本事项还需补齐以下材料：',
  noticeCompleteness: '以上为本事项需补齐的全部材料，一次告知。请备齐后再来办理。',
  noticeDate: '告知日期：{date}',
  noticeSignature: '办事人签字：',
} as const;

/** Replaces each `{name}` with its value; a missing value is a bug, so it throws. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in "${template}"`);
    return String(value);
  });
}
