import { useCallback, useMemo, useState } from 'react';
import { api } from '../api';
import { LangContext, saveLang, savedLang, type Lang } from '../i18n';
import { LoginScreen } from '../login-screen';
import { hallFromUrl, loadSession, saveSession, type Session } from '../session';
import { TopBar } from '../top-bar';
import { useToast } from '../use-toast';
import { adminTexts } from './admin-i18n';
import { ADMIN_TABS, SUPERVISOR_TABS } from './access';
import { AdminScreen } from './admin-screen';
import './admin.css';
import './admin-parts.css';

/** The admin console (管理后台) at /counter/admin: admins run the hall; supervisors a part of it. */
export function AdminApp() {
  const [lang, setLang] = useState<Lang>(savedLang);
  const [session, setSession] = useState<Session | null>(() => {
    const s = loadSession();
    const wanted = hallFromUrl();
    return s && (!wanted || wanted === s.hallId) ? s : null;
  });
  const t = adminTexts(lang);
  const { toast, show } = useToast();
  const role = session?.user.role;
  const allowed = role === 'admin' || role === 'supervisor';
  const tabs = useMemo(() => (role === 'admin' ? ADMIN_TABS : SUPERVISOR_TABS), [role]);
  const [hallName, setHallName] = useState('');

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
      <div className="console adm-console" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <TopBar
          title={t.title}
          hallName={allowed ? hallName : ''}
          session={session}
          status="live"
          onLang={switchLang}
          onLogout={
            session
              ? () => {
                  void api.logout(session.token).catch(() => undefined);
                  logout();
                }
              : null
          }
        />
        {!session ? (
          <LoginScreen
            title={t.title}
            onLogin={(s) => {
              saveSession(s);
              setSession(s);
            }}
          />
        ) : !allowed ? (
          <main className="login">
            <div className="card login-card sup-refused" role="alert">
              <h1>{t.onlyAdmins}</h1>
              <p>{t.onlyAdminsHint}</p>
              <a className="adm-link" href={`${import.meta.env.BASE_URL}?hall=${session.hallId}`}>
                {t.toConsole}
              </a>
            </div>
          </main>
        ) : (
          <AdminScreen
            key={`${session.hallId}:${session.token}`}
            session={session}
            lang={lang}
            tabs={tabs}
            onHallName={setHallName}
            onUnauthorized={logout}
            notify={show}
          />
        )}
        {toast && (
          <div className={`toast toast-${toast.tone}`} role="status" data-testid="toast">
            {toast.text}
          </div>
        )}
      </div>
    </LangContext.Provider>
  );
}
