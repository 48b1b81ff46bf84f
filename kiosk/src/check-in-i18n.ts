import { useContext } from 'react';
import { LangContext, type Lang } from './i18n';

/** Texts of appointment check-in, the priority marks and the phone number for SMS, Chinese first. */
const zh = {
  checkInTitle: '预约签到',
  byCode: '预约码',
  byPhone: '手机号',
  codeHint: '请输入预约时收到的8位预约码',
  codeNote: '预约码由数字和字母组成，不含 0、1、I、L、O',
  phoneHint: '请输入预约时登记的手机号',
  phoneNote: '11位手机号，仅用于查找您今天的预约',
  checkIn: '签到取号',
  clear: '清除',
  backspace: '退格',
  cancel: '取消',
  // results
  appointmentMark: '预约',
  greenMark: '绿色通道',
  onTime: '预约签到成功，优先叫号',
  late: '已超过预约签到时间，按普通号排队',
  /** Said before the ticket's number when the voice is on. */
  speakCheckIn: (r: 'on_time' | 'late'): string =>
    r === 'on_time' ? '预约签到成功。' : '已超过预约签到时间，按普通号排队。',
  earlyTitle: '还没到签到时间',
  earlyText: (at: string) => `请于 ${at} 后签到`,
  earlyNote: '请在大厅稍候，到时间后再来签到。',
  notFoundTitle: '未找到该预约',
  notFoundCode: '请核对预约码或到服务台咨询。',
  notFoundPhone: '这个手机号今天没有可签到的预约。请核对号码，或到服务台咨询。',
  usedTitle: '该预约已签到',
  usedText: '每个预约只能签到一次。已取号的群众请留意叫号；如有疑问请到服务台咨询。',
  cancelledTitle: '该预约已取消',
  cancelledText: '如仍需办理，请直接取号排队，或到服务台咨询。',
  tryAgain: '重新输入',
  youTyped: (v: string) => `您输入的是：${v}`,
  askStaffTitle: '绿色通道',
  askStaffText: '请到服务台由工作人员办理',
  askStaffWho: '老弱病残孕、军人请到服务台，由工作人员为您优先取号。',
  // phone number for SMS
  smsOffer: '短信提醒（选填）',
  smsTitle: '留下手机号，快到号时短信提醒您',
  smsConsent: '我同意本大厅使用此手机号发送短信',
  smsPurpose: '用于叫号提醒和服务回访，不公开显示，到期自动删除。',
  smsSend: '确认提交',
  smsNeedConsent: '请先勾选同意，再提交',
  smsSaved: (masked: string) => `已登记 ${masked}，快到号时将短信提醒您`,
  smsFailed: '提交未成功，请重试或直接完成',
  smsSkip: '不用了',
  phoneNumber: '手机号',
};

type CheckInTexts = typeof zh;

const en: CheckInTexts = {
  checkInTitle: 'Appointment check-in',
  byCode: 'Code',
  byPhone: 'Phone number',
  codeHint: 'Enter the 8-character code of your appointment',
  codeNote: 'Digits and letters, without 0, 1, I, L or O',
  phoneHint: 'Enter the phone number you booked with',
  phoneNote: '11 digits, only to find your appointment today',
  checkIn: 'Check in',
  clear: 'Clear',
  backspace: 'Delete',
  cancel: 'Cancel',
  appointmentMark: 'Appointment',
  greenMark: 'Priority',
  onTime: 'Checked in: you will be called with priority',
  late: 'Too late for your appointment: you queue as a normal ticket',
  speakCheckIn: (r) =>
    r === 'on_time' ? 'You are checked in. ' : 'Too late for your appointment. ',
  earlyTitle: 'Too early to check in',
  earlyText: (at) => `Please check in after ${at}`,
  earlyNote: 'Please wait in the hall and check in then.',
  notFoundTitle: 'Appointment not found',
  notFoundCode: 'Please check your code, or ask at the service desk.',
  notFoundPhone:
    'This number has no appointment to check in today. Please check it, or ask at the service desk.',
  usedTitle: 'Already checked in',
  usedText:
    'An appointment checks in once. If you have your ticket, please wait for your call; otherwise ask at the service desk.',
  cancelledTitle: 'Appointment cancelled',
  cancelledText: 'Please take a normal ticket, or ask at the service desk.',
  tryAgain: 'Enter again',
  youTyped: (v) => `You entered: ${v}`,
  askStaffTitle: 'Priority lane',
  askStaffText: 'Please ask staff at the service desk',
  askStaffWho: 'Elderly, disabled, sick, pregnant or veteran: staff at the desk issue your ticket.',
  smsOffer: 'SMS reminder (optional)',
  smsTitle: 'Leave your phone number for an SMS when your turn is near',
  smsConsent: 'I agree that the hall sends SMS to this number',
  smsPurpose:
    'For call reminders and follow-up on the service; never shown publicly, deleted in time.',
  smsSend: 'Submit',
  smsNeedConsent: 'Please tick your consent first',
  smsSaved: (masked) => `Saved ${masked}: we send an SMS when your turn is near`,
  smsFailed: 'Not saved, please try again or tap Done',
  smsSkip: 'No, thanks',
  phoneNumber: 'Phone number',
};

const all: Record<Lang, CheckInTexts> = { zh, en };

/** The check-in texts of the language chosen on this screen. */
export function useCheckInTexts(): CheckInTexts {
  return all[useContext(LangContext)];
}

/** The check-in texts of a language, outside a component. */
export const checkInTexts = (lang: Lang): CheckInTexts => all[lang];

/** 13800138000 → "138 0013 8000", as a resident reads a number aloud. */
export function groupPhone(digits: string): string {
  return [digits.slice(0, 3), digits.slice(3, 7), digits.slice(7)].filter(Boolean).join(' ');
}

/** 13800138000 → "138****8000": what the kiosk shows once the number is sent. */
export function maskPhone(digits: string): string {
  return digits.length === 11 ? `${digits.slice(0, 3)}****${digits.slice(7)}` : digits;
}

/** K7M2QX9P → "K7M2 QX9P". */
export function groupCode(code: string): string {
  return code.length > 4 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}
