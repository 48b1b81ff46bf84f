import type { Report, ReportBy } from '@hall/protocol';
import { useEffect, useState } from 'react';
import { ReportCharts } from './report-charts';
import { ReportTable } from './report-table';
import { useReportTexts } from './reports-i18n';

const BREAKDOWNS: ReportBy[] = ['service', 'window', 'clerk', 'hall'];

/** The report of a period: a breakdown's table with totals, the charts, the exports. */
export function ReportView(props: {
  from: string;
  to: string;
  load: (by: ReportBy) => Promise<Report>;
  onExport: (format: 'xlsx' | 'csv', by: ReportBy) => void;
  onPrint: () => void;
}) {
  const t = useReportTexts();
  const { from, to, load } = props;
  const [by, setBy] = useState<ReportBy>('service');
  const [report, setReport] = useState<Report | null>(null);
  const [clerks, setClerks] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    Promise.all([load(by), load('clerk')])
      .then(([r, c]) => {
        if (!live) return;
        setReport(r);
        setClerks(c);
      })
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [load, by, from, to]);

  return (
    <section className="rep-section" aria-label={t.tabs.report}>
      <div className="rep-toolbar">
        <div className="rep-by" role="group">
          {BREAKDOWNS.map((b) => (
            <button
              key={b}
              type="button"
              className={b === by ? 'rep-chip rep-chip-on' : 'rep-chip'}
              aria-pressed={b === by}
              onClick={() => setBy(b)}
            >
              {t.by[b]}
            </button>
          ))}
        </div>
        <div className="rep-actions">
          <button type="button" onClick={() => props.onExport('xlsx', by)}>
            {t.exportExcel}
          </button>
          <button type="button" onClick={() => props.onExport('csv', by)}>
            {t.exportCsv}
          </button>
          <button type="button" onClick={props.onPrint}>
            {t.printView}
          </button>
        </div>
      </div>
      {error && (
        <p className="rep-error" role="alert">
          {error}
        </p>
      )}
      {!report ? (
        <p className="rep-muted">{t.loading}</p>
      ) : (
        <>
          <div className="rep-kpis" data-testid="rep-kpis">
            <Kpi label={t.columns.issued} value={String(report.total.issued)} />
            <Kpi label={t.columns.served} value={String(report.total.served)} />
            <Kpi label={t.columns.waitMean} value={t.minutes(report.total.waitMinutes.mean)} />
            <Kpi
              label={t.columns.serviceMean}
              value={t.minutes(report.total.serviceMinutes.mean)}
            />
            <Kpi
              label={t.columns.withinLimitRate}
              value={t.percent(report.total.withinLimitRate)}
            />
            <Kpi
              label={t.columns.satisfactionRate}
              value={t.percent(report.total.satisfactionRate)}
            />
          </div>
          <ReportTable rows={report.rows} total={report.total} testId="rep-table" />
          <ReportCharts report={report} clerks={clerks} />
        </>
      )}
    </section>
  );
}

function Kpi(props: { label: string; value: string }) {
  return (
    <div className="card rep-kpi">
      <span className="rep-kpi-label">{props.label}</span>
      <strong className="rep-kpi-value">{props.value}</strong>
    </div>
  );
}
