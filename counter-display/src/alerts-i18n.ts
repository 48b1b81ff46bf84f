import type { AlertKind } from '@hall/protocol';
import { useContext } from 'react';
import { LangContext, type Lang } from './i18n';

export type TimerLevel = 'none' | 'yellow' | 'red';

/** Texts of the time limits, timers and alerts (board and console), Chinese first. */
const zh = {
  level: { none: '正常', yellow: '预警', red: '超时' } satisfies Record<TimerLevel, string>,
  kind: {
    wait_limit: '等候时长',
    call_limit: '叫号未到',
    service_limit: '办理时长',
    pause_limit: '暂停时长',
    unstaffed_queue: '空岗',
    idle_post: '脱岗',
    bad_rating: '差评',
    follow_up_overdue: '回访超期未办',
  } satisfies Record<AlertKind, string>,
  withLevel: (kind: string, level: string) => `${kind}${level}`,
  cardYellow: '黄牌',
  cardRed: '红牌',
  called: '已叫号',
  serving: '已办理',
  paused: '已暂停',
  idle: '空闲',
  waited: '已等',
  longestWait: '最长等候',
  nobodyWaits: '无人等候',
  unstaffed: '无窗口受理',
  limit: (m: number) => `限时 ${formatMinutes(m, 'zh')}`,
  openAlerts: (n: number) => `待处理 ${n} 条`,
  history: '今日告警记录',
  noOpen: '暂无待处理告警',
  noHistory: '今日尚无告警',
  ack: '确认',
  ackNote: '处理说明',
  ackNotePlaceholder: '处理说明（选填）',
  submit: '提交',
  cancel: '取消',
  acked: (by: string, at: string) => `${by} 已于 ${at} 确认`,
  cleared: (at: string) => `${at} 已解除`,
  raisedAt: (at: string) => `${at} 发出`,
  since: (at: string) => `自 ${at}`,
  sound: (on: boolean) => `红牌提示音：${on ? '开' : '关'}`,
  clerk: (name: string, jobNo: string) => `${name}（工号 ${jobNo}）`,
  score: (s: number) => `${s} 分`,
  transferNote: '转办留言：',
  subject: (parts: string[]) => parts.filter(Boolean).join(' · '),
  pause: { brief: '请稍候', closed: '暂停服务' },
};

const en: typeof zh = {
  level: { none: 'OK', yellow: 'Warning', red: 'Over limit' },
  kind: {
    wait_limit: 'Waiting time',
    call_limit: 'Called, not arrived',
    service_limit: 'Service time',
    pause_limit: 'Pause time',
    unstaffed_queue: 'Unstaffed queue',
    idle_post: 'Clerk away',
    bad_rating: 'Bad rating',
    follow_up_overdue: 'Follow-up overdue',
  },
  withLevel: (kind: string, level: string) => `${kind}: ${level.toLowerCase()}`,
  cardYellow: 'Yellow card',
  cardRed: 'Red card',
  called: 'Called',
  serving: 'Serving',
  paused: 'Paused',
  idle: 'Idle',
  waited: 'Waited',
  longestWait: 'Longest wait',
  nobodyWaits: 'Nobody waiting',
  unstaffed: 'No open window',
  limit: (m: number) => `limit ${formatMinutes(m, 'en')}`,
  openAlerts: (n: number) => `${n} open`,
  history: "Today's alerts",
  noOpen: 'No open alerts',
  noHistory: 'No alerts today',
  ack: 'Acknowledge',
  ackNote: 'Note',
  ackNotePlaceholder: 'What is being done (optional)',
  submit: 'Submit',
  cancel: 'Cancel',
  acked: (by: string, at: string) => `acknowledged by ${by} at ${at}`,
  cleared: (at: string) => `cleared at ${at}`,
  raisedAt: (at: string) => `raised ${at}`,
  since: (at: string) => `since ${at}`,
  sound: (on: boolean) => `Red alert sound: ${on ? 'on' : 'off'}`,
  clerk: (name: string, jobNo: string) => `${name} (Staff No. ${jobNo})`,
  score: (s: number) => `score ${s}`,
  transferNote: 'Transfer note: ',
  subject: (parts: string[]) => parts.filter(Boolean).join(' · '),
  pause: { brief: 'Brief pause', closed: 'Closed' },
};

export type AlertTexts = typeof zh;

/** 0.5 → 30 秒, 3 → 3 分钟. */
function formatMinutes(m: number, lang: Lang): string {
  if (m < 1) return lang === 'zh' ? `${Math.round(m * 60)} 秒` : `${Math.round(m * 60)} s`;
  return lang === 'zh' ? `${m} 分钟` : `${m} min`;
}

export function useAlertTexts(): AlertTexts {
  return useContext(LangContext) === 'en' ? en : zh;
}
