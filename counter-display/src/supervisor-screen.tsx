import type {
  FollowUp,
  HallEvent,
  HallSnapshot,
  ManagedNotice,
  NoticeBody,
  PrinterState,
  RatingStats,
  User,
} from '@hall/protocol';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiFailure } from './api';
import { LangContext } from './i18n';
import type { Session } from './session';
import { SupAlertPanel } from './sup-alert-panel';
import { SupFollowUpList } from './sup-follow-up-list';
import { SupNoticePanel } from './sup-notice-panel';
import { SupPrinterList } from './sup-printer-list';
import { SupRatingTable } from './sup-rating-table';
import { SupServiceTable } from './sup-service-table';
import { SupSessionPanel } from './sup-session-panel';
import { SupWindowBoard } from './sup-window-board';
import { reportTexts } from './reports/reports-i18n';
import { supervisorTexts } from './supervisor-i18n';
import { supervisorApi } from './supervisor-api';
import { useNow } from './use-now';
import { useSupervision } from './use-supervision';

/**
 * The duty officer's desk: the hall live (windows, queues) from the realtime client,
 * and what the API adds (ratings today, follow-ups, notices, printers), fetched again
 * when an event says it changed.
 */
export function SupervisorScreen(props: {
  session: Session;
  hall: HallSnapshot;
  onEvent: (listener: (event: HallEvent) => void) => () => void;
  onUnauthorized: () => void;
}) {
  const { session, hall, onEvent, onUnauthorized } = props;
  const lang = useContext(LangContext);
  const { hallId, token } = session;
  const day = hall.businessDay;
  const [staff, setStaff] = useState<Map<string, User>>(new Map());
  const [followUps, setFollowUps] = useState<FollowUp[]>([]);
  const [notices, setNotices] = useState<ManagedNotice[]>([]);
  const [printers, setPrinters] = useState<PrinterState[]>([]);
  const [stats, setStats] = useState<RatingStats | null>(null);
  // alerts (限时办结, 空岗, 脱岗, bad ratings) and the board's timers
  const sup = useSupervision({ hallId, token, lang, day, onEvent, onUnauthorized });
  const now = useNow(1000) + sup.skew;

  const guard = useCallback(
    async (work: () => Promise<void>) => {
      try {
        await work();
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 401) onUnauthorized();
      }
    },
    [onUnauthorized],
  );

  const loaders = useMemo(
    () => ({
      staff: () =>
        guard(async () => {
          const list = await supervisorApi.staff(hallId, token, lang);
          setStaff(new Map(list.map((u) => [u.id, u])));
        }),
      followUps: () =>
        guard(async () => setFollowUps(await supervisorApi.followUps(hallId, token, lang))),
      notices: () =>
        guard(async () => setNotices(await supervisorApi.notices(hallId, token, lang))),
      printers: () => guard(async () => setPrinters(await supervisorApi.printers(hallId, lang))),
      stats: () =>
        guard(async () => setStats(await supervisorApi.ratingStats(hallId, day, token, lang))),
    }),
    [guard, hallId, token, lang, day],
  );
  type Part = keyof typeof loaders;

  useEffect(() => {
    for (const load of Object.values(loaders)) void load();
  }, [loaders]);

  // several events in a burst fetch once
  const timers = useRef(new Map<Part, ReturnType<typeof setTimeout>>());
  const refresh = useCallback(
    (part: Part) => {
      if (timers.current.has(part)) return;
      timers.current.set(
        part,
        setTimeout(() => {
          timers.current.delete(part);
          void loaders[part]();
        }, 300),
      );
    },
    [loaders],
  );
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  useEffect(
    () =>
      onEvent((event) => {
        switch (event.type) {
          case 'rating.alert':
            refresh('followUps');
            refresh('stats');
            break;
          case 'follow_up.escalated':
          case 'follow_up.created':
          case 'follow_up.closed':
            refresh('followUps');
            break;
          case 'rating.recorded':
          case 'ticket.finished':
          case 'ticket.no_show':
            refresh('stats');
            break;
          case 'notice.updated':
            refresh('notices');
            break;
          case 'config.changed':
            // the hall's staff (names, job numbers), notices, printers or counts may have changed
            refresh('staff');
            refresh('notices');
            refresh('printers');
            refresh('stats');
            break;
          case 'printer.status': {
            const d = event.data;
            setPrinters((list) =>
              list.some((p) => p.printerId === d.printerId)
                ? list.map((p) => {
                    if (p.printerId !== d.printerId) return p;
                    const next: PrinterState = {
                      ...p,
                      connected: d.connected,
                      ready: d.ready,
                      paperNearEnd: d.paperNearEnd,
                    };
                    delete next.problem;
                    if (d.problem) next.problem = d.problem;
                    return next;
                  })
                : list,
            );
            refresh('printers');
            break;
          }
          case 'print.updated':
          case 'ticket.issued':
            // a new ticket is a print job: the pending count changes
            refresh('printers');
            break;
          case 'ticket.called':
          case 'ticket.recalled':
          case 'ticket.started':
          case 'ticket.requeued':
          case 'ticket.transferred':
          case 'ticket.expired':
          case 'window.opened':
          case 'window.closed':
          case 'window.paused':
          case 'window.resumed':
          case 'day.rolled_over':
          case 'alert.raised':
          case 'alert.escalated':
          case 'alert.acknowledged':
          case 'alert.cleared':
          case 'ticket.transfer_noted':
          case 'ticket.priority_changed':
            // the live snapshot and useSupervision show these by themselves
            break;
          case 'appointment.booked':
          case 'appointment.cancelled':
          case 'appointment.rescheduled':
          case 'appointment.no_show':
          case 'appointment.slots_changed':
          case 'appointment.checked_in':
          case 'contact.saved':
            // bookings live on the booking page (/counter/booking)
            break;
        }
      }),
    [onEvent, refresh],
  );

  const closeFollowUp = async (id: string, note: string) => {
    const closed = await supervisorApi.closeFollowUp(hallId, id, note, token, lang);
    setFollowUps((list) => list.map((f) => (f.id === closed.id ? closed : f)));
  };
  const addNotice = async (body: NoticeBody) => {
    const created = await supervisorApi.addNotice(hallId, body, token, lang);
    setNotices((list) => [...list.filter((n) => n.id !== created.id), created]);
  };
  const expireNotice = async (id: string) => {
    const expired = await supervisorApi.expireNotice(hallId, id, token, lang);
    setNotices((list) => list.map((n) => (n.id === expired.id ? expired : n)));
  };

  return (
    <main className="sup">
      <div className="sup-main">
        <div style={{ display: 'flex', gap: '0.75rem', flexWrap: 'wrap' }}>
          <a
            className="sup-link-button"
            href={`${import.meta.env.BASE_URL}supervisor/reports?hall=${hallId}`}
          >
            {reportTexts(lang).linkFromLive}
          </a>
          <a
            className="sup-link-button"
            href={`${import.meta.env.BASE_URL}admin?hall=${hallId}`}
            data-testid="admin-link"
          >
            {supervisorTexts(lang).adminLink}
          </a>
        </div>
        <SupWindowBoard hall={hall} view={sup.view} now={now} />
        <SupServiceTable hall={hall} view={sup.view} now={now} />
        <SupRatingTable day={day} stats={stats} staff={staff} />
      </div>
      <div className="sup-side">
        <SupAlertPanel
          open={sup.open}
          today={sup.today}
          hall={hall}
          staff={staff}
          sound={sup.sound}
          onSound={sup.setSound}
          onAck={sup.ack}
        />
        <SupFollowUpList followUps={followUps} hall={hall} staff={staff} onClose={closeFollowUp} />
        <SupNoticePanel notices={notices} hall={hall} onAdd={addNotice} onExpire={expireNotice} />
        <SupPrinterList printers={printers} />
        <SupSessionPanel
          staff={staff}
          onEnd={(userId) => supervisorApi.endSessions(hallId, userId, token, lang)}
        />
      </div>
    </main>
  );
}
