import type { Report, ReportRow } from '@hall/protocol';
import { useEffect, useState } from 'react';
import { useReportTexts } from './reports-i18n';

/** The monthly report on A4 (the browser prints it): hall, period and totals on top. */
export function PrintView(props: {
  hallName: string;
  from: string;
  to: string;
  load: (by: 'service' | 'window') => Promise<Report>;
  onBack: () => void;
}) {
  const t = useReportTexts();
  const c = t.columns;
  const { load } = props;
  const [reports, setReports] = useState<[Report, Report] | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([load('service'), load('window')]).then((r) => live && setReports(r));
    return () => {
      live = false;
    };
  }, [load]);
  const now = new Date();
  const printed = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const table = (title: string, rows: ReportRow[], total: ReportRow) => (
    <>
      <h2>{title}</h2>
      <table className="print-table">
        <thead>
          <tr>
            <th scope="col">{c.name}</th>
            <th scope="col">{c.issued}</th>
            <th scope="col">{c.served}</th>
            <th scope="col">{c.noShow}</th>
            <th scope="col">{c.transferred}</th>
            <th scope="col">{c.waitMean}</th>
            <th scope="col">{c.waitP90}</th>
            <th scope="col">{c.serviceMean}</th>
            <th scope="col">{c.withinLimitRate}</th>
            <th scope="col">{c.oneTimeNotices}</th>
            <th scope="col">{c.satisfactionRate}</th>
          </tr>
        </thead>
        <tbody>
          {[...rows, { ...total, name: t.totals }].map((r, i) => (
            <tr key={i} className={i === rows.length ? 'print-total' : undefined}>
              <th scope="row">{r.name}</th>
              <td>{r.issued}</td>
              <td>{r.served}</td>
              <td>{r.noShow}</td>
              <td>{r.transferred}</td>
              <td>{t.minutes(r.waitMinutes.mean)}</td>
              <td>{t.minutes(r.waitMinutes.p90)}</td>
              <td>{t.minutes(r.serviceMinutes.mean)}</td>
              <td>{t.percent(r.withinLimitRate)}</td>
              <td>{r.oneTimeNotices}</td>
              <td>{t.percent(r.satisfactionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
  return (
    <div className="print-page" data-testid="rep-print">
      <div className="print-actions">
        <button type="button" onClick={() => window.print()}>
          {t.print}
        </button>
        <button type="button" onClick={props.onBack}>
          {t.backToReports}
        </button>
      </div>
      <article className="print-sheet">
        <header className="print-head">
          <h1>{t.printTitle(props.hallName)}</h1>
          <p>{t.printPeriod(props.from, props.to)}</p>
        </header>
        {!reports ? (
          <p>{t.loading}</p>
        ) : (
          <>
            <dl className="print-totals">
              <div>
                <dt>{c.issued}</dt>
                <dd>{reports[0].total.issued}</dd>
              </div>
              <div>
                <dt>{c.served}</dt>
                <dd>{reports[0].total.served}</dd>
              </div>
              <div>
                <dt>{c.waitMean}</dt>
                <dd>{t.minutes(reports[0].total.waitMinutes.mean)}</dd>
              </div>
              <div>
                <dt>{c.withinLimitRate}</dt>
                <dd>{t.percent(reports[0].total.withinLimitRate)}</dd>
              </div>
              <div>
                <dt>{c.satisfactionRate}</dt>
                <dd>{t.percent(reports[0].total.satisfactionRate)}</dd>
              </div>
              <div>
                <dt>{c.oneTimeNotices}</dt>
                <dd>{reports[0].total.oneTimeNotices}</dd>
              </div>
            </dl>
            {table(t.by.service, reports[0].rows, reports[0].total)}
            {table(t.by.window, reports[1].rows, reports[1].total)}
            <footer className="print-foot">
              <span>{t.preparedBy}__________</span>
              <span>{t.checkedBy}__________</span>
              <span>{t.printedAt(printed)}</span>
            </footer>
          </>
        )}
      </article>
    </div>
  );
}
