import type {
  Attendance,
  CaseRecord,
  Ranking,
  RankingEntry,
  Report,
  ReportBy,
  ReportRow,
} from '@hall/protocol';
import ExcelJS from 'exceljs';
import type { HallConfig } from '../config/hall-config.js';

/** The columns of a report, in the order of the console's table: one list for Excel and CSV. */
export const reportColumns: {
  header: string;
  value: (r: ReportRow) => number | string | null;
  percent?: boolean;
}[] = [
  { header: '名称', value: (r) => r.name },
  { header: '取号/受理', value: (r) => r.issued },
  { header: '办结', value: (r) => r.served },
  { header: '过号', value: (r) => r.noShow },
  { header: '过期未办', value: (r) => r.expired },
  { header: '转办', value: (r) => r.transferred },
  { header: '重呼', value: (r) => r.recalled },
  { header: '指定叫号', value: (r) => r.chosenCalls },
  { header: '平均等候（分钟）', value: (r) => r.waitMinutes.mean },
  { header: '等候中位数（分钟）', value: (r) => r.waitMinutes.median },
  { header: '等候90%分位（分钟）', value: (r) => r.waitMinutes.p90 },
  { header: '平均办理（分钟）', value: (r) => r.serviceMinutes.mean },
  { header: '办理中位数（分钟）', value: (r) => r.serviceMinutes.median },
  { header: '办理90%分位（分钟）', value: (r) => r.serviceMinutes.p90 },
  { header: '及时办结率', value: (r) => r.withinLimitRate, percent: true },
  { header: '一次性告知', value: (r) => r.oneTimeNotices },
  { header: '应评价', value: (r) => r.ratingsOffered },
  { header: '已评价', value: (r) => r.ratingsGiven },
  { header: '差评', value: (r) => r.badRatings },
  { header: '满意率', value: (r) => r.satisfactionRate, percent: true },
  { header: '预约签到', value: (r) => r.appointments },
  { header: '绿色通道', value: (r) => r.greenChannel },
  { header: '工作人员代取', value: (r) => r.staffIssued },
  { header: '优先级变更', value: (r) => r.priorityChanges },
];

export const breakdownTitles: Record<ReportBy, string> = {
  hall: '大厅合计',
  service: '按业务',
  window: '按窗口',
  clerk: '按工作人员',
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface FileReply {
  contentType: string;
  filename: string;
  data: Buffer;
}

function titled(sheet: ExcelJS.Worksheet, title: string, headers: string[]): void {
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, headers.length);
  const head = sheet.addRow(headers);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  headers.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.max(10, Math.min(40, h.length * 2 + 2));
  });
}

async function workbookBuffer(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The report workbook: one sheet per breakdown, the hall and period in each title row. */
export async function reportWorkbook(reports: Report[]): Promise<FileReply> {
  const book = new ExcelJS.Workbook();
  const first = reports[0];
  for (const report of reports) {
    const sheet = book.addWorksheet(breakdownTitles[report.by]);
    const title = `${report.hallName} 统计报表（${report.from} 至 ${report.to}）${breakdownTitles[report.by]}`;
    titled(
      sheet,
      title,
      reportColumns.map((c) => c.header),
    );
    for (const row of report.rows) {
      const added = sheet.addRow(reportColumns.map((c) => c.value(row)));
      reportColumns.forEach((c, i) => {
        if (c.percent) added.getCell(i + 1).numFmt = '0.00%';
      });
    }
  }
  return {
    contentType: XLSX,
    filename: `report-${first?.from ?? ''}-${first?.to ?? ''}.xlsx`,
    data: await workbookBuffer(book),
  };
}

function csvCell(v: number | string | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The report as UTF-8 CSV with a BOM (Excel then reads the Chinese right); rates in percent. */
export function reportCsv(report: Report): FileReply {
  const lines = [reportColumns.map((c) => c.header).join(',')];
  for (const row of report.rows) {
    lines.push(
      reportColumns
        .map((c) => {
          const v = c.value(row);
          return csvCell(c.percent && typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : v);
        })
        .join(','),
    );
  }
  return {
    contentType: 'text/csv; charset=utf-8',
    filename: `report-${report.by}-${report.from}-${report.to}.csv`,
    data: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
  };
}

const statusText: Record<CaseRecord['status'], string> = {
  waiting: '等候中',
  called: '已叫号',
  serving: '办理中',
  done: '已办结',
  no_show: '过号',
  transferred: '已转办',
  expired: '过期未办',
};
const outcomeText: Record<string, string> = {
  done: '办结',
  materials_missing: '一次性告知',
  rejected: '不予受理',
  consulted: '咨询',
};

const PRIORITY_TEXT = { normal: '普通', green: '绿色通道', appointment: '预约' } as const;

/** The ledger's priority column: 预约, 绿色通道, or a late check-in's note. */
function priorityText(c: CaseRecord): string {
  if (c.priority !== 'normal') return PRIORITY_TEXT[c.priority];
  return c.checkIn === 'late' ? '预约（迟到，按普通号）' : '';
}

/** The ledger (台帐) of a day as a workbook. */
export async function casesWorkbook(
  hall: HallConfig,
  date: string,
  cases: CaseRecord[],
): Promise<FileReply> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('业务台帐');
  const headers = [
    '号码',
    '业务',
    '优先',
    '取号时间',
    '叫号时间',
    '开始办理',
    '办结时间',
    '窗口',
    '工作人员',
    '状态',
    '办理结果',
    '转办（备注）',
    '指定叫号原因',
    '一次性告知材料',
    '评价',
    '等候（分钟）',
    '办理（分钟）',
    '及时办结',
    '工作人员代取、优先级变更（原因）',
  ];
  titled(sheet, `${hall.name} 业务台帐（${date}）`, headers);
  const windows = new Map(hall.windows.map((w) => [w.id, w.name]));
  const staff = new Map(hall.staff.map((s) => [s.id, `${s.name}（${s.jobNo}）`]));
  const time = (iso: string | null) => (iso ? iso.slice(11, 19) : '');
  for (const c of cases) {
    sheet.addRow([
      c.number,
      c.serviceName,
      priorityText(c),
      time(c.issuedAt),
      c.calls.map((x) => `${time(x.at)}${x.recall ? '（重呼）' : ''}`).join('、'),
      time(c.startedAt),
      time(c.finishedAt),
      c.windowIds.map((w) => windows.get(w) ?? w).join('、'),
      c.clerkIds.map((s) => staff.get(s) ?? s).join('、'),
      statusText[c.status],
      c.outcome ? (outcomeText[c.outcome] ?? c.outcome) : '',
      c.transfers
        .map(
          (t) =>
            `${windows.get(t.fromWindowId) ?? t.fromWindowId}→${t.toWindowId ? (windows.get(t.toWindowId) ?? t.toWindowId) : (t.toServiceId ?? '')}${t.note ? `（${t.note}）` : ''}`,
        )
        .join('；'),
      c.chosenReasons.join('；'),
      c.missingMaterials.join('；'),
      c.rating ? c.rating.score : '',
      c.waitMinutes,
      c.serviceMinutes,
      c.withinLimit === null ? '' : c.withinLimit ? '是' : '否',
      [
        ...(c.issuedBy
          ? [
              `${staff.get(c.issuedBy.by) ?? c.issuedBy.by}代取${c.issuedBy.reason ? `（${c.issuedBy.reason}）` : ''}`,
            ]
          : []),
        ...(c.priorityChanges ?? []).map(
          (x) =>
            `${time(x.at)} ${PRIORITY_TEXT[x.from]}→${PRIORITY_TEXT[x.to]}（${staff.get(x.by) ?? x.by}：${x.reason}）`,
        ),
      ].join('；'),
    ]);
  }
  return { contentType: XLSX, filename: `cases-${date}.xlsx`, data: await workbookBuffer(book) };
}

/** Attendance (考勤) as a workbook: one row per sign-in. */
export async function attendanceWorkbook(
  hall: HallConfig,
  attendance: Attendance,
): Promise<FileReply> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('考勤');
  const headers = [
    '工作人员',
    '工号',
    '窗口',
    '签到',
    '签退',
    '在岗（分钟）',
    '暂停',
    'AB岗交接',
    '超时自动签退',
  ];
  titled(sheet, `${hall.name} 考勤（${attendance.from} 至 ${attendance.to}）`, headers);
  const windows = new Map(hall.windows.map((w) => [w.id, w.name]));
  const when = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : '');
  for (const clerk of attendance.clerks) {
    for (const s of clerk.sessions) {
      sheet.addRow([
        clerk.name,
        clerk.jobNo,
        windows.get(s.windowId) ?? s.windowId,
        when(s.signedInAt),
        when(s.signedOutAt),
        s.minutes,
        s.pauses
          .map((p) => `${p.kind === 'brief' ? '暂离' : '暂停服务'}${p.minutes}分钟`)
          .join('、'),
        [s.handoverFrom ? `接替${s.handoverFrom}` : '', s.handoverTo ? `交给${s.handoverTo}` : '']
          .filter(Boolean)
          .join('、'),
        s.idleSignOut ? '是' : '',
      ]);
    }
  }
  return {
    contentType: XLSX,
    filename: `attendance-${attendance.from}-${attendance.to}.xlsx`,
    data: await workbookBuffer(book),
  };
}

/** The month's 流动红旗 ranking: a sheet for windows, one for clerks, each part of the score. */
export async function rankingWorkbook(hall: HallConfig, ranking: Ranking): Promise<FileReply> {
  const book = new ExcelJS.Workbook();
  const r = ranking.rule;
  const headers = [
    '名次',
    '名称',
    '办件量',
    `办件得分（${r.served}）`,
    '满意率',
    `满意得分（${r.satisfaction}）`,
    '及时办结率',
    `及时得分（${r.withinLimit}）`,
    '差评',
    `无投诉得分（${r.noComplaints}）`,
    '总分',
  ];
  const sheet = (name: string, entries: RankingEntry[]) => {
    const s = book.addWorksheet(name);
    titled(s, `${hall.name} ${ranking.month} 流动红旗评比（${name}）`, headers);
    for (const e of entries) {
      const row = s.addRow([
        e.rank,
        e.name,
        e.served,
        e.parts.served,
        e.satisfactionRate,
        e.parts.satisfaction,
        e.withinLimitRate,
        e.parts.withinLimit,
        e.badRatings,
        e.parts.noComplaints,
        e.score,
      ]);
      row.getCell(5).numFmt = '0.00%';
      row.getCell(7).numFmt = '0.00%';
    }
  };
  sheet('窗口', ranking.windows);
  sheet('工作人员', ranking.clerks);
  return {
    contentType: XLSX,
    filename: `ranking-${ranking.month}.xlsx`,
    data: await workbookBuffer(book),
  };
}
