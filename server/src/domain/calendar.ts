import chineseDays from 'chinese-days';

/** What kind of day a date is, for opening hours. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

/** Looks up the kind of a date (YYYY-MM-DD); injectable so tests can pin a calendar. */
export type HolidayCalendar = (date: string) => DayKind;

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** Weekdays and weekends only, for halls that follow no national calendar. */
export const plainCalendar: HolidayCalendar = (date) => (isWeekend(date) ? 'weekend' : 'workday');

/**
 * China's statutory holidays (法定节假日) and make-up workdays (调休) from the
 * maintained chinese-days dataset; outside the years it covers, plain weekdays.
 */
export const chineseCalendar: HolidayCalendar = (date) => {
  const weekend = isWeekend(date);
  const detail = chineseDays.getDayDetail(date);
  const named = !/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(detail.name);
  if (!detail.work && named) return 'holiday';
  if (detail.work && weekend) return 'makeup_workday';
  return weekend ? 'weekend' : 'workday';
};
