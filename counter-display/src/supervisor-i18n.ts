import type { PrinterProblem } from '@hall/protocol';
import { useContext } from 'react';
import { LangContext, type Lang } from './i18n';

/** The state of a window as the duty officer reads it. */
export type WindowState = 'idle' | 'calling' | 'serving' | 'brief' | 'paused' | 'closed';

const zhProblems: Record<PrinterProblem, string> = {
  paper_end: '缺纸',
  cover_open: '机盖打开',
  offline: '打印机无响应',
  error: '打印机故障',
  agent_offline: '打印代理未连接',
};

/** Every text of the supervisor console (值班长工作台), Chinese first. */
const zh = {
  title: '值班长工作台',
  onlySupervisors: '仅限值班长/管理员使用',
  onlySupervisorsHint: '您的账户是窗口工作人员账户，请前往窗口叫号终端。',
  /** The link to the admin console (/counter/admin). */
  adminLink: '管理后台',
  toClerkConsole: '前往窗口叫号终端',
  offerSupervisor: '您是值班长/管理员账户：',
  openSupervisor: '打开值班长工作台',
  windows: '窗口状态',
  windowState: {
    idle: '空闲',
    calling: '叫号中',
    serving: '办理中',
    brief: '请稍候',
    paused: '暂停服务',
    closed: '未签到',
  } satisfies Record<WindowState, string>,
  nobodyAtWindow: '无人在岗',
  jobNo: (no: string) => `工号 ${no}`,
  services: '业务队列',
  service: '业务',
  waiting: '等候',
  people: (n: number) => `${n} 人`,
  estimate: '预计等候',
  minutes: (m: number | null) => (m === null ? '—' : `${m} 分钟`),
  state: '状态',
  open: '取号中',
  closedUntil: (t: string) => `停止取号，${t} 开始`,
  closed: '停止取号',
  quotaLeft: '余号',
  noQuota: '不限',
  today: (day: string) => `今日评价（${day}）`,
  clerk: '工作人员',
  offered: '应评',
  rated: '已评',
  unrated: '未评价',
  bad: '差评',
  avg: '平均分',
  noStats: '今日尚无办结记录',
  alerts: '实时告警',
  noAlerts: '暂无告警',
  badRating: (score: number) => `差评 ${score} 分`,
  scoreName: (s: number) => ['非常不满意', '不满意', '基本满意', '满意', '非常满意'][s - 1] ?? '',
  escalated: '回访超期未办',
  alertLine: (window: string, clerk: string, number: string) => `${window} · ${clerk} · ${number}`,
  followUps: '回访任务',
  noFollowUps: '暂无回访任务',
  due: (d: string) => `${d} 前回访`,
  overdue: '已超期',
  statusOpen: '待回访',
  statusClosed: '已回访',
  closeFollowUp: '办结回访',
  notePlaceholder: '回访情况（必填）：联系结果、处理措施',
  noteMissing: '请填写回访情况',
  save: '提交',
  cancel: '取消',
  notices: '滚动公告',
  noNotices: '暂无公告',
  noticeText: '公告内容（中文）',
  noticeTextEn: '英文内容（可选）',
  noticeEnds: '结束时间（可选）',
  addNotice: '发布公告',
  expire: '下架',
  expireLabel: (text: string) => `下架：${text}`,
  showing: '播放中',
  notShowing: '未播放',
  fromConfig: '配置文件',
  until: (t: string) => `至 ${t}`,
  printers: '打印机',
  noPrinters: '未配置打印机',
  printerReady: '正常',
  printerPending: (n: number) => `待打印 ${n}`,
  paperNearEnd: '纸将用尽',
  problem: (p: PrinterProblem | undefined) => (p ? zhProblems[p] : '未就绪'),
  saved: '已保存',
  sessions: '登录会话',
  sessionsHint: '工作人员离开后未退出登录时，可在此结束其全部登录。',
  sessionsOf: '工作人员',
  endSessions: '结束登录',
  sessionsEnded: (name: string, n: number) => `已结束${name}的 ${n} 个登录`,
  sessionsFailed: '未能结束登录，请重试',
};

export type SupervisorTexts = typeof zh;

const en: SupervisorTexts = {
  title: 'Duty officer',
  onlySupervisors: 'For duty officers and administrators only',
  onlySupervisorsHint: 'This is a clerk account; please use the counter console.',
  adminLink: 'Administration',
  toClerkConsole: 'Go to the counter console',
  offerSupervisor: 'This is a duty officer or administrator account:',
  openSupervisor: 'Open the duty officer console',
  windows: 'Windows',
  windowState: {
    idle: 'Free',
    calling: 'Calling',
    serving: 'Serving',
    brief: 'Back soon',
    paused: 'Paused',
    closed: 'Not signed in',
  },
  nobodyAtWindow: 'Nobody on duty',
  jobNo: (no) => `Staff No. ${no}`,
  services: 'Queues',
  service: 'Service',
  waiting: 'Waiting',
  people: (n) => String(n),
  estimate: 'Est. wait',
  minutes: (m) => (m === null ? '—' : `${m} min`),
  state: 'State',
  open: 'Issuing',
  closedUntil: (t) => `Closed, opens ${t}`,
  closed: 'Closed',
  quotaLeft: 'Quota left',
  noQuota: 'no limit',
  today: (day) => `Ratings today (${day})`,
  clerk: 'Clerk',
  offered: 'Offered',
  rated: 'Rated',
  unrated: 'Not rated',
  bad: 'Bad',
  avg: 'Avg.',
  noStats: 'Nothing finished today yet',
  alerts: 'Live alerts',
  noAlerts: 'No alerts',
  badRating: (score) => `Bad rating: ${score}`,
  scoreName: (s) =>
    ['Very dissatisfied', 'Dissatisfied', 'Fair', 'Satisfied', 'Very satisfied'][s - 1] ?? '',
  escalated: 'Follow-up overdue',
  alertLine: (window, clerk, number) => `${window} · ${clerk} · ${number}`,
  followUps: 'Follow-ups',
  noFollowUps: 'No follow-ups',
  due: (d) => `due ${d}`,
  overdue: 'Overdue',
  statusOpen: 'Open',
  statusClosed: 'Closed',
  closeFollowUp: 'Close',
  notePlaceholder: 'What was found and done (required)',
  noteMissing: 'Write what the follow-up found',
  save: 'Save',
  cancel: 'Cancel',
  notices: 'Rolling notices',
  noNotices: 'No notices',
  noticeText: 'Notice (Chinese)',
  noticeTextEn: 'English text (optional)',
  noticeEnds: 'Ends (optional)',
  addNotice: 'Publish',
  expire: 'Take down',
  expireLabel: (text: string) => `Take down: ${text}`,
  showing: 'Showing',
  notShowing: 'Not showing',
  fromConfig: 'config file',
  until: (t) => `until ${t}`,
  printers: 'Printers',
  noPrinters: 'No printers configured',
  printerReady: 'Ready',
  printerPending: (n) => `${n} pending`,
  paperNearEnd: 'Paper low',
  problem: (p) =>
    p === 'paper_end'
      ? 'Out of paper'
      : p === 'cover_open'
        ? 'Cover open'
        : p === 'offline'
          ? 'Printer offline'
          : p === 'agent_offline'
            ? 'Agent not connected'
            : p === 'error'
              ? 'Printer error'
              : 'Not ready',
  saved: 'Saved',
  sessions: 'Sessions',
  sessionsHint: 'When a staff member left without logging out, end all their logins here.',
  sessionsOf: 'Staff member',
  endSessions: 'End logins',
  sessionsEnded: (name: string, n: number) => `Ended ${n} login${n === 1 ? '' : 's'} of ${name}`,
  sessionsFailed: 'Could not end the logins; try again',
};

const all: Record<Lang, SupervisorTexts> = { zh, en };

export function useSupervisorTexts(): SupervisorTexts {
  return all[useContext(LangContext)];
}

export function supervisorTexts(lang: Lang): SupervisorTexts {
  return all[lang];
}
