/** What a notification is about. */
export type NotificationKind = 'turn_near' | 'called' | 'done' | 'reminder' | 'follow_up_contact';

/** The facts a message's text is made of, fixed when the notification is queued. */
export type MessageVars =
  | { kind: 'turn_near'; number: string; serviceName: string; ahead: number }
  | { kind: 'called'; number: string; windowName: string }
  | { kind: 'done'; number: string; serviceName: string }
  | { kind: 'reminder'; serviceName: string; slotText: string; code: string }
  | { kind: 'follow_up_contact'; number: string; windowName: string; score: number };

/**
 * The SMS text (Chinese, the hall's polite forms, full-width punctuation). `residentPhone` is the
 * number the supervisor calls back for a 回访; it appears in that message only.
 */
export function messageText(signature: string, v: MessageVars, residentPhone?: string): string {
  const head = `【${signature}】`;
  switch (v.kind) {
    case 'turn_near':
      return v.ahead === 0
        ? `${head}您的${v.number}号（${v.serviceName}）即将叫到，请回到大厅留意叫号。`
        : `${head}您的${v.number}号（${v.serviceName}）前面还有${v.ahead}位，请回到大厅留意叫号。`;
    case 'called':
      return `${head}请${v.number}号到${v.windowName}办理。`;
    case 'done':
      return `${head}您的${v.number}号（${v.serviceName}）业务已办结，感谢您的耐心等候。`;
    case 'reminder':
      return `${head}您预约了${v.slotText}的${v.serviceName}，预约码${v.code}。请在预约时间前后到取号机签到，如不能前来请提前取消。`;
    case 'follow_up_contact':
      return `${head}回访提醒：${v.number}号在${v.windowName}的服务评价为${v.score}分，群众联系电话${residentPhone ?? '未留'}，请在规定工作日内回访。`;
  }
}
