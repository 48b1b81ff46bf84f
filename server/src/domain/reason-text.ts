import type { CallReasonCode } from '@hall/protocol';

export interface ReasonParts {
  code: CallReasonCode;
  fromWindowName?: string;
  greenInRow?: number;
  maxGreenInRow: number;
  appointmentInRow?: number;
  maxAppointmentInRow?: number;
  serviceName: string;
  note?: string;
}

/** The console's "why this ticket is next", in the caller's language. */
export function reasonText(r: ReasonParts, lang: 'zh' | 'en'): string {
  const from = r.fromWindowName ?? (lang === 'zh' ? '其他窗口' : 'another window');
  if (lang === 'en') {
    switch (r.code) {
      case 'window_queue':
        return `transferred to this window from ${from}`;
      case 'transferred':
        return `transferred from ${from}; goes first`;
      case 'green':
        return `green channel (${r.greenInRow ?? 1} in a row)`;
      case 'green_interleave':
        return `normal ticket after ${r.maxGreenInRow} green in a row`;
      case 'appointment':
        return `appointment (${r.appointmentInRow ?? 1} in a row)`;
      case 'appointment_interleave':
        return `green channel or normal ticket after ${r.maxAppointmentInRow ?? 2} appointments in a row`;
      case 'requeued':
        return 're-queued after a missed call';
      case 'oldest':
        return `longest waiting for ${r.serviceName}`;
      case 'chosen':
        return `called out of order: ${r.note ?? ''}`;
    }
  }
  switch (r.code) {
    case 'window_queue':
      return `由${from}转来本窗口，优先办理`;
    case 'transferred':
      return `由${from}转入，排在最前`;
    case 'green':
      return `绿色通道（连续第${r.greenInRow ?? 1}位）`;
    case 'green_interleave':
      return `已连续叫${r.maxGreenInRow}位绿色通道，轮到普通号`;
    case 'appointment':
      return `预约（连续第${r.appointmentInRow ?? 1}位）`;
    case 'appointment_interleave':
      return `已连续叫${r.maxAppointmentInRow ?? 2}位预约，轮到绿色通道或普通号`;
    case 'requeued':
      return '过号后重新排队';
    case 'oldest':
      return `${r.serviceName}等候最久`;
    case 'chosen':
      return `指定叫号：${r.note ?? ''}`;
  }
  return r.code;
}
