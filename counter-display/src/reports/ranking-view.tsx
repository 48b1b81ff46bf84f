import type { Ranking, RankingEntry } from '@hall/protocol';
import { useEffect, useState } from 'react';
import { useReportTexts } from './reports-i18n';

/** The month's 流动红旗 ranking, each part of the score in its own column. */
export function RankingView(props: {
  month: string;
  load: (month: string) => Promise<Ranking>;
  onExport: (month: string) => void;
}) {
  const t = useReportTexts();
  const r = t.ranking;
  const [month, setMonth] = useState(props.month);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { load } = props;
  useEffect(() => {
    let live = true;
    setError(null);
    load(month)
      .then((x) => live && setRanking(x))
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [load, month]);
  const table = (title: string, entries: RankingEntry[], testId: string) => (
    <div className="card rep-ranking">
      <h2>{title}</h2>
      <table className="rep-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{r.rank}</th>
            <th scope="col" className="rep-left">
              {t.columns.name}
            </th>
            <th scope="col">{r.served}</th>
            <th scope="col">{r.satisfaction}</th>
            <th scope="col">{r.withinLimit}</th>
            <th scope="col">{r.noComplaints}</th>
            <th scope="col">{r.score}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.key} className={e.rank === 1 ? 'rep-first' : undefined}>
              <td>
                {e.rank}
                {e.rank === 1 && <span className="rep-flag">{r.flag}</span>}
              </td>
              <th scope="row" className="rep-left">
                {e.name}
              </th>
              <td>
                {e.parts.served}
                <span className="rep-sub">（{e.served}）</span>
              </td>
              <td>
                {e.parts.satisfaction}
                <span className="rep-sub">（{t.percent(e.satisfactionRate)}）</span>
              </td>
              <td>
                {e.parts.withinLimit}
                <span className="rep-sub">（{t.percent(e.withinLimitRate)}）</span>
              </td>
              <td>
                {e.parts.noComplaints}
                <span className="rep-sub">
                  （{r.bad} {e.badRatings}）
                </span>
              </td>
              <td>
                <strong>{e.score}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && <p className="rep-muted">{t.empty}</p>}
    </div>
  );
  return (
    <section className="rep-section" aria-label={t.tabs.ranking}>
      <div className="rep-toolbar">
        <label className="rep-date">
          {r.month}
          <input
            type="month"
            value={month}
            onChange={(e) => e.target.value && setMonth(e.target.value)}
          />
        </label>
        <div className="rep-actions">
          <button type="button" onClick={() => props.onExport(month)}>
            {t.exportExcel}
          </button>
        </div>
      </div>
      {error && (
        <p className="rep-error" role="alert">
          {error}
        </p>
      )}
      {ranking && (
        <>
          <p className="rep-muted">{r.rule(ranking.rule)}</p>
          <div className="rep-ranking-pair">
            {table(r.windows, ranking.windows, 'rep-ranking-windows')}
            {table(r.clerks, ranking.clerks, 'rep-ranking-clerks')}
          </div>
        </>
      )}
    </section>
  );
}
