import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

/** Every text on the kiosk and the phone page, Chinese first. */
const zh = {
  appTitle: '自助取号',
  chooseService: '请选择您要办理的业务',
  hoursToday: (periods: string[], cutoffs: string[] | null) =>
    `今日办公时间：${periods.join('、')}` + (cutoffs ? `（取号截止 ${cutoffs.join('、')}）` : ''),
  hoursAlwaysOpen: '今日全天开放',
  hoursClosedToday: '今日休息，不办理业务',
  listSeparator: '、',
  issuedAtTime: (time: string) => `取号时间：${time}`,
  touchToStart: '点击业务即可取号',
  waiting: (n: number) => `${n} 人等候`,
  waitMinutes: (m: number | null) =>
    m === null ? '等候时间待定' : m <= 0 ? '无需等候' : `约 ${m} 分钟`,
  waitShort: (m: number | null) => (m === null ? '待定' : m <= 0 ? '无需等候' : `约 ${m} 分钟`),
  opensAt: (at: string) => `${at} 开始取号`,
  closedNow: '暂停取号',
  quotaUsed: '今日号已取完',
  quotaLeft: (n: number) => `今日余号 ${n}`,
  greenChannel: '绿色通道',
  greenWho: '老弱病残孕、军人优先办理',
  greenThen: '请选择您要办理的业务',
  appointment: '预约签到',
  clear: '清除',
  backspace: '退格',
  next: '下一步',
  back: '返回',
  cancel: '取消',
  confirmTitle: '确认取号',
  takeTicket: '取号',
  takeGreen: '绿色通道取号',
  greenExplain: '老年人、残疾人、孕妇、病人、军人可优先办理',
  materials: '办事须知 · 请备齐以下材料',
  noMaterials: '无需特别材料',
  issuing: '正在取号，请稍候…',
  yourNumber: '您的号码',
  service: '业务',
  windows: '办理窗口',
  ahead: '前面等候',
  people: (n: number) => `${n} 人`,
  estimatedWait: '预计等候',
  scanToFollow: '手机扫码，随时查看排队进度',
  printing: '正在打印号票…',
  printQueued: '号票即将打印…',
  printed: '号票已打印，请取走',
  printerProblem: '打印机故障，',
  notPrinted: '号票未能打印，',
  photoHint: '请拍照保存您的号码',
  done: '完成',
  backIn: (s: number) => `${s} 秒后返回首页`,
  largeText: '大字',
  contrast: '高对比',
  speech: '语音',
  language: 'English',
  speakTicket: (number: string, service: string, ahead: number) =>
    `您的号码是 ${number.split('').join(' ')}，办理${service}，前面还有${ahead}人等候，请留意叫号。`,
  speakWelcome: '欢迎光临，请选择您要办理的业务。',
  greenBadge: '绿色通道',
  appointmentMark: '预约',
  // problems
  offlineTitle: '网络连接中断',
  offlineText: '正在自动重新连接，请稍候。如需办理，请到服务台咨询。',
  unavailableTitle: '系统维护中',
  unavailableText: '取号系统暂时不可用，正在自动恢复。请稍候或到服务台咨询。',
  hallClosedTitle: '现在不是取号时间',
  hallClosedText: (at: string | null) =>
    at === null ? '请留意大厅公告的办公时间。' : `下次取号时间：${at}`,
  hallClosedQueue: '已取号的群众请继续等候，我们会为您办理完毕。',
  unpairedTitle: '本机尚未配置',
  unpairedText: '请工作人员用配置地址打开本机（包含大厅编号和设备凭证）。',
  refusedTitle: '本机未配置',
  refusedText: '本机的设备凭证无效或不属于本大厅，暂不能取号。请联系工作人员重新配置。',
  disabledTitle: '本机已停用',
  disabledText: '本机已被管理员停用，暂不能取号。请到服务台或其他取号机取号。',
  reconnecting: '正在重新连接…',
  errorTitle: '取号未成功',
  retry: '重试',
  serviceClosedMsg: (at: string | null) =>
    at === null ? '该业务当前不在取号时间。' : `该业务当前不在取号时间，${at} 开始取号。`,
  quotaMsg: '该业务今日号源已发完，请改日办理或到服务台咨询。',
  // phone page
  phoneTitle: '我的排队',
  loading: '正在加载…',
  ticketNotFound: '找不到该号码，请核对二维码。',
  statusWaiting: '排队等候中',
  statusCalled: (w: string) => `您的号码已叫到，请到${w}`,
  statusServing: (w: string) => `正在${w}办理`,
  statusDone: '业务已办结',
  statusNoShow: '您的号码已过号，请到原窗口说明，工作人员可为您重新排队',
  statusTransferred: '已转办，请继续等候',
  statusExpired: '该号码已过期',
  aheadOf: (n: number) => (n === 0 ? '下一位就是您' : `前面还有 ${n} 人`),
  rateTitle: '请您对本次服务作出评价',
  scores: ['非常不满意', '不满意', '基本满意', '满意', '非常满意'] as readonly string[],
  rated: '感谢您的评价！',
  rateLate: '评价时间已过，感谢您的配合。',
  rateFailed: '评价未成功，请重试。',
  live: '实时更新',
  offlineShort: '连接中断，正在重连…',
  issuedAt: '取号时间',
};

export type Texts = typeof zh;

const en: Texts = {
  appTitle: 'Take a ticket',
  chooseService: 'Choose your service',
  touchToStart: 'Touch a service to take a ticket',
  hoursToday: (periods, cutoffs) =>
    `Open today ${periods.join(', ')}` + (cutoffs ? ` (tickets until ${cutoffs.join(', ')})` : ''),
  hoursAlwaysOpen: 'Open all day today',
  hoursClosedToday: 'Closed today',
  listSeparator: ', ',
  issuedAtTime: (time: string) => `Taken at ${time}`,
  waiting: (n) => `${n} waiting`,
  waitMinutes: (m) => (m === null ? 'Wait unknown' : m <= 0 ? 'No wait' : `About ${m} min`),
  waitShort: (m) => (m === null ? 'unknown' : m <= 0 ? 'no wait' : `about ${m} min`),
  opensAt: (at) => `Tickets from ${at}`,
  closedNow: 'Not issuing now',
  quotaUsed: "Today's tickets are all taken",
  quotaLeft: (n) => `${n} left today`,
  greenChannel: 'Priority lane',
  greenWho: 'Elderly, disabled, sick, pregnant, veterans',
  greenThen: 'Choose your service',
  appointment: 'Appointment check-in',
  clear: 'Clear',
  backspace: 'Delete',
  next: 'Next',
  back: 'Back',
  cancel: 'Cancel',
  confirmTitle: 'Confirm',
  takeTicket: 'Take a ticket',
  takeGreen: 'Priority ticket',
  greenExplain: 'For the elderly, disabled, sick, pregnant and veterans',
  materials: 'Please bring',
  noMaterials: 'Nothing special to bring',
  issuing: 'Taking your ticket…',
  yourNumber: 'Your number',
  service: 'Service',
  windows: 'Window',
  ahead: 'Ahead of you',
  people: (n) => `${n}`,
  estimatedWait: 'Estimated wait',
  scanToFollow: 'Scan to follow your place on your phone',
  printing: 'Printing your ticket…',
  printQueued: 'Your ticket will print shortly…',
  printed: 'Ticket printed, please take it',
  printerProblem: 'Printer problem: ',
  notPrinted: 'Ticket not printed: ',
  photoHint: 'please take a photo of your number',
  done: 'Done',
  backIn: (s) => `Back to start in ${s} s`,
  largeText: 'Large text',
  contrast: 'Contrast',
  speech: 'Voice',
  language: '中文',
  speakTicket: (number, service, ahead) =>
    `Your number is ${number.split('').join(' ')}, for ${service}. ${ahead} ahead of you.`,
  speakWelcome: 'Welcome. Please choose your service.',
  greenBadge: 'Priority',
  appointmentMark: 'Appointment',
  offlineTitle: 'Connection lost',
  offlineText: 'Reconnecting automatically. Please wait, or ask at the service desk.',
  unavailableTitle: 'Under maintenance',
  unavailableText: 'Ticketing is briefly unavailable and recovers by itself. Please wait.',
  hallClosedTitle: 'Tickets are not issued now',
  hallClosedText: (at) => (at === null ? 'Please see the opening hours.' : `Tickets from ${at}`),
  hallClosedQueue: 'If you already have a ticket, please keep waiting: you will be served.',
  unpairedTitle: 'This kiosk is not set up',
  unpairedText: 'Staff: open the setup address (hall id and device token) on this kiosk.',
  refusedTitle: 'This kiosk is not set up',
  refusedText:
    'Its device token is not valid for this hall, so it cannot issue tickets. Please call staff.',
  disabledTitle: 'This kiosk is disabled',
  disabledText:
    'An administrator has disabled this kiosk. Please take a ticket at the service desk or another kiosk.',
  reconnecting: 'Reconnecting…',
  errorTitle: 'No ticket was issued',
  retry: 'Try again',
  serviceClosedMsg: (at) =>
    at === null
      ? 'This service is not issuing tickets now.'
      : `This service issues tickets from ${at}.`,
  quotaMsg: "Today's tickets for this service are all taken.",
  phoneTitle: 'My place in the queue',
  loading: 'Loading…',
  ticketNotFound: 'Ticket not found. Please check the QR code.',
  statusWaiting: 'Waiting',
  statusCalled: (w) => `Your number is called: please go to ${w}`,
  statusServing: (w) => `Being served at ${w}`,
  statusDone: 'Service finished',
  statusNoShow:
    'Your number was missed; please tell the clerk at the window, who can queue you again',
  statusTransferred: 'Transferred, please keep waiting',
  statusExpired: 'This ticket has expired',
  aheadOf: (n) => (n === 0 ? 'You are next' : `${n} ahead of you`),
  rateTitle: 'Please rate this service',
  scores: ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'],
  rated: 'Thank you for your rating!',
  rateLate: 'The time for rating has passed. Thank you.',
  rateFailed: 'The rating was not sent, please try again.',
  live: 'Live',
  offlineShort: 'Connection lost, reconnecting…',
  issuedAt: 'Issued',
};

export const texts: Record<Lang, Texts> = { zh, en };

export const LangContext = createContext<Lang>('zh');

/** The texts of the language chosen on this screen. */
export function useTexts(): Texts {
  return texts[useContext(LangContext)];
}

/** "14:30" or "11月24日 08:30" when not today, in the hall's time zone. */
export function formatOpensAt(iso: string, timeZone: string, lang: Lang, now = new Date()): string {
  const at = new Date(iso);
  const day = (d: Date) => d.toLocaleDateString('en-CA', { timeZone });
  const time = at.toLocaleTimeString('zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  if (day(at) === day(now)) return time;
  const date = at.toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    month: lang === 'zh' ? 'long' : 'short',
    day: 'numeric',
  });
  return `${date} ${time}`;
}

/** The language chosen on this screen. */
export function useLang(): Lang {
  return useContext(LangContext);
}
