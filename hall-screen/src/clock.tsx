import { useTexts } from './i18n';

/** Date, weekday and time in the hall's time zone. */
export function Clock({
  now,
  timeZone,
  compact = false,
}: {
  now: number;
  timeZone: string;
  compact?: boolean;
}) {
  const t = useTexts();
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const dayIndex = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const time = `${get('hour')}:${get('minute')}`;
  if (compact) return <span className="clock clock-compact">{time}</span>;
  return (
    <div className="clock" data-testid="clock">
      <span className="clock-date">
        {get('year')}-{get('month')}-{get('day')} {t.weekdays[dayIndex] ?? ''}
      </span>
      <span className="clock-time">
        {time}
        <span className="clock-seconds">:{get('second')}</span>
      </span>
    </div>
  );
}
