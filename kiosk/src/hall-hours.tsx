import type { HoursToday } from '@hall/protocol';
import { useTexts } from './i18n';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Today's opening hours and the time ticket issuing stops, on the start screen. */
export function HallHours({ hours }: { hours: HoursToday | undefined }) {
  const t = useTexts();
  if (!hours) return null;
  let text: string;
  if (hours.alwaysOpen) text = t.hoursAlwaysOpen;
  else if (hours.periods.length === 0) text = t.hoursClosedToday;
  else {
    const periods = hours.periods.map((p) => `${p.from}–${p.to}`);
    const cutoffs =
      hours.cutoffMinutes > 0
        ? hours.periods.map((p) => hhmm(minutes(p.to) - hours.cutoffMinutes))
        : null;
    text = t.hoursToday(periods, cutoffs);
  }
  return (
    <p className="hall-hours" data-testid="hall-hours">
      {text}
    </p>
  );
}
