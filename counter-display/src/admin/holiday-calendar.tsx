import type { HallConfig } from '@hall/protocol';
import { useEffect, useState } from 'react';
import type { AdminApi } from './admin-api';
import { useAdminTexts } from './admin-i18n';
import { useForm } from './form';
import {
  builtInCovers,
  builtInMark,
  isWeekend,
  monthGrid,
  overrideMark,
  parseDayList,
  statutoryHolidays,
  type DayMark,
} from './holiday-days';

const HEAD = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * A month of the hall's calendar: the built-in holidays and make-up days (调休), and the hall's
 * own overrides (bold frame). A click cycles a day through 休 → 班 → the calendar's own; a year's
 * statutory holidays are added with one click and the State Council's list is pasted in.
 */
export function HolidayCalendar(props: {
  config: HallConfig;
  api: AdminApi;
  notify: (text: string, tone?: 'ok' | 'error') => void;
}) {
  const t = useAdminTexts();
  const h = t.hours;
  const { set, canEdit } = useForm();
  const editable = canEdit(['schedule']);
  const schedule = props.config.schedule;
  const overrides = schedule.overrides;
  const now = new Date();
  const [ym, setYm] = useState({ y: now.getFullYear(), m: now.getMonth() + 1 });
  const [pasted, setPasted] = useState('');
  const openHours = schedule.weekly[schedule.makeupDayHours] ?? ['09:00-17:00'];
  // the holidays' names (国庆节 …) as the server's dataset gives them, for each day's title
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const { api } = props;
  useEffect(() => {
    let alive = true;
    api
      .calendar(ym.y)
      .then((c) => {
        if (alive)
          setNames(new Map(c.days.filter((d) => d.name).map((d) => [d.date, d.name ?? ''])));
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [api, ym.y]);

  const markOf = (date: string): DayMark => {
    const own = overrides[date];
    if (own) return overrideMark(own);
    if (schedule.holidays === 'cn') return builtInMark(date);
    return isWeekend(date) ? 'weekend' : 'workday';
  };
  const setOverrides = (next: Record<string, string[]>) =>
    set(['schedule', 'overrides'], Object.fromEntries(Object.entries(next).sort()));
  const cycle = (date: string) => {
    const own = overrides[date];
    const next = { ...overrides };
    if (!own) next[date] = [];
    else if (own.length === 0) next[date] = [...openHours];
    else delete next[date];
    setOverrides(next);
  };
  const addStatutory = () => {
    const days = statutoryHolidays(ym.y);
    setOverrides({ ...overrides, ...Object.fromEntries(days.map((d) => [d.date, []])) });
    props.notify(h.addedStatutory(days.length, ym.y));
  };
  const importList = () => {
    const { days, bad } = parseDayList(pasted, openHours);
    const n = Object.keys(days).length;
    if (n > 0) setOverrides({ ...overrides, ...days });
    if (bad.length > 0)
      props.notify(h.badLines(bad.map((b) => h.badLine(b.line, b.text)).join('；')), 'error');
    else {
      props.notify(h.imported(n));
      setPasted('');
    }
  };
  const step = (by: number) => {
    const m0 = ym.y * 12 + (ym.m - 1) + by;
    setYm({ y: Math.floor(m0 / 12), m: (m0 % 12) + 1 });
  };
  const years = [
    now.getFullYear() - 1,
    now.getFullYear(),
    now.getFullYear() + 1,
    now.getFullYear() + 2,
  ];

  return (
    <section className="card adm-section" data-testid="holiday-calendar">
      <header className="adm-section-head">
        <h2>{h.calendar}</h2>
        <div className="adm-cal-nav">
          <button type="button" onClick={() => step(-1)} aria-label={h.prevMonth}>
            ‹
          </button>
          <select
            aria-label={h.month(ym.y, ym.m)}
            value={ym.y}
            onChange={(e) => setYm({ ...ym, y: Number(e.target.value) })}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <strong aria-live="polite" data-testid="calendar-month">
            {h.month(ym.y, ym.m)}
          </strong>
          <button type="button" onClick={() => step(1)} aria-label={h.nextMonth}>
            ›
          </button>
        </div>
      </header>
      {schedule.holidays === 'cn' && !builtInCovers(ym.y) && (
        <p className="adm-warn" role="note">
          {h.notCovered(ym.y)}
        </p>
      )}
      <table className="adm-cal">
        <thead>
          <tr>
            {HEAD.map((d) => (
              <th key={d} scope="col">
                {h.weekdays[d]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(ym.y, ym.m).map((week, w) => (
            <tr key={w}>
              {week.map((date, i) => {
                if (!date) return <td key={i} />;
                const mark = markOf(date);
                const own = overrides[date] !== undefined;
                return (
                  <td key={date}>
                    <button
                      type="button"
                      className={`adm-day adm-day-${mark}${own ? ' adm-day-own' : ''}`}
                      disabled={!editable}
                      aria-pressed={own}
                      aria-label={h.dayLabel(date, h.marks[mark])}
                      title={names.get(date) ? `${date} ${names.get(date)}` : date}
                      data-date={date}
                      onClick={() => cycle(date)}
                    >
                      <span className="adm-day-n">{Number(date.slice(8))}</span>{' '}
                      <span className="adm-day-mark">{h.marks[mark]}</span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="adm-legend">
        <span className="adm-day-holiday">{h.legendHoliday}</span>
        <span className="adm-day-makeup">{h.legendMakeup}</span>
        <span className="adm-day-own">{h.legendOverride}</span>
      </p>
      <p className="adm-hint">{h.calendarHint}</p>
      {editable && (
        <div className="adm-cal-tools">
          <button type="button" className="primary" onClick={addStatutory}>
            {h.addStatutory(ym.y)}
          </button>
          <div className="adm-field adm-wide">
            <label htmlFor="holiday-import">{h.importTitle}</label>
            <textarea
              id="holiday-import"
              rows={4}
              value={pasted}
              placeholder={'2027-01-01 休\n2027-02-07 班'}
              aria-describedby="holiday-import-hint"
              onChange={(e) => setPasted(e.target.value)}
            />
            <small id="holiday-import-hint" className="adm-hint">
              {h.importHint}
            </small>
          </div>
          <button type="button" onClick={importList} disabled={pasted.trim() === ''}>
            {h.importButton}
          </button>
        </div>
      )}
    </section>
  );
}
