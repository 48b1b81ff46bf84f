/**
 * Demo jobs from a community hall, for the CLI test page and the golden tests. The
 * materials are the 办事须知 a real community hall publishes (DOMAIN, demo hall).
 */
import type { NoticePrintJob, PaperWidth, TicketPrintJob } from './job.js';

export const DEMO_HALL_NAME = '城关社区便民服务中心';

export const DEMO_MATERIALS = {
  劳动保障: ['身份证原件及复印件', '户口簿', '劳动合同或解除劳动合同证明', '一寸免冠照片2张'],
  '民政救济（低保）': ['申请书', '家庭成员身份证和户口簿', '收入证明', '村（居）委会证明'],
} as const satisfies Record<string, readonly string[]>;

/** A fixed instant, so that golden bytes do not depend on the clock. */
export const DEMO_ISSUED_AT = '2026-11-23T09:30:00.000+08:00';

export function demoTicket(paperWidth: PaperWidth, issuedAt = DEMO_ISSUED_AT): TicketPrintJob {
  return {
    kind: 'ticket',
    jobId: 'demo-ticket-1',
    hallName: DEMO_HALL_NAME,
    ticketId: 'demo-A023',
    number: 'A023',
    serviceName: '劳动保障',
    windows: ['1号窗口', '2号窗口'],
    waitingAhead: 5,
    estimatedWaitMinutes: 40,
    issuedAt,
    timeZone: 'Asia/Shanghai',
    materials: [...DEMO_MATERIALS.劳动保障],
    qrUrl: 'https://hall.example.cn/q/demo/A023',
    notice: '请留意叫号；如过号，请到原窗口说明，可重新排队',
    mark: 'green',
    validity: '本号当日有效',
    hours: '周一至周五 8:30–17:30',
    telephone: '0551-12345678',
    paperWidth,
  };
}

export function demoNotice(paperWidth: PaperWidth, issuedAt = DEMO_ISSUED_AT): NoticePrintJob {
  return {
    kind: 'notice',
    jobId: 'demo-notice-1',
    hallName: DEMO_HALL_NAME,
    ticketId: 'demo-B007',
    ticketNumber: 'B007',
    serviceName: '民政救济（低保）',
    windowName: '3号窗口',
    clerkJobNo: '0107',
    missingMaterials: ['收入证明', '村（居）委会证明'],
    issuedAt,
    timeZone: 'Asia/Shanghai',
    copies: 2,
    paperWidth,
  };
}
