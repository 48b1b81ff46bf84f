import { useContext } from 'react';
import { LangContext, type Lang } from './i18n';

/** Texts of staff priority (绿色通道 by staff), appointment marks and issuing for a resident. */
const zh = {
  appointmentMark: '预约',
  lateMark: '预约迟到',
  greenMark: '绿色通道',
  setGreen: '设为绿色通道',
  unsetGreen: '取消绿色通道',
  setGreenTitle: (n: string) => `将 ${n} 设为绿色通道`,
  unsetGreenTitle: (n: string) => `取消 ${n} 的绿色通道`,
  reason: '原因（必填，记入记录）',
  reasonMissing: '请填写原因',
  greenReasons: ['老年人', '残疾人', '孕妇', '病人', '军人', '急事急办'],
  unsetReasons: ['误选绿色通道', '经核实不符合条件', '群众本人要求'],
  greenSet: (n: string) => `${n} 已设为绿色通道`,
  greenUnset: (n: string) => `${n} 已取消绿色通道`,
  issue: '为群众取号',
  issueTitle: '为群众取号',
  issueIntro: '为到窗口或服务台的群众取号，号码按所选业务排队。',
  service: '办理业务',
  green: '绿色通道（优先办理）',
  issueConfirm: '取号',
  issued: '已取号',
  tellNumber: '请把号码告诉群众，并请其留意叫号。',
  issuedToast: (n: string) => `已为群众取号 ${n}`,
  anotherIssue: '再取一个',
  close: '关闭',
};

type PriorityTexts = typeof zh;

const en: PriorityTexts = {
  appointmentMark: 'Appointment',
  lateMark: 'Late for appointment',
  greenMark: 'Green channel',
  setGreen: 'Make green',
  unsetGreen: 'Remove green',
  setGreenTitle: (n) => `Green channel for ${n}`,
  unsetGreenTitle: (n) => `Remove the green channel of ${n}`,
  reason: 'Reason (required, recorded)',
  reasonMissing: 'Give the reason',
  greenReasons: ['Elderly', 'Disabled', 'Pregnant', 'Sick', 'Veteran', 'Urgent case'],
  unsetReasons: ['Chosen by mistake', 'Not eligible on checking', "The resident's wish"],
  greenSet: (n) => `${n} is now green channel`,
  greenUnset: (n) => `${n} is no longer green channel`,
  issue: 'Ticket for a resident',
  issueTitle: 'Issue a ticket for a resident',
  issueIntro:
    'For a resident at the counter or the service desk; the ticket queues in its service.',
  service: 'Service',
  green: 'Green channel (priority)',
  issueConfirm: 'Issue',
  issued: 'Issued',
  tellNumber: 'Tell the resident the number and ask them to wait for the call.',
  issuedToast: (n) => `Issued ${n} for a resident`,
  anotherIssue: 'Another one',
  close: 'Close',
};

const all: Record<Lang, PriorityTexts> = { zh, en };

/** The priority texts of the console's language. */
export function usePriorityTexts(): PriorityTexts {
  return all[useContext(LangContext)];
}
