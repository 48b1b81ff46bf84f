import type { ReportRow } from '@hall/protocol';
import { useState } from 'react';
import { useReportTexts } from './reports-i18n';

type Column = {
  id: string;
  label: string;
  value: (r: ReportRow) => number | string | null;
  show: (r: ReportRow) => string;
};

/** The report's rows with a totals line; a column header sorts by it (again: the other way). */
export function ReportTable(props: { rows: ReportRow[]; total?: ReportRow; testId?: string }) {
  const t = useReportTexts();
  const c = t.columns;
  const num = (pick: (r: ReportRow) => number) => ({
    value: pick,
    show: (r: ReportRow) => String(pick(r)),
  });
  const min = (pick: (r: ReportRow) => number | null) => ({
    value: pick,
    show: (r: ReportRow) => t.minutes(pick(r)),
  });
  const pct = (pick: (r: ReportRow) => number | null) => ({
    value: pick,
    show: (r: ReportRow) => t.percent(pick(r)),
  });
  const columns: Column[] = [
    { id: 'name', label: c.name, value: (r) => r.name, show: (r) => r.name },
    { id: 'issued', label: c.issued, ...num((r) => r.issued) },
    { id: 'served', label: c.served, ...num((r) => r.served) },
    { id: 'noShow', label: c.noShow, ...num((r) => r.noShow) },
    { id: 'expired', label: c.expired, ...num((r) => r.expired) },
    { id: 'transferred', label: c.transferred, ...num((r) => r.transferred) },
    { id: 'recalled', label: c.recalled, ...num((r) => r.recalled) },
    { id: 'chosen', label: c.chosenCalls, ...num((r) => r.chosenCalls) },
    { id: 'waitMean', label: c.waitMean, ...min((r) => r.waitMinutes.mean) },
    { id: 'waitMedian', label: c.waitMedian, ...min((r) => r.waitMinutes.median) },
    { id: 'waitP90', label: c.waitP90, ...min((r) => r.waitMinutes.p90) },
    { id: 'serviceMean', label: c.serviceMean, ...min((r) => r.serviceMinutes.mean) },
    { id: 'withinLimit', label: c.withinLimitRate, ...pct((r) => r.withinLimitRate) },
    { id: 'oneTime', label: c.oneTimeNotices, ...num((r) => r.oneTimeNotices) },
    {
      id: 'rated',
      label: `${c.ratingsGiven}/${c.ratingsOffered}`,
      value: (r) => r.ratingsGiven,
      show: (r) => `${r.ratingsGiven}/${r.ratingsOffered}`,
    },
    { id: 'satisfaction', label: c.satisfactionRate, ...pct((r) => r.satisfactionRate) },
  ];
  const [sort, setSort] = useState<{ id: string; desc: boolean } | null>(null);
  const rows = [...props.rows];
  const col = columns.find((x) => x.id === sort?.id);
  if (col && sort) {
    rows.sort((a, b) => {
      const va = col.value(a);
      const vb = col.value(b);
      if (va === vb) return 0;
      if (va === null) return 1;
      if (vb === null) return -1;
      const d = typeof va === 'string' ? va.localeCompare(String(vb), 'zh-CN') : va - Number(vb);
      return sort.desc ? -d : d;
    });
  }
  return (
    <div className="rep-table-wrap">
      <table className="rep-table" data-testid={props.testId}>
        <thead>
          <tr>
            {columns.map((x) => (
              <th
                key={x.id}
                scope="col"
                aria-sort={sort?.id === x.id ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="rep-sort"
                  title={t.sortBy(x.label)}
                  onClick={() =>
                    setSort((s) =>
                      s?.id === x.id
                        ? { id: x.id, desc: !s.desc }
                        : { id: x.id, desc: x.id !== 'name' },
                    )
                  }
                >
                  {x.label}
                  <span aria-hidden="true">
                    {sort?.id === x.id ? (sort.desc ? ' ▼' : ' ▲') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              {columns.map((x, i) =>
                i === 0 ? (
                  <th key={x.id} scope="row">
                    {x.show(r)}
                  </th>
                ) : (
                  <td key={x.id}>{x.show(r)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {props.total && (
          <tfoot>
            <tr>
              {columns.map((x, i) =>
                i === 0 ? (
                  <th key={x.id} scope="row">
                    {t.totals}
                  </th>
                ) : (
                  <td key={x.id}>{props.total ? x.show(props.total) : ''}</td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
