import { useContext } from 'react';
import { LangContext, type Lang } from './i18n';

const zh = {
  title: '预约登记',
  link: '预约登记',
  intro: '为来电或到窗口的群众登记预约，并把预约码告诉对方。',
  service: '办理业务',
  date: '日期',
  slots: '可约时段',
  noSlots: '当天不办公或该业务不接受预约',
  left: (n: number) => (n > 0 ? `余${n}` : '已满'),
  closed: '暂停预约',
  past: '已过',
  afterHours: '预约延时服务（非办公时间，由本人接待）',
  afterHoursTime: '开始时间',
  phone: '手机号（选填）',
  name: '姓名（选填，仅工作人员可见）',
  consent: '群众同意接收预约提醒短信（仅用于本次预约的前一天提醒）',
  book: '确认预约',
  booking: '正在预约…',
  bookedTitle: '预约成功',
  code: '预约码',
  tellCode: '请告知群众预约码，并请其在以下时间内到取号机签到：',
  checkIn: (from: string, until: string) => `签到时间 ${from}–${until}`,
  another: '再约一位',
  dayList: (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日的预约`,
  noBookings: '当天暂无预约',
  cancel: '取消',
  cancelConfirm: (code: string) => `确定取消预约 ${code} 吗？`,
  status: {
    booked: '已预约',
    cancelled: '已取消',
    no_show: '未到',
    checked_in: '已签到',
  } as Record<string, string>,
  kindAfterHours: '延时服务',
  checkedInLate: '（迟到，按普通号）',
  back: '返回叫号终端',
  chooseSlot: '请选择时段',
};

const en: typeof zh = {
  title: 'Appointments',
  link: 'Appointments',
  intro: 'Book a slot for a resident on the phone or at the window, and tell them the code.',
  service: 'Service',
  date: 'Date',
  slots: 'Free slots',
  noSlots: 'Closed that day, or this service takes no appointments',
  left: (n: number) => (n > 0 ? `${n} left` : 'Full'),
  closed: 'Closed',
  past: 'Past',
  afterHours: 'After-hours service (outside opening hours, served by me)',
  afterHoursTime: 'Start time',
  phone: 'Mobile (optional)',
  name: 'Name (optional, staff only)',
  consent: 'The resident agrees to an SMS reminder (the day before this appointment only)',
  book: 'Book',
  booking: 'Booking…',
  bookedTitle: 'Booked',
  code: 'Code',
  tellCode: 'Tell the resident the code and to check in at the kiosk between:',
  checkIn: (from: string, until: string) => `Check-in ${from}–${until}`,
  another: 'Book another',
  dayList: (date: string) => `Bookings on ${date}`,
  noBookings: 'No bookings that day',
  cancel: 'Cancel',
  cancelConfirm: (code: string) => `Cancel appointment ${code}?`,
  status: {
    booked: 'Booked',
    cancelled: 'Cancelled',
    no_show: 'No-show',
    checked_in: 'Checked in',
  },
  kindAfterHours: 'After hours',
  checkedInLate: ' (late: normal ticket)',
  back: 'Back to the console',
  chooseSlot: 'Choose a slot',
};

export type BookingTexts = typeof zh;

export function bookingTexts(lang: Lang): BookingTexts {
  return lang === 'en' ? en : zh;
}

export function useBookingTexts(): BookingTexts {
  return bookingTexts(useContext(LangContext));
}

/** A code as it is read out: two groups of four. */
export function groupCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** The top bar's link to the booking page, for a signed-in member of staff. */
export function bookingLink(
  session: { hallId: string } | null,
  lang: Lang,
): { href: string; label: string } | undefined {
  if (!session) return undefined;
  return {
    href: `${import.meta.env.BASE_URL}booking?hall=${encodeURIComponent(session.hallId)}`,
    label: bookingTexts(lang).link,
  };
}
