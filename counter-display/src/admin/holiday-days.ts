import chineseDays from 'chinese-days';

/** How the hall treats a date: the built-in calendar's verdict or an override of the config. */
export type DayMark = 'holiday' | 'makeup' | 'workday' | 'weekend';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) =>
  ISO.test(d) && new Date(`${d}T12:00:00Z`).toISOString().slice(0, 10) === d;

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const isWeekend = (date: string): boolean => {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/**
 * The built-in calendar (the chinese-days dataset the server uses): statutory holidays and
 * make-up workdays of the years it covers, plain weekends elsewhere.
 */
export function builtInMark(date: string): DayMark {
  const weekend = isWeekend(date);
  const detail = chineseDays.getDayDetail(date);
  const named = !/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(detail.name);
  if (!detail.work && named) return 'holiday';
  if (detail.work && weekend) return 'makeup';
  return weekend ? 'weekend' : 'workday';
}

/** Whether the dataset knows the year's holidays (it ends with the last published notice). */
export function builtInCovers(year: number): boolean {
  return [`${year}-01-01`, `${year}-10-01`].some((d) => builtInMark(d) === 'holiday');
}

/** An override's meaning: [] is closed (休), any periods an open day (班). */
export const overrideMark = (periods: readonly string[]): DayMark =>
  periods.length === 0 ? 'holiday' : 'makeup';

/**
 * The statutory holidays (法定节假日) of a year as the law fixes them: 元旦, 春节 (除夕 to 初三),
 * 清明, 劳动节 (two days), 端午, 中秋, 国庆 (three days). The bridging days and make-up
 * workdays (调休) are announced each year by the State Council: those are imported as a list.
 */
export function statutoryHolidays(year: number): { date: string; name: string; nameEn: string }[] {
  const lunar = (md: string) => chineseDays.getSolarDateFromLunar(`${year}-${md}`).date;
  const springFestival = lunar('01-01');
  const days = [
    { date: `${year}-01-01`, name: '元旦', nameEn: "New Year's Day" },
    ...[-1, 0, 1, 2].map((n) => ({
      date: addDays(springFestival, n),
      name: '春节',
      nameEn: 'Spring Festival',
    })),
    {
      date: chineseDays.getSolarTermDate(year, 4, 'pure_brightness'),
      name: '清明节',
      nameEn: 'Qingming',
    },
    { date: `${year}-05-01`, name: '劳动节', nameEn: 'Labour Day' },
    { date: `${year}-05-02`, name: '劳动节', nameEn: 'Labour Day' },
    { date: lunar('05-05'), name: '端午节', nameEn: 'Dragon Boat Festival' },
    { date: lunar('08-15'), name: '中秋节', nameEn: 'Mid-Autumn Festival' },
    ...[1, 2, 3].map((d) => ({ date: `${year}-10-0${d}`, name: '国庆节', nameEn: 'National Day' })),
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** One line of a pasted list that could not be read, numbered from 1. */
export interface BadLine {
  line: number;
  text: string;
}

const CLOSED = /^(休|休息|放假|假|holiday|off|closed)$/i;
const OPEN = /^(班|上班|调休上班|补班|workday|work|open)$/i;

/**
 * Reads a pasted list of days, one a line: `2027-01-01 休`, `2027-02-07 班`, or a range
 * `2027-10-01 至 2027-10-07 休` (also `~`, `..`, `-` with spaces). A closed day becomes [] and
 * an open day the `openHours` given (the weekday whose hours make-up days use).
 */
export function parseDayList(
  text: string,
  openHours: readonly string[],
): { days: Record<string, string[]>; bad: BadLine[] } {
  const days: Record<string, string[]> = {};
  const bad: BadLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/[\u3000\t，,：:]/g, ' ').trim();
    if (line === '' || line.startsWith('#')) return;
    const m =
      /^(\d{4}-\d{2}-\d{2})(?:\s*(?:至|到|~|～|\.\.|\s-\s)\s*(\d{4}-\d{2}-\d{2}))?\s+(\S+)/.exec(
        line,
      );
    const from = m?.[1];
    const to = m?.[2] ?? from;
    const word = m?.[3] ?? '';
    const closed = CLOSED.test(word);
    if (
      !from ||
      !to ||
      !validDate(from) ||
      !validDate(to) ||
      to < from ||
      (!closed && !OPEN.test(word))
    ) {
      bad.push({ line: i + 1, text: raw.trim() });
      return;
    }
    for (let d = from; d <= to; d = addDays(d, 1)) days[d] = closed ? [] : [...openHours];
  });
  return { days, bad };
}

/** The weeks of a month as dates (null outside the month), weeks starting on Monday. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const lead = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 0; d < length; d++) cells.push(addDays(first, d));
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}
