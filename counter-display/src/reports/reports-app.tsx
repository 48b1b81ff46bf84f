import type { HallSnapshot, ReportBy } from '@hall/protocol';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiFailure, request } from '../api';
import { LangContext, saveLang, savedLang, type Lang } from '../i18n';
import { LoginScreen } from '../login-screen';
import { hallFromUrl, loadSession, saveSession, type Session } from '../session';
import { supervisorApi } from '../supervisor-api';
import { supervisorTexts } from '../supervisor-i18n';
import { TopBar } from '../top-bar';
import { AttendanceView } from './attendance-view';
import { LedgerView } from './ledger-view';
import { presetRange, type Preset } from './period';
import { PeriodPicker } from './period-picker';
import { PrintView } from './print-view';
import { RankingView } from './ranking-view';
import { ReportView } from './report-view';
import { reportsApi } from './reports-api';
import { reportTexts } from './reports-i18n';
import './reports.css';

type Tab = 'report' | 'ledger' | 'ranking' | 'attendance';
const TABS: Tab[] = ['report', 'ledger', 'ranking', 'attendance'];

const isSupervisor = (s: Session | null) =>
  s !== null && (s.user.role === 'supervisor' || s.user.role === 'admin');

/** The reports area (统计报表) at /counter/supervisor/reports: supervisors and admins only. */
export function ReportsApp() {
  const [lang, setLang] = useState<Lang>(savedLang);
  const [session, setSession] = useState<Session | null>(() => {
    const s = loadSession();
    const wanted = hallFromUrl();
    return s && (!wanted || wanted === s.hallId) ? s : null;
  });
  const t = reportTexts(lang);
  const st = supervisorTexts(lang);
  const allowed = isSupervisor(session);
  const logout = useCallback(() => {
    saveSession(null);
    setSession(null);
  }, []);
  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    saveLang(next);
    setLang(next);
  };
  const [hall, setHall] = useState<HallSnapshot | null>(null);
  useEffect(() => {
    if (!allowed || !session) return;
    void request<HallSnapshot>('GET', `/halls/${encodeURIComponent(session.hallId)}`, {
      lang,
    }).then((r) => setHall(r.body));
  }, [allowed, session, lang]);

  return (
    <LangContext.Provider value={lang}>
      <div className="console sup-console rep-console" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <TopBar
          title={t.title}
          hallName={allowed ? (hall?.name ?? '') : ''}
          session={session}
          status="live"
          onLang={switchLang}
          onLogout={session ? logout : null}
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
              <h1>{st.onlySupervisors}</h1>
              <p>{st.onlySupervisorsHint}</p>
            </div>
          </main>
        ) : !hall ? (
          <main className="loading">{t.loading}</main>
        ) : (
          <ReportsScreen session={session} hall={hall} lang={lang} onUnauthorized={logout} />
        )}
      </div>
    </LangContext.Provider>
  );
}

function ReportsScreen(props: {
  session: Session;
  hall: HallSnapshot;
  lang: Lang;
  onUnauthorized: () => void;
}) {
  const { session, hall, lang, onUnauthorized } = props;
  const { hallId, token } = session;
  const t = reportTexts(lang);
  const today = hall.businessDay;
  const params = new URLSearchParams(window.location.search);
  const [tab, setTab] = useState<Tab>((params.get('tab') as Tab | null) ?? 'report');
  const [printing, setPrinting] = useState(params.get('print') === '1');
  const [period, setPeriod] = useState<{ preset: Preset; from: string; to: string }>(() => {
    const from = params.get('from');
    const to = params.get('to');
    if (from && to) return { preset: 'custom', from, to };
    const [f, tt] = presetRange('month', today);
    return { preset: 'month', from: f, to: tt };
  });
  const [staff, setStaff] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    void supervisorApi
      .staff(hallId, token, lang)
      .then((list) => setStaff(new Map(list.map((u) => [u.id, u.name]))))
      .catch(() => undefined);
  }, [hallId, token, lang]);

  const guard = useCallback(
    <T,>(p: Promise<T>): Promise<T> =>
      p.catch((err: unknown) => {
        if (err instanceof ApiFailure && err.status === 401) onUnauthorized();
        throw err;
      }),
    [onUnauthorized],
  );
  const { from, to } = period;
  const loadReport = useCallback(
    (by: ReportBy) => guard(reportsApi.report(hallId, from, to, by, token, lang)),
    [guard, hallId, from, to, token, lang],
  );
  const loadCases = useCallback(
    (q: { date: string; number?: string; page: number; pageSize: number }) =>
      guard(reportsApi.cases(hallId, q, token, lang)),
    [guard, hallId, token, lang],
  );
  const loadRanking = useCallback(
    (month: string) => guard(reportsApi.ranking(hallId, month, token, lang)),
    [guard, hallId, token, lang],
  );
  const loadAttendance = useCallback(
    (f: string, tt: string) => guard(reportsApi.attendance(hallId, f, tt, token, lang)),
    [guard, hallId, token, lang],
  );
  const download = useMemo(
    () => (path: 'reports' | 'cases' | 'attendance' | 'ranking', q: Record<string, string>) =>
      void reportsApi.download(hallId, path, q, token, lang).catch(() => undefined),
    [hallId, token, lang],
  );

  if (printing) {
    return (
      <PrintView
        hallName={hall.name}
        from={from}
        to={to}
        load={loadReport}
        onBack={() => setPrinting(false)}
      />
    );
  }
  return (
    <main className="rep">
      <nav className="rep-tabs" aria-label={t.title}>
        {TABS.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={x === tab}
            className={x === tab ? 'rep-tab rep-tab-on' : 'rep-tab'}
            onClick={() => setTab(x)}
          >
            {t.tabs[x]}
          </button>
        ))}
        <a className="rep-back" href={`${import.meta.env.BASE_URL}supervisor?hall=${hallId}`}>
          {t.backToLive}
        </a>
      </nav>
      {(tab === 'report' || tab === 'attendance') && (
        <PeriodPicker today={today} {...period} onChange={setPeriod} />
      )}
      {tab === 'report' && (
        <ReportView
          from={from}
          to={to}
          load={loadReport}
          onExport={(format, by) => download('reports', { from, to, by, format })}
          onPrint={() => setPrinting(true)}
        />
      )}
      {tab === 'ledger' && (
        <LedgerView
          hall={hall}
          staff={staff}
          date={today}
          load={loadCases}
          onExport={(date, number) =>
            download('cases', { date, format: 'xlsx', ...(number ? { number } : {}) })
          }
        />
      )}
      {tab === 'ranking' && (
        <RankingView
          month={today.slice(0, 7)}
          load={loadRanking}
          onExport={(month) => download('ranking', { month, format: 'xlsx' })}
        />
      )}
      {tab === 'attendance' && (
        <AttendanceView
          hall={hall}
          staff={staff}
          from={from}
          to={to}
          load={loadAttendance}
          onExport={() => download('attendance', { from, to, format: 'xlsx' })}
        />
      )}
    </main>
  );
}
