import type { HallSnapshot, ManagedNotice, NoticeBody } from '@hall/protocol';
import { useContext, useState, type FormEvent } from 'react';
import { ApiFailure } from './api';
import { LangContext } from './i18n';
import { hallTime } from './supervisor-format';
import { useSupervisorTexts } from './supervisor-i18n';

/** The hall screen's rolling notices (滚动公告): those showing or still to come, add one, take one down. */
export function SupNoticePanel(props: {
  notices: ManagedNotice[];
  hall: HallSnapshot;
  onAdd: (body: NoticeBody) => Promise<void>;
  onExpire: (id: string) => Promise<void>;
}) {
  const t = useSupervisorTexts();
  const lang = useContext(LangContext);
  const [text, setText] = useState('');
  const [textEn, setTextEn] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = Date.now();
  // expired ones are history: only what shows now or is still to come
  const list = props.notices.filter((n) => n.active || !n.endsAt || Date.parse(n.endsAt) > now);

  const run = async (work: () => Promise<void>) => {
    if (busy) return false;
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: NoticeBody = { text: text.trim() };
    if (textEn.trim()) body.textEn = textEn.trim();
    if (endsAt) body.endsAt = new Date(endsAt).toISOString();
    if (await run(() => props.onAdd(body))) {
      setText('');
      setTextEn('');
      setEndsAt('');
    }
  };

  return (
    <section className="card sup-section" aria-labelledby="sup-notices">
      <h2 id="sup-notices">{t.notices}</h2>
      {list.length === 0 ? (
        <p className="muted">{t.noNotices}</p>
      ) : (
        <ul className="sup-notices" data-testid="sup-notices">
          {list.map((n) => (
            <li key={n.id} className="sup-notice">
              <div className="sup-notice-text">
                <span>{lang === 'en' && n.textEn ? n.textEn : n.text}</span>
                <span className="small muted">
                  {n.active ? t.showing : t.notShowing}
                  {n.endsAt && ` · ${t.until(hallTime(n.endsAt, props.hall.timeZone, lang, true))}`}
                  {n.source === 'config' && ` · ${t.fromConfig}`}
                </span>
              </div>
              {n.source === 'supervisor' && (
                <button
                  type="button"
                  className="small-button"
                  disabled={busy}
                  aria-label={t.expireLabel(n.text)}
                  onClick={() => void run(() => props.onExpire(n.id))}
                >
                  {t.expire}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="sup-form" onSubmit={(e) => void submit(e)}>
        <label>
          {t.noticeText}
          <input
            name="notice-text"
            value={text}
            maxLength={500}
            required
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <div className="sup-form-row">
          <label>
            {t.noticeTextEn}
            <input
              name="notice-text-en"
              value={textEn}
              maxLength={1000}
              onChange={(e) => setTextEn(e.target.value)}
            />
          </label>
          <label>
            {t.noticeEnds}
            <input
              name="notice-ends"
              type="datetime-local"
              value={endsAt}
              onChange={(e) => setEndsAt(e.target.value)}
            />
          </label>
        </div>
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
        <div className="sup-form-actions">
          <button type="submit" className="primary" disabled={busy || !text.trim()}>
            {t.addNotice}
          </button>
        </div>
      </form>
    </section>
  );
}
