import type { CaseList, CaseRecord, HallSnapshot } from '@hall/protocol';
import { useEffect, useState } from 'react';
import { useReportTexts } from './reports-i18n';

const PAGE = 50;
const time = (iso: string | null) => (iso ? iso.slice(11, 16) : '—');

/** The ledger (台帐) of a day: every case, search by number, paged, 导出Excel. */
export function LedgerView(props: {
  hall: HallSnapshot;
  staff: Map<string, string>;
  date: string;
  load: (q: { date: string; number?: string; page: number; pageSize: number }) => Promise<CaseList>;
  onExport: (date: string, number: string) => void;
}) {
  const t = useReportTexts();
  const l = t.ledger;
  const [date, setDate] = useState(props.date);
  const [number, setNumber] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [list, setList] = useState<CaseList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { load } = props;
  useEffect(() => {
    let live = true;
    setError(null);
    load({ date, ...(search ? { number: search } : {}), page, pageSize: PAGE })
      .then((r) => live && setList(r))
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [load, date, search, page]);
  const windows = new Map(props.hall.windows.map((w) => [w.id, w.name]));
  const pages = list ? Math.max(1, Math.ceil(list.total / PAGE)) : 1;
  const notes = (c: CaseRecord) =>
    [
      ...c.transfers.map(
        (x) =>
          `${l.transfer}：${windows.get(x.fromWindowId) ?? x.fromWindowId}→${x.toWindowId ? (windows.get(x.toWindowId) ?? x.toWindowId) : (props.hall.services.find((s) => s.id === x.toServiceId)?.name ?? x.toServiceId ?? '')}${x.note ? `（${x.note}）` : ''}`,
      ),
      ...c.chosenReasons.map((r) => `${l.chosen}：${r}`),
      ...(c.missingMaterials.length ? [`${l.notice}：${c.missingMaterials.join('、')}`] : []),
    ].join('；');
  return (
    <section className="rep-section" aria-label={t.tabs.ledger}>
      <form
        className="rep-toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setSearch(number.trim());
        }}
      >
        <label className="rep-date">
          {l.date}
          <input
            type="date"
            value={date}
            onChange={(e) => {
              setPage(1);
              setDate(e.target.value);
            }}
          />
        </label>
        <label className="rep-date">
          {l.number}
          <input
            value={number}
            placeholder={l.searchPlaceholder}
            onChange={(e) => setNumber(e.target.value)}
            size={8}
          />
        </label>
        <button type="submit">{l.search}</button>
        <span className="rep-muted">{list ? l.total(list.total) : ''}</span>
        <div className="rep-actions">
          <button type="button" onClick={() => props.onExport(date, search)}>
            {t.exportExcel}
          </button>
        </div>
      </form>
      {error && (
        <p className="rep-error" role="alert">
          {error}
        </p>
      )}
      <div className="rep-table-wrap">
        <table className="rep-table rep-ledger" data-testid="rep-ledger">
          <thead>
            <tr>
              <th scope="col">{l.number}</th>
              <th scope="col">{l.service}</th>
              <th scope="col">{l.issuedAt}</th>
              <th scope="col">{l.calledAt}</th>
              <th scope="col">{l.finishedAt}</th>
              <th scope="col">{l.windows}</th>
              <th scope="col">{l.clerks}</th>
              <th scope="col">{l.status}</th>
              <th scope="col">{l.wait}</th>
              <th scope="col">{l.rating}</th>
              <th scope="col">{l.notes}</th>
            </tr>
          </thead>
          <tbody>
            {(list?.cases ?? []).map((c, i) => (
              <tr key={`${c.number}-${i}`}>
                <th scope="row">
                  {c.number}
                  {c.priority === 'green' && <span className="rep-tag">{l.green}</span>}
                  {c.priority === 'appointment' && <span className="rep-tag">{l.appointment}</span>}
                </th>
                <td>{c.serviceName}</td>
                <td>{time(c.issuedAt)}</td>
                <td>
                  {c.calls
                    .map((x) => `${time(x.at)}${x.recall ? `（${l.recall}）` : ''}`)
                    .join('、') || '—'}
                </td>
                <td>{time(c.finishedAt)}</td>
                <td>{c.windowIds.map((w) => windows.get(w) ?? w).join('、') || '—'}</td>
                <td>{c.clerkIds.map((id) => props.staff.get(id) ?? id).join('、') || '—'}</td>
                <td>{t.status[c.status]}</td>
                <td>{t.minutes(c.waitMinutes)}</td>
                <td>{c.rating ? `${c.rating.score}` : '—'}</td>
                <td className="rep-notes">{notes(c) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list && list.total === 0 && <p className="rep-muted">{t.empty}</p>}
      <div className="rep-pager">
        <button type="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
          {l.prev}
        </button>
        <span>{l.page(page, pages)}</span>
        <button type="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
          {l.next}
        </button>
      </div>
    </section>
  );
}
