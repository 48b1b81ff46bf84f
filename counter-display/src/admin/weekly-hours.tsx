import type { Path } from './config-edit';
import { useAdminTexts } from './admin-i18n';
import { Field } from './form';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A schedule's periods for each weekday (empty: closed that day). */
export function WeeklyHours({ base }: { base: Path }) {
  const t = useAdminTexts().hours;
  return (
    <>
      {DAYS.map((d) => (
        <Field key={d} path={[...base, 'weekly', d]} label={t.weekdays[d]} kind="periods" />
      ))}
      <p className="adm-hint adm-wide">{t.weeklyHint}</p>
    </>
  );
}
