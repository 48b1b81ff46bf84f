import type { ClerkDesk } from '@hall/protocol';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiFailure } from './api';
import { ConsoleScreen } from './console-screen';
import { LangContext, saveLang, savedLang, texts, type Lang } from './i18n';
import { LoginScreen } from './login-screen';
import { SupervisorOffer } from './supervisor-offer';
import { hallFromUrl, loadSession, saveSession, type Session } from './session';
import { bookingLink } from './booking-i18n';
import { TopBar } from './top-bar';
import { useHall } from './use-hall';
import { WindowPicker } from './window-picker';

/** The clerk's console: login, the window, then the work at the window. */
export function ConsoleApp() {
  const [lang, setLang] = useState<Lang>(savedLang);
  const [session, setSession] = useState<Session | null>(() => {
    const s = loadSession();
    const wanted = hallFromUrl();
    return s && (!wanted || wanted === s.hallId) ? s : null;
  });
  const [desk, setDesk] = useState<ClerkDesk | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const t = texts[lang];
  const { hall, status, onEvent } = useHall(session?.hallId ?? null, lang, session?.token);

  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    saveLang(next);
    setLang(next);
  };
  const logout = useCallback(() => {
    saveSession(null);
    setSession(null);
    setDesk(null);
  }, []);

  const refreshDesk = useCallback(async () => {
    if (!session) return;
    try {
      setDesk(await api.desk(session.hallId, session.token, lang));
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 401) logout();
    }
  }, [session, lang, logout]);

  useEffect(() => {
    void refreshDesk();
  }, [refreshDesk]);
  // the page's language, for screen readers and axe: the login page too
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  // signed out elsewhere (idle sign-out, a partner's take-over): back to the window choice
  useEffect(
    () =>
      onEvent((event) => {
        if (event.type !== 'window.closed' || !session) return;
        if (event.data.clerkId !== session.user.id) return;
        if (event.data.auto) setNotice(t.signedOutIdle(desk?.idleSignOutMinutes ?? 0));
        void refreshDesk();
      }),
    [onEvent, session, refreshDesk, desk?.idleSignOutMinutes, t],
  );
  // a reconnect may have missed a sign-out: ask again
  useEffect(() => {
    if (status === 'live') void refreshDesk();
  }, [status, refreshDesk]);

  return (
    <LangContext.Provider value={lang}>
      <div className="console" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <TopBar
          hallName={hall?.name ?? ''}
          session={session}
          status={session ? status : 'live'}
          onLang={switchLang}
          onLogout={
            session
              ? () => {
                  // the token ends on the server too, not only in this browser
                  void api.logout(session.token).catch(() => undefined);
                  logout();
                }
              : null
          }
          bookingLink={bookingLink(session, lang)}
        />
        {session && status === 'offline' && (
          <div className="offline-banner" role="alert">
            {t.offline}
          </div>
        )}
        <SupervisorOffer session={session} />
        {!session ? (
          <LoginScreen
            onLogin={(s) => {
              saveSession(s);
              setNotice(null);
              setSession(s);
            }}
          />
        ) : !desk || !hall ? (
          <main className="loading">{t.connecting}</main>
        ) : desk.windowId && hall.windows.some((w) => w.id === desk.windowId) ? (
          <ConsoleScreen
            key={desk.windowId}
            session={session}
            desk={desk}
            hall={hall}
            windowId={desk.windowId}
            status={status}
            onEvent={onEvent}
            refreshDesk={refreshDesk}
            onUnauthorized={logout}
          />
        ) : (
          <WindowPicker
            session={session}
            desk={desk}
            hall={hall}
            notice={notice}
            onSignedIn={() => {
              setNotice(null);
              void refreshDesk();
            }}
          />
        )}
      </div>
    </LangContext.Provider>
  );
}
