import { useCallback, useContext, useEffect, useState } from 'react';
import { ApiFailure } from '../api';
import { LangContext } from '../i18n';
import type { AdminApi, AuditEntry } from './admin-api';
import { useAdminTexts } from './admin-i18n';
import type { HallConfig } from '@hall/protocol';
import type { Change } from './config-edit';
import { pathLabel, valueLabel } from './path-label';

/** `+08:00`: the hall's offset from UTC on a date, so a day means the hall's day. */
function offsetOn(date: string, timeZone: string): string {
  const name =
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${date}T12:00:00Z`))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : 'Z';
}

const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** The changes an entry records, each before and after. */
function changesOf(e: AuditEntry): Change[] {
  return (e.changes ?? []).map((d) => ({
    path: d.path,
    kind: d.before === undefined ? 'added' : d.after === undefined ? 'removed' : 'changed',
    before: d.before,
    after: d.after,
  }));
}

/** 操作日志: who changed what and when, with each change's before and after; by date. */
export function AuditPage(props: { api: AdminApi; today: string; config: HallConfig }) {
  const { api, today } = props;
  const t = useAdminTexts();
  const lang = useContext(LangContext);
  const when = (at: string) =>
    new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: props.config.timeZone,
      hour12: false,
    });
  const a = t.audit;
  const [from, setFrom] = useState(daysBefore(today, 6));
  const [to, setTo] = useState(today);
  const who = (id: string) => {
    const u = props.config.staff.find((x) => x.id === id);
    if (id === 'file') return a.file;
    return u ? `${u.name}（${u.jobNo}）` : id || '—';
  };
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    api
      .audit(
        `${from}T00:00:00${offsetOn(from, props.config.timeZone)}`,
        `${to}T23:59:59.999${offsetOn(to, props.config.timeZone)}`,
      )
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
                <td>{who(e.by)}</td>
                <td>{a.actions[e.kind]}</td>
                <td>
                  {[e.number, e.windowId ? a.window(e.windowId) : '', e.detail]
                    .filter(Boolean)
                    .join(' · ')}
                  <ul className="adm-audit-diff">
                    {changesOf(e).map((c) => (
                      <li key={`${c.kind}:${c.path}`}>
                        {pathLabel(c.path, props.config, t)}{' '}
                        <del>{valueLabel(c.path, c.before, t, props.config)}</del> →{' '}
                        <ins>{valueLabel(c.path, c.after, t, props.config)}</ins>
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
