import type { FollowUp, HallSnapshot, User } from '@hall/protocol';
import { useContext, useState, type FormEvent } from 'react';
import { ApiFailure } from './api';
import { LangContext } from './i18n';
import { hallTime } from './supervisor-format';
import { useSupervisorTexts } from './supervisor-i18n';

/** 回访 tasks of bad ratings: open ones first, each closed with a note of what was done. */
export function SupFollowUpList(props: {
  followUps: FollowUp[];
  hall: HallSnapshot;
  staff: Map<string, User>;
  onClose: (id: string, note: string) => Promise<void>;
}) {
  const t = useSupervisorTexts();
  const lang = useContext(LangContext);
  const [closing, setClosing] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = [...props.followUps].sort(
    (a, b) => (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!closing || busy) return;
    if (!note.trim()) {
      setError(t.noteMissing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onClose(closing, note.trim());
      setClosing(null);
      setNote('');
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card sup-section" aria-labelledby="sup-follow-ups">
      <h2 id="sup-follow-ups">
        {t.followUps}
        {list.some((f) => f.status === 'open') && (
          <span className="sup-count">{list.filter((f) => f.status === 'open').length}</span>
        )}
      </h2>
      {list.length === 0 ? (
        <p className="muted">{t.noFollowUps}</p>
      ) : (
        <ul className="sup-follow-ups" data-testid="sup-follow-ups">
          {list.map((f) => {
            const win = props.hall.windows.find((w) => w.id === f.windowId)?.name ?? f.windowId;
            const who = props.staff.get(f.clerkId)?.name ?? f.clerkId;
            return (
              <li
                key={f.id}
                className={`sup-follow-up ${f.overdue ? 'sup-overdue' : ''}`}
                data-testid={`sup-follow-up-${f.number}`}
              >
                <div className="sup-alert-head">
                  <strong>
                    {f.number} · {t.scoreName(f.score)}({f.score})
                  </strong>
                  <span className={f.status === 'open' ? 'sup-tag-open' : 'sup-tag-closed'}>
                    {f.status === 'open' ? t.statusOpen : t.statusClosed}
                  </span>
                </div>
                <div>
                  {win} · {who}
                </div>
                <div className="small">
                  {t.due(hallTime(f.dueAt, props.hall.timeZone, lang, true))}
                  {f.overdue && <strong className="sup-bad"> · {t.overdue}</strong>}
                </div>
                {f.note && <div className="small muted">{f.note}</div>}
                {f.status === 'open' && closing !== f.id && (
                  <button
                    type="button"
                    className="small-button"
                    onClick={() => {
                      setClosing(f.id);
                      setNote('');
                      setError(null);
                    }}
                  >
                    {t.closeFollowUp}
                  </button>
                )}
                {closing === f.id && (
                  <form className="sup-form" onSubmit={(e) => void submit(e)}>
                    <label>
                      <span className="sr-only">{t.notePlaceholder}</span>
                      <textarea
                        name="note"
                        rows={2}
                        maxLength={1000}
                        placeholder={t.notePlaceholder}
                        value={note}
                        onChange={(e) => setNote(e.target.value)}
                        autoFocus
                      />
                    </label>
                    {error && (
                      <p className="error small" role="alert">
                        {error}
                      </p>
                    )}
                    <div className="sup-form-actions">
                      <button type="button" onClick={() => setClosing(null)}>
                        {t.cancel}
                      </button>
                      <button type="submit" className="primary" disabled={busy}>
                        {t.save}
                      </button>
                    </div>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
