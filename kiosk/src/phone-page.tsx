import { connectHall, type HallEvent, type HallSnapshot, type Ticket } from '@hall/protocol';
import { io } from 'socket.io-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure, getHall, getTicket } from './api';
import { LangContext, texts, type Lang } from './i18n';
import { MaterialsList } from './materials-list';
import { RatingButtons } from './rating-buttons';
import { NameList } from './name-list';
import { hasAppointmentPriority } from './ticket-marks';

const LANG_KEY = 'hall-kiosk.phone-lang';
const POLL_MS = 20_000;

/** The resident's phone page for one ticket: live place in the queue, the call, the rating. */
export function PhonePage({ ticketId, phoneKey }: { ticketId: string; phoneKey: string }) {
  const [lang, setLang] = useState<Lang>(() =>
    localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh',
  );
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [missing, setMissing] = useState(false);
  const [online, setOnline] = useState(true);
  const t = texts[lang];
  const hallId = ticket?.hallId ?? null;
  const lastStatus = useRef<string | null>(null);
  const [hall, setHall] = useState<HallSnapshot | null>(null);

  // the hall's name and its windows' names
  useEffect(() => {
    if (!hallId) return;
    getHall(hallId, lang).then(setHall, () => undefined);
  }, [hallId, lang]);

  const load = useCallback(async () => {
    try {
      const next = await getTicket(ticketId, phoneKey, lang);
      setTicket(next);
      setOnline(true);
      if (next.status === 'called' && lastStatus.current !== 'called')
        navigator.vibrate?.([400, 200, 400]);
      lastStatus.current = next.status;
    } catch (err) {
      if (err instanceof ApiFailure && err.code === 'ticket_not_found') setMissing(true);
      else setOnline(false);
    }
  }, [ticketId, phoneKey, lang]);

  useEffect(() => {
    const root = document.documentElement;
    root.classList.add('phone');
    root.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t.phoneTitle;
    void load();
    const id = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(id);
  }, [load, lang, t]);

  // when the rating prompt's time is up, ask the server rather than trust this phone's clock
  const deadline = ticket?.ratingStatus === 'awaiting' ? ticket.ratingDeadline : undefined;
  useEffect(() => {
    if (!deadline) return undefined;
    const ms = Math.min(Math.max(Date.parse(deadline) - Date.now() + 1500, 1000), 120_000);
    const id = setTimeout(() => void load(), ms);
    return () => clearTimeout(id);
  }, [deadline, load]);

  // an event that may move this ticket (someone ahead called, this one called): read it again
  const serviceId = ticket?.serviceId ?? null;
  useEffect(() => {
    if (!hallId || !serviceId) return undefined;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, 200);
    };
    const connection = connectHall({
      url: '',
      hallId,
      io: io,
      fetch: false,
      socketOptions: { reconnectionDelayMax: 5000 },
    });
    const offEvent = connection.on('event', (event) => {
      if (concerns(event, ticketId, serviceId)) soon();
    });
    const offStatus = connection.on('status', (s) => {
      if (s === 'live') soon();
    });
    return () => {
      if (timer) clearTimeout(timer);
      offEvent();
      offStatus();
      connection.close();
    };
  }, [hallId, serviceId, ticketId, load]);

  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LANG_KEY, next);
    setLang(next);
  };

  let body;
  if (missing) body = <p className="phone-message">{t.ticketNotFound}</p>;
  else if (!ticket) body = <p className="phone-message">{t.loading}</p>;
  else body = <PhoneTicket ticket={ticket} hall={hall} lang={lang} onRated={() => void load()} />;

  return (
    <LangContext.Provider value={lang}>
      <div className="phone-page">
        <header className="phone-header">
          <h1>{hall?.name ?? t.phoneTitle}</h1>
          <button type="button" className="switch lang-switch" onClick={switchLang}>
            {t.language}
          </button>
        </header>
        {online ? null : (
          <p className="phone-offline" role="status">
            {t.offlineShort}
          </p>
        )}
        {body}
      </div>
    </LangContext.Provider>
  );
}

/** Whether an event can change this ticket's status, place or estimate. */
function concerns(event: HallEvent, ticketId: string, serviceId: string): boolean {
  const d = event.data as { ticketId?: string; serviceId?: string; toServiceId?: string };
  if (d.ticketId === ticketId) return true;
  if (event.type.startsWith('window.') || event.type === 'day.rolled_over') return true;
  return d.serviceId === serviceId || d.toServiceId === serviceId;
}

function PhoneTicket({
  ticket,
  hall,
  lang,
  onRated,
}: {
  ticket: Ticket;
  hall: HallSnapshot | null;
  lang: Lang;
  onRated: () => void;
}) {
  const t = texts[lang];
  const windowName =
    lang === 'en' && ticket.windowId ? `window ${ticket.windowId}` : (ticket.windowName ?? '');
  const windows = ticket.windowIds.map((id) => hall?.windows.find((w) => w.id === id)?.name ?? id);
  const materials = hall?.services.find((s) => s.id === ticket.serviceId)?.materials ?? [];
  const issuedAt = new Date(ticket.issuedAt).toLocaleTimeString('zh-CN', {
    timeZone: hall?.timeZone ?? 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  let status: string;
  switch (ticket.status) {
    case 'waiting':
      status = t.aheadOf(ticket.waitingAhead);
      break;
    case 'transferred':
      status = t.statusTransferred;
      break;
    case 'called':
      status = t.statusCalled(windowName);
      break;
    case 'serving':
      status = t.statusServing(windowName);
      break;
    case 'done':
      status = t.statusDone;
      break;
    case 'no_show':
      status = t.statusNoShow;
      break;
    case 'expired':
      status = t.statusExpired;
      break;
  }
  const waiting = ticket.status === 'waiting' || ticket.status === 'transferred';
  // the server's word on the rating prompt; the phone's own clock may be wrong
  const prompt =
    ticket.ratingStatus ??
    (ticket.rating
      ? 'rated'
      : ticket.ratingDeadline && Date.parse(ticket.ratingDeadline) > Date.now()
        ? 'awaiting'
        : 'unrated');
  const byPhone =
    ticket.status === 'done' && ticket.windowId !== undefined && ticket.evaluatorAtWindow !== true;
  return (
    <main className={`phone-ticket status-${ticket.status}`}>
      <h2 className="ticket-label">{t.yourNumber}</h2>
      <p className="ticket-number" data-testid="phone-number">
        {ticket.number}
      </p>
      <p className="phone-service">
        {ticket.serviceName}
        {ticket.priority === 'green' ? <span className="green-badge">{t.greenBadge}</span> : null}
        {hasAppointmentPriority(ticket) ? (
          <span className="mark-badge appointment-badge">{t.appointmentMark}</span>
        ) : null}
      </p>
      <p className="phone-status" data-testid="phone-status" role="status" aria-live="assertive">
        {status}
      </p>
      {waiting ? (
        <dl className="ticket-facts">
          <div>
            <dt>{t.estimatedWait}</dt>
            <dd>{t.waitShort(ticket.estimatedWaitMinutes)}</dd>
          </div>
          <div>
            <dt>{t.windows}</dt>
            <dd>
              <NameList names={windows} separator={t.listSeparator} />
            </dd>
          </div>
        </dl>
      ) : null}
      <p className="phone-issued" data-testid="issued-at">
        {t.issuedAtTime(issuedAt)}
      </p>
      {waiting ? <MaterialsList materials={materials} /> : null}
      {ticket.rating ? <p className="rated">{t.rated}</p> : null}
      {byPhone && prompt === 'awaiting' && ticket.windowId ? (
        <RatingButtons ticket={ticket} windowId={ticket.windowId} onRated={onRated} />
      ) : null}
      {byPhone && prompt === 'unrated' ? <p className="rate-late">{t.rateLate}</p> : null}
    </main>
  );
}
