import type { PublicWindow } from '@hall/protocol';
import type { Lang } from './i18n';
import type { WindowState } from './supervisor-i18n';

/** A time in the hall's time zone: 14:05 today, 11-26 14:05 on another day. */
export function hallTime(iso: string, timeZone: string, lang: Lang, withDate = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    ...(withDate ? { month: '2-digit', day: '2-digit' } : {}),
  }).format(d);
}

/** 空闲 / 叫号中 / 办理中 / 请稍候 / 暂停服务 / 未签到 from the window's sign and current ticket. */
export function windowState(w: PublicWindow): WindowState {
  switch (w.status) {
    case 'closed':
      return 'closed';
    case 'brief_pause':
      return 'brief';
    case 'paused':
      return 'paused';
    case 'open':
      if (w.currentStatus === 'called') return 'calling';
      if (w.currentStatus === 'serving') return 'serving';
      return 'idle';
  }
}
