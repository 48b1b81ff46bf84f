import { useCallback, useState } from 'react';
import { api } from './api';
import { LangContext, saveLang, savedLang, texts, type Lang } from './i18n';
import { LoginScreen } from './login-screen';
import { hallFromUrl, loadSession, saveSession, type Session } from './session';
import { supervisorTexts } from './supervisor-i18n';
import { SupervisorScreen } from './supervisor-screen';
import { bookingLink } from './booking-i18n';
import { TopBar } from './top-bar';
import { useHall } from './use-hall';

const isSupervisor = (s: Session | null) =>
  s !== null && (s.user.role === 'supervisor' || s.user.role === 'admin');

/** The duty officer's console at /counter/supervisor: supervisors and admins only. */
export function SupervisorApp() {
  const [lang, setLang] = useState<Lang>(savedLang);
  const [session, setSession] = useState<Session | null>(() => {
    const s = loadSession();
    const wanted = hallFromUrl();
    return s && (!wanted || wanted === s.hallId) ? s : null;
  });
  const t = texts[lang];
  const st = supervisorTexts(lang);
  const allowed = isSupervisor(session);
  // a clerk's token never subscribes here: the page only refuses
  const { hall, status, onEvent } = useHall(
    allowed ? (session?.hallId ?? null) : null,
    lang,
    allowed ? session?.token : null,
  );

  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    saveLang(next);
    setLang(next);
  };
  const logout = useCallback(() => {
    saveSession(null);
    setSession(null);
  }, []);

  return (
    <LangContext.Provider value={lang}>
      <div className="console sup-console" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <TopBar
          title={st.title}
          hallName={allowed ? (hall?.name ?? '') : ''}
          session={session}
          status={allowed ? status : 'live'}
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
        {allowed && status === 'offline' && (
          <div className="offline-banner" role="alert">
            {t.offline}
          </div>
        )}
        {!session ? (
          <LoginScreen
            title={st.title}
            onLogin={(s) => {
              saveSession(s);
              setSession(s);
            }}
          />
        ) : !allowed ? (
          <main className="login">
            <div className="card login-card sup-refused" role="alert" data-testid="sup-refused">
              <h1>{st.onlySupervisors}</h1>
              <p>{st.onlySupervisorsHint}</p>
              <a className="sup-link-button" href={`${import.meta.env.BASE_URL}`}>
                {st.toClerkConsole}
              </a>
              <button type="button" onClick={logout}>
                {t.logout}
              </button>
            </div>
          </main>
        ) : !hall ? (
          <main className="loading">{t.connecting}</main>
        ) : (
          <SupervisorScreen
            key={session.hallId}
            session={session}
            hall={hall}
            onEvent={onEvent}
            onUnauthorized={logout}
          />
        )}
      </div>
    </LangContext.Provider>
  );
}
