import type { ClerkDesk } from '@hall/protocol';
import { useTexts } from './i18n';

/** Today's own counts: served, average service time, ratings. */
export function TodayStats({ desk }: { desk: ClerkDesk }) {
  const t = useTexts();
  const d = desk.today;
  return (
    <section className="card today" aria-label={t.today} data-testid="today">
      <h2>{t.today}</h2>
      <dl>
        <div>
          <dt>{t.served}</dt>
          <dd data-testid="served">{d.served}</dd>
        </div>
        <div>
          <dt>{t.avgService}</dt>
          <dd>{t.minutesSeconds(d.averageServiceSeconds)}</dd>
        </div>
        <div>
          <dt>{t.avgScore}</dt>
          <dd>{d.averageScore === null ? '—' : d.averageScore.toFixed(1)}</dd>
        </div>
        <div>
          <dt>{t.ratings}</dt>
          <dd>{d.rated}</dd>
        </div>
        <div>
          <dt>{t.unrated}</dt>
          <dd>{d.unrated}</dd>
        </div>
        <div>
          <dt>{t.noShows}</dt>
          <dd data-testid="no-shows">{d.noShows}</dd>
        </div>
      </dl>
    </section>
  );
}
