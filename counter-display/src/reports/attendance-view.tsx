import type { Attendance, HallSnapshot } from '@hall/protocol';
import { useEffect, useState } from 'react';
import { useReportTexts } from './reports-i18n';

const when = (iso: string | null) => (iso ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : null);

/** Sign-ins, sign-outs, pauses and handovers as the system saw them (考勤). */
export function AttendanceView(props: {
  hall: HallSnapshot;
  staff: Map<string, string>;
  from: string;
  to: string;
  load: (from: string, to: string) => Promise<Attendance>;
  onExport: () => void;
}) {
  const t = useReportTexts();
  const a = t.attendance;
  const [data, setData] = useState<Attendance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { load, from, to } = props;
  useEffect(() => {
    let live = true;
    setError(null);
    load(from, to)
      .then((x) => live && setData(x))
      .catch((err: unknown) => live && setError(err instanceof Error ? err.message : String(err)));
    return () => {
      live = false;
    };
  }, [load, from, to]);
  const windows = new Map(props.hall.windows.map((w) => [w.id, w.name]));
  const name = (id: string) => props.staff.get(id) ?? id;
  return (
    <section className="rep-section" aria-label={t.tabs.attendance}>
      <div className="rep-toolbar">
        <span className="rep-muted">{t.period(from, to)}</span>
        <div className="rep-actions">
          <button type="button" onClick={props.onExport}>
            {t.exportExcel}
          </button>
        </div>
      </div>
      {error && (
        <p className="rep-error" role="alert">
          {error}
        </p>
      )}
      <div className="rep-table-wrap">
        <table className="rep-table rep-ledger" data-testid="rep-attendance">
          <thead>
            <tr>
              <th scope="col">{a.clerk}</th>
              <th scope="col">{a.window}</th>
              <th scope="col">{a.signedIn}</th>
              <th scope="col">{a.signedOut}</th>
              <th scope="col">{a.onDuty}</th>
              <th scope="col">{a.pauses}</th>
              <th scope="col">{a.handover}</th>
            </tr>
          </thead>
          <tbody>
            {(data?.clerks ?? []).flatMap((c) =>
              c.sessions.map((s, i) => (
                <tr key={`${c.clerkId}-${i}`}>
                  <th scope="row">
                    {i === 0 && (
                      <>
                        {`${c.name}（${c.jobNo}）`}
                        <span className="rep-sub rep-block">
                          {a.summary(c.signedInMinutes, c.briefPauseMinutes, c.closedPauseMinutes)}
                        </span>
                      </>
                    )}
                  </th>
                  <td>{windows.get(s.windowId) ?? s.windowId}</td>
                  <td>{when(s.signedInAt)}</td>
                  <td>
                    {when(s.signedOutAt) ?? a.still}
                    {s.idleSignOut && <span className="rep-tag rep-tag-warn">{a.idle}</span>}
                  </td>
                  <td>{t.minutes(s.minutes)}</td>
                  <td>
                    {s.pauses
                      .map(
                        (p) =>
                          `${p.kind === 'brief' ? a.brief : a.closed} ${when(p.from)?.slice(6)}（${t.minutes(p.minutes)}）`,
                      )
                      .join('、') || '—'}
                  </td>
                  <td>
                    {[
                      s.handoverFrom ? a.from(name(s.handoverFrom)) : '',
                      s.handoverTo ? a.to(name(s.handoverTo)) : '',
                    ]
                      .filter(Boolean)
                      .join('、') || '—'}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      {data && data.clerks.length === 0 && <p className="rep-muted">{t.empty}</p>}
    </section>
  );
}
