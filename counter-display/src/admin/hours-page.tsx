import type { HallConfig } from '@hall/protocol';
import type { AdminApi } from './admin-api';
import { useAdminTexts } from './admin-i18n';
import { Field, Section } from './form';
import { HolidayCalendar } from './holiday-calendar';
import { WeeklyHours } from './weekly-hours';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** 办公时间: weekly hours, cut-off, holiday rule, and the calendar of holidays and 调休. */
export function HoursPage(props: {
  config: HallConfig;
  api: AdminApi;
  notify: (text: string, tone?: 'ok' | 'error') => void;
}) {
  const h = useAdminTexts().hours;
  const base = ['schedule'] as const;
  return (
    <>
      <Section title={h.weekly}>
        <Field path={[...base, 'alwaysOpen']} label={h.alwaysOpen} kind="checkbox" wide />
        <WeeklyHours base={base} />
        <Field path={[...base, 'cutoffMinutes']} label={h.cutoffMinutes} kind="number" step={1} />
        <Field
          path={[...base, 'holidays']}
          label={h.holidays}
          kind="select"
          options={(['cn', 'none'] as const).map((v) => ({ value: v, label: h.holidayModes[v] }))}
        />
        <Field
          path={[...base, 'makeupDayHours']}
          label={h.makeupDayHours}
          kind="select"
          options={DAYS.map((d) => ({ value: d, label: h.weekdays[d] }))}
        />
      </Section>
      <HolidayCalendar config={props.config} api={props.api} notify={props.notify} />
    </>
  );
}
