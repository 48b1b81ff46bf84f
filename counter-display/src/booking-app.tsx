import type { Appointment, AppointmentDay, HallSnapshot } from '@hall/protocol';
import { useCallback, useEffect, useState } from 'react';
import { api, ApiFailure } from './api';
import { bookingApi } from './booking-api';
import { BookingForm } from './booking-form';
import { BookingList } from './booking-list';
import { bookingTexts } from './booking-i18n';
import { LangContext, saveLang, savedLang, texts, type Lang } from './i18n';
import { IssueForResident } from './issue-for-resident';
import { LoginScreen } from './login-screen';
import { hallFromUrl, loadSession, saveSession, type Session } from './session';
import { TopBar } from './top-bar';
import './booking.css';

/** Today's date (YYYY-MM-DD) in the hall's time zone, by the server's clock. */
function hallToday(h: HallSnapshot): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: h.timeZone }).format(new Date(h.now));
}

/** /counter/booking: phone booking at the counter (预约登记), for every member of staff. */
export function BookingApp() {
  const [lang, setLang] = useState<Lang>(savedLang);
  const [session, setSession] = useState<Session | null>(() => {
    const s = loadSession();
    const wanted = hallFromUrl();
    return s && (!wanted || wanted === s.hallId) ? s : null;
  });
  const [hall, setHall] = useState<HallSnapshot | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [day, setDay] = useState<AppointmentDay | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reachable, setReachable] = useState(true);
  const t = texts[lang];
  const bt = bookingTexts(lang);

  const logout = useCallback(() => {
    saveSession(null);
    setSession(null);
  }, []);
  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.code === 'network') setReachable(false);
      if (err instanceof ApiFailure && err.status === 401) logout();
      else setError(err instanceof ApiFailure ? err.message : String(err));
    },
    [logout],
  );

  useEffect(() => {
    if (!session) return;
    api
      .hall(session.hallId, lang)
      .then((h) => {
        setHall(h);
        setDate((d) => d ?? hallToday(h));
      })
      .catch(failed);
  }, [session, lang, failed]);

  const reload = useCallback(async () => {
    if (!session || !date) return;
    try {
      setDay(await bookingApi.day(session.hallId, date, session.token, lang));
      setError(null);
      setReachable(true);
    } catch (err) {
      failed(err);
    }
  }, [session, date, lang, failed]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const cancel = async (a: Appointment) => {
    if (!session || !window.confirm(bt.cancelConfirm(a.code))) return;
    try {
      await bookingApi.cancel(session.hallId, a.code, session.token, lang);
    } catch (err) {
      failed(err);
    }
    await reload();
  };

  return (
    <LangContext.Provider value={lang}>
      <div className="console booking-page" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <TopBar
          title={bt.title}
          hallName={hall?.name ?? ''}
          session={session}
          status={reachable ? 'live' : 'offline'}
          onLang={() => {
            const next = lang === 'zh' ? 'en' : 'zh';
            saveLang(next);
            setLang(next);
          }}
          onLogout={session ? logout : null}
        />
        {!session ? (
          <LoginScreen
            title={bt.title}
            onLogin={(s) => {
              saveSession(s);
              setSession(s);
            }}
          />
        ) : !hall || !date ? (
          <main className="loading">{error ?? t.connecting}</main>
        ) : (
          <main className="booking-main">
            <p className="muted booking-intro">
              {bt.intro}{' '}
              <a href={`${import.meta.env.BASE_URL}?hall=${encodeURIComponent(session.hallId)}`}>
                {bt.back}
              </a>
            </p>
            <IssueForResident
              session={session}
              hall={hall}
              preferred={[]}
              onUnauthorized={logout}
            />
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <div className="booking-columns">
              <BookingForm
                session={session}
                hall={hall}
                date={date}
                day={day}
                onDate={setDate}
                onBooked={() => void reload()}
              />
              <BookingList hall={hall} day={day} onCancel={(a) => void cancel(a)} />
            </div>
          </main>
        )}
      </div>
    </LangContext.Provider>
  );
}
