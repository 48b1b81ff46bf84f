import type { ClerkDesk, HallSnapshot } from '@hall/protocol';
import { useContext, useState } from 'react';
import { api, ApiFailure } from './api';
import { LangContext, useTexts } from './i18n';
import type { Session } from './session';

/**
 * Choose or confirm the window: the clerk's own A/B posts first. A window held by
 * the partner post (or last left by them) is taken over in one action (AB岗).
 */
export function WindowPicker(props: {
  session: Session;
  desk: ClerkDesk;
  hall: HallSnapshot;
  notice: string | null;
  onSignedIn: () => void;
}) {
  const t = useTexts();
  const lang = useContext(LangContext);
  const { session, desk, hall } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const postOf = new Map(desk.posts.map((p) => [p.windowId, p.post]));
  const windows = [...hall.windows].sort(
    (a, b) => (postOf.has(a.id) ? 0 : 1) - (postOf.has(b.id) ? 0 : 1),
  );

  const act = async (windowId: string, action: 'open' | 'take-over') => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.windowAction(session.hallId, windowId, action, session.token, lang);
      props.onSignedIn();
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : t.networkError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="picker">
      <h1>{t.chooseWindow}</h1>
      {props.notice && (
        <p className="warning" role="alert">
          {props.notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="window-grid">
        {windows.map((w) => {
          const post = postOf.get(w.id);
          const held = w.status !== 'closed';
          const services = w.serviceIds
            .map((id) => hall.services.find((s) => s.id === id)?.name ?? id)
            .join(t.listSeparator);
          return (
            <li key={w.id} className={`card window-card ${post ? 'mine' : ''}`}>
              <div className="window-card-head">
                <strong>{w.name}</strong>
                {post && <span className="tag">{t.yourPost(post)}</span>}
              </div>
              <div className="muted small">{services}</div>
              <div className="small">{held ? t.windowHeldBy(w.staffName ?? '') : t.windowFree}</div>
              <div className="window-card-actions">
                {!held && (
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => void act(w.id, post ? 'take-over' : 'open')}
                  >
                    {t.signIn}
                  </button>
                )}
                {held && post && (
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() => void act(w.id, 'take-over')}
                  >
                    {t.takeOver(w.staffName ?? '')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
