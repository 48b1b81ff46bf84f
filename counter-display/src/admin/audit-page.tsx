import { useCallback, useContext, useEffect, useState } from 'react';
import { ApiFailure } from '../api';
import { LangContext } from '../i18n';
import type { AdminApi, AuditEntry } from './admin-api';
import { useAdminTexts } from './admin-i18n';
import { diffConfig, showValue, type Change } from './config-edit';

const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** The changes an entry records: its own diff, or the difference of its before and after. */
function changesOf(e: AuditEntry): Change[] {
  if (Array.isArray(e.diff))
    return e.diff.map((d) => ({
      path: d.path,
      kind: d.before === undefined ? 'added' : d.after === undefined ? 'removed' : 'changed',
      before: d.before,
      after: d.after,
    }));
  if (e.before !== undefined || e.after !== undefined) return diffConfig(e.before, e.after);
  return [];
}

const whoOf = (e: AuditEntry) =>
  typeof e.by === 'string' ? e.by : (e.by?.name ?? e.by?.id ?? '—');

/** 操作日志: who changed what and when, with each change's before and after; by date. */
export function AuditPage(props: { api: AdminApi; today: string; timeZone: string }) {
  const { api, today } = props;
  const t = useAdminTexts();
  const lang = useContext(LangContext);
  const when = (at: string) =>
    new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: props.timeZone,
      hour12: false,
    });
  const a = t.audit;
  const [from, setFrom] = useState(daysBefore(today, 6));
  const [to, setTo] = useState(today);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    api
      .audit(from, to)
      .then((list) => setEntries([...list].sort((x, y) => y.at.localeCompare(x.at))))
      .catch((err: unknown) => setError(err instanceof ApiFailure ? err.message : String(err)));
  }, [api, from, to]);
  useEffect(() => {
    load();
  }, [load]);

  return (
    <section className="card adm-section" data-testid="audit-log">
      <form
        className="adm-audit-filter"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label>
          {a.from}
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {a.to}
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {a.search}
        </button>
      </form>
      {error && (
        <p className="adm-error" role="alert">
          {error}
        </p>
      )}
      {entries && entries.length === 0 && <p className="muted">{a.empty}</p>}
      {entries && entries.length > 0 && (
        <table className="adm-table adm-audit">
          <thead>
            <tr>
              <th scope="col">{a.when}</th>
              <th scope="col">{a.who}</th>
              <th scope="col">{a.what}</th>
              <th scope="col">{a.details}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={e.id ?? `${e.at}-${i}`}>
                <td>{when(e.at)}</td>
                <td>{whoOf(e)}</td>
                <td>{a.actions[e.action] ?? e.action}</td>
                <td>
                  {e.target && <code>{e.target}</code>}
                  {e.reason && <span> {e.reason}</span>}
                  <ul className="adm-audit-diff">
                    {changesOf(e).map((c) => (
                      <li key={`${c.kind}:${c.path}`}>
                        <code>{c.path}</code> <del>{showValue(c.before, t.empty)}</del> →{' '}
                        <ins>{showValue(c.after, t.empty)}</ins>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
