import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

/** Every text on the hall screen, Chinese first. */
const zh = {
  title: '大厅叫号屏',
  nowCalling: '正在叫号',
  pleaseGo: (window: string) => `请到 ${window} 办理`,
  goShort: (window: string) => `请到${window}`,
  noCallYet: '请留意叫号',
  recentCalls: '最近叫号',
  windows: '窗口状态',
  waiting: '等候人数',
  waitingCount: (n: number) => `${n} 人`,
  waitMinutes: (m: number | null) => (m === null || m <= 0 ? '' : `约${m}分钟`),
  statusServing: '办理中',
  statusCalled: '请前往',
  statusIdle: '等待叫号',
  statusBrief: '请稍候',
  statusPaused: '暂停服务',
  statusClosed: '未开放',
  recall: '重呼',
  notices: '公告',
  offline: '连接中断',
  connecting: '连接中…',
  live: '已连接',
  voiceOn: '语音播报',
  voiceChimeOnly: '无中文语音，仅提示音',
  voiceQuiet: '静音时段',
  voiceMuted: '声音已关闭',
  voiceBlocked: '点击屏幕开启声音',
  noHall: '请在地址中指定大厅：/hall?hall=大厅编号',
  hallNotFound: '找不到该服务大厅',
  deviceRefused: '本机未配置：设备凭证无效或不属于本大厅，请联系工作人员',
  deviceDisabled: '本机已停用，请联系工作人员',
  loading: '正在加载…',
  switchLang: 'English',
  windowName: (id: string, name: string) => name || `${id}号窗口`,
  /** On LED walls: 3号 for window 3. */
  windowShort: (id: string, name: string) => (/^\d+$/.test(id) ? `${id}号` : name || id),
  weekdays: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
};

export type Texts = typeof zh;

const en: Texts = {
  title: 'Hall screen',
  nowCalling: 'Now calling',
  pleaseGo: (window: string) => `please go to ${window}`,
  goShort: (window: string) => `to ${window}`,
  noCallYet: 'Please listen for your number',
  recentCalls: 'Recent calls',
  windows: 'Windows',
  waiting: 'Waiting',
  waitingCount: (n: number) => `${n}`,
  waitMinutes: (m: number | null) => (m === null || m <= 0 ? '' : `~${m} min`),
  statusServing: 'Serving',
  statusCalled: 'Called',
  statusIdle: 'Ready',
  statusBrief: 'Back soon',
  statusPaused: 'Closed',
  statusClosed: 'Not open',
  recall: 'Recall',
  notices: 'Notices',
  offline: 'Offline',
  connecting: 'Connecting…',
  live: 'Connected',
  voiceOn: 'Voice on',
  voiceChimeOnly: 'No Chinese voice: chime only',
  voiceQuiet: 'Quiet hours',
  voiceMuted: 'Sound off',
  voiceBlocked: 'Click to turn on sound',
  noHall: 'Give the hall in the address: /hall?hall=HALL_ID',
  hallNotFound: 'Hall not found',
  deviceRefused:
    'This screen is not set up: its device token is not valid for this hall. Please call staff.',
  deviceDisabled: 'This screen has been disabled. Please call staff.',
  loading: 'Loading…',
  switchLang: '中文',
  windowName: (id: string) => `Window ${id}`,
  windowShort: (id: string) => `W${id}`,
  weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export const texts: Record<Lang, Texts> = { zh, en };

export const LangContext = createContext<Lang>('zh');

export function useTexts(): Texts {
  return texts[useContext(LangContext)];
}
