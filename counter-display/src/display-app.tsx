import { watchDeviceToken, type DeviceStanding } from '@hall/protocol';
import { useEffect, useState } from 'react';
import { ApiFailure, api } from './api';
import { LangContext, texts, type Lang } from './i18n';
import { useHall } from './use-hall';
import { useNow } from './use-now';

/**
 * Pairing of the display above a window: `/counter/display/{windowId}?hall={hallId}&device={token}`
 * is opened once; the hall and token are kept in this browser and the token leaves the address bar.
 * `lang=en` shows English. `rate=1` makes it the window's on-screen evaluator (a tablet at the
 * window, for halls without an evaluator device): the residents rate by touching it.
 */
function pairing(windowId: string): {
  hallId: string | null;
  token: string | null;
  lang: Lang;
  touch: boolean;
} {
  const key = `hall-counter.display.${windowId}`;
  const params = new URLSearchParams(window.location.search);
  const lang: Lang = params.get('lang') === 'en' ? 'en' : 'zh';
  const touch = params.get('rate') === '1';
  let hallId = params.get('hall');
  let token = params.get('device');
  try {
    if (hallId) localStorage.setItem(key, JSON.stringify({ hallId, token }));
    else {
      const kept = JSON.parse(localStorage.getItem(key) ?? 'null') as {
        hallId?: string;
        token?: string | null;
      } | null;
      hallId = kept?.hallId ?? null;
      token = kept?.token ?? null;
    }
  } catch {
    // no storage: the address keeps working as it is
  }
  if (params.get('device')) {
    params.delete('device');
    const q = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${q ? `?${q}` : ''}`);
  }
  return { hallId, token, lang, touch };
}

type RateState = { ticketId: string; state: 'sending' | 'thanks' | 'failed' } | null;

/** The small screen above a window: number served, clerk on duty (挂牌上岗), sign, evaluation prompt. */
export function DisplayApp({ windowId }: { windowId: string }) {
  const [{ hallId, token, lang, touch }] = useState(() => pairing(windowId));
  const t = texts[lang];
  const { hall, status } = useHall(hallId, lang, token);
  const [standing, setStanding] = useState<DeviceStanding>('ok');
  // a token revoked in the admin console says 本机已停用 within a minute
  useEffect(
    () =>
      token
        ? watchDeviceToken({ token, hallId, kind: 'display', onStanding: setStanding })
        : undefined,
    [hallId, token],
  );
  const now = useNow(1000);
  const [rated, setRated] = useState<RateState>(null);
  useEffect(() => {
    if (rated?.state !== 'thanks' && rated?.state !== 'failed') return undefined;
    const timer = setTimeout(() => setRated(null), 4000);
    return () => clearTimeout(timer);
  }, [rated]);
  useEffect(() => {
    document.title = `${t.onDuty} · ${windowId}`;
  }, [t, windowId]);

  if (!hallId) return <main className="display display-message">{t.displayUnpaired}</main>;
  if (standing !== 'ok')
    return (
      <main className="display display-message" role="alert" data-testid="display-refused">
        {standing === 'disabled' ? t.displayDisabled : t.displayRefused}
      </main>
    );
  const win = hall?.windows.find((w) => w.id === windowId);
  if (hall && !win) return <main className="display display-message">{t.displayNoWindow}</main>;

  const services = win
    ? win.serviceIds.map((id) => hall?.services.find((s) => s.id === id)?.name ?? id).join(' · ')
    : '';
  const rating =
    win?.awaitingRating &&
    Date.parse(win.awaitingRating.deadline) > now &&
    rated?.ticketId !== win.awaitingRating.ticketId
      ? win.awaitingRating
      : null;
  const rate = (ticketId: string, score: number) => {
    if (!hallId || rated?.state === 'sending') return;
    setRated({ ticketId, state: 'sending' });
    api.rate(hallId, windowId, ticketId, score, token, lang).then(
      () => setRated({ ticketId, state: 'thanks' }),
      (err: unknown) =>
        setRated({
          ticketId,
          // rated already (e.g. on the evaluator) is as good as done
          state: err instanceof ApiFailure && err.code === 'already_rated' ? 'thanks' : 'failed',
        }),
    );
  };
  const sign =
    !win || win.status === 'closed'
      ? t.displayClosed
      : win.status === 'paused'
        ? t.displayPaused
        : win.status === 'brief_pause'
          ? t.displayBrief
          : null;

  return (
    <LangContext.Provider value={lang}>
      <main
        className={`display display-${win?.status ?? 'closed'}`}
        lang={lang === 'zh' ? 'zh-CN' : 'en'}
        data-testid="display"
      >
        <header className="display-head">
          <span className="display-window">{win?.name ?? ''}</span>
          <span className="display-services">{services}</span>
          {status !== 'live' && (
            <span className="display-offline" role="status" aria-label={t.offline}>
              ●
            </span>
          )}
        </header>
        <section className="display-body">
          {rated && rated.state !== 'sending' ? (
            <div className="display-sign" data-testid="display-rated" role="status">
              {rated.state === 'thanks' ? t.ratingThanks : t.ratingFailed}
            </div>
          ) : rating ? (
            <div className="display-rating" data-testid="display-rating">
              <div className="display-rating-title">{t.evaluationPrompt}</div>
              {touch ? (
                <div className="display-score-buttons">
                  {[5, 4, 3, 2, 1].map((s) => (
                    <button
                      key={s}
                      type="button"
                      className={`display-score-button score-${s}`}
                      disabled={rated?.state === 'sending'}
                      onClick={() => rate(rating.ticketId ?? '', s)}
                    >
                      {t.score(s)}
                    </button>
                  ))}
                </div>
              ) : (
                <ol className="display-scores">
                  {[5, 4, 3, 2, 1].map((s) => (
                    <li key={s}>{t.score(s)}</li>
                  ))}
                </ol>
              )}
            </div>
          ) : sign ? (
            <div className="display-sign" data-testid="display-sign">
              {sign}
            </div>
          ) : win?.currentNumber ? (
            <div className="display-serving">
              <div className="display-caption">
                {win.currentStatus === 'called' ? t.displayCalled : t.displayServing}
              </div>
              <div className="display-number" data-testid="display-number">
                {win.currentNumber}
              </div>
            </div>
          ) : (
            <div className="display-sign idle">{t.displayWaitingNext}</div>
          )}
        </section>
        {win && win.status !== 'closed' && win.staffName && (
          <footer className="display-staff" data-testid="display-staff">
            {win.staffPhotoUrl ? (
              <img className="display-photo" src={win.staffPhotoUrl} alt="" />
            ) : (
              <span className="display-photo initial" aria-hidden="true">
                {win.staffName.slice(0, 1)}
              </span>
            )}
            <span className="display-name">{win.staffName}</span>
            {win.staffJobNo && <span className="display-jobno">{t.jobNo(win.staffJobNo)}</span>}
            <span className="display-duty">{t.onDuty}</span>
          </footer>
        )}
      </main>
    </LangContext.Provider>
  );
}
