import type { RatingStats, User } from '@hall/protocol';
import { useSupervisorTexts } from './supervisor-i18n';

/** Today's evaluation counts per clerk (考核): offered, rated, 未评价, bad, average. */
export function SupRatingTable(props: {
  day: string;
  stats: RatingStats | null;
  staff: Map<string, User>;
}) {
  const t = useSupervisorTexts();
  const clerks = props.stats?.clerks ?? [];
  return (
    <section className="card sup-section" aria-labelledby="sup-ratings" data-testid="sup-ratings">
      <h2 id="sup-ratings">{t.today(props.day)}</h2>
      {clerks.length === 0 ? (
        <p className="muted">{t.noStats}</p>
      ) : (
        <table className="sup-table">
          <thead>
            <tr>
              <th scope="col">{t.clerk}</th>
              <th scope="col" className="num">
                {t.offered}
              </th>
              <th scope="col" className="num">
                {t.rated}
              </th>
              <th scope="col" className="num">
                {t.unrated}
              </th>
              <th scope="col" className="num">
                {t.bad}
              </th>
              <th scope="col" className="num">
                {t.avg}
              </th>
            </tr>
          </thead>
          <tbody>
            {clerks.map((c) => {
              const who = props.staff.get(c.clerkId);
              return (
                <tr key={c.clerkId} data-testid={`sup-rating-${c.clerkId}`}>
                  <th scope="row">
                    {who?.name ?? c.clerkId}
                    {who && <span className="muted small"> · {t.jobNo(who.jobNo)}</span>}
                  </th>
                  <td className="num">{c.offered}</td>
                  <td className="num">{c.rated}</td>
                  <td className="num">{c.unrated}</td>
                  <td className={`num ${c.bad > 0 ? 'sup-bad' : ''}`}>{c.bad}</td>
                  <td className="num">
                    {c.averageScore === null ? '—' : c.averageScore.toFixed(1)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
