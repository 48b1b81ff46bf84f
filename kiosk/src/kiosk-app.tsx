import type {
  HallSnapshot,
  IssueTicketBody,
  Priority,
  PublicService,
  Ticket,
} from '@hall/protocol';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiFailure, checkDevice, issueTicket, saveContact, storeUnavailable } from './api';
import { checkInTexts } from './check-in-i18n';
import { CheckInProblem, isCheckInProblem } from './check-in-problem';
import { CheckInScreen, type CheckIn } from './check-in-screen';
import { ConfirmScreen } from './confirm-screen';
import { LangContext, texts, type Lang } from './i18n';
import { KioskHeader } from './kiosk-header';
import { loadPairing } from './pairing';
import { ProblemScreen } from './problem-screen';
import { ServiceGrid } from './service-grid';
import { speak, stopSpeaking } from './speech';
import { TicketScreen } from './ticket-screen';
import { useHall } from './use-hall';
import { useIdle } from './use-idle';

/**
 * A ticket, a request under way or a failed request keeps its own screen while the hall is
 * unreachable: a failed request's 重试 sends the same requestId, so the resident gets the one
 * ticket even if the server made it while the store was away.
 */
function ownsScreen(screen: Screen): boolean {
  return screen.kind === 'ticket' || screen.kind === 'issuing' || screen.kind === 'failed';
}

/** What the kiosk asks for: a service's ticket, or an appointment's check-in. */
type Take = { serviceId: string; priority: Priority } | { checkIn: CheckIn };

type Screen =
  | { kind: 'start'; green?: boolean }
  | { kind: 'appointment'; tab?: 'code' | 'phone' }
  | { kind: 'confirm'; serviceId: string; green?: boolean }
  | { kind: 'issuing' }
  | { kind: 'ticket'; ticket: Ticket }
  | {
      kind: 'failed';
      code: string;
      message: string;
      opensAt?: string;
      comeBackAt?: string;
      retry: { take: Take; requestId: string };
    };

export interface Settings {
  lang: Lang;
  large: boolean;
  contrast: boolean;
  voice: boolean;
}
const DEFAULTS: Settings = { lang: 'zh', large: false, contrast: false, voice: false };

/** The kiosk screen: choose a service, take a ticket, see it with its QR code and print state. */
export function KioskApp() {
  const pairing = useMemo(() => loadPairing(), []);
  const [settings, setSettings] = useState<Settings>(DEFAULTS);
  const [screen, setScreen] = useState<Screen>({ kind: 'start' });
  const refused = useDeviceCheck(pairing);
  const [refusedOnIssue, setRefused] = useState<DeviceProblem | null>(null);
  const deviceProblem = refused ?? refusedOnIssue;
  const { hall, health, onEvent, printOf } = useHall(pairing?.hallId ?? null, settings.lang);
  const t = texts[settings.lang];

  const home = useCallback(() => {
    stopSpeaking();
    setScreen({ kind: 'start' });
    setSettings(DEFAULTS);
  }, []);
  useIdle(screen.kind !== 'start' || settings !== DEFAULTS, pairing?.idleSeconds ?? 60, home);
  // a refusal the resident can do nothing about does not hold the kiosk for the full idle time
  useEffect(() => {
    if (screen.kind !== 'failed') return undefined;
    const id = setTimeout(home, 15_000);
    return () => clearTimeout(id);
  }, [screen, home]);
  useLockdown();

  useEffect(() => {
    const root = document.documentElement;
    root.lang = settings.lang === 'zh' ? 'zh-CN' : 'en';
    root.classList.toggle('large', settings.large);
    root.classList.toggle('contrast', settings.contrast);
    root.classList.add('kiosk');
    document.title = t.appTitle;
  }, [settings, t]);

  const take = useCallback(
    async (what: Take, requestId: string = crypto.randomUUID()) => {
      if (!pairing) return;
      setScreen({ kind: 'issuing' });
      const body: IssueTicketBody =
        'checkIn' in what
          ? { requestId, ...what.checkIn }
          : {
              serviceId: what.serviceId,
              requestId,
              ...(what.priority === 'green' ? { priority: what.priority } : {}),
            };
      try {
        const ticket = await issueTicket(pairing.hallId, pairing.token, body, settings.lang);
        setScreen({ kind: 'ticket', ticket });
        if (settings.voice) {
          const checkIn = ticket.checkIn
            ? checkInTexts(settings.lang).speakCheckIn(ticket.checkIn)
            : '';
          speak(
            checkIn + t.speakTicket(ticket.number, ticket.serviceName, ticket.waitingAhead),
            settings.lang,
          );
        }
      } catch (err) {
        const f = err instanceof ApiFailure ? err : new ApiFailure('network', 0, String(err));
        if (f.code === 'device_disabled') setRefused('disabled');
        else if (f.code === 'unauthorized' || f.code === 'forbidden') setRefused('refused');
        setScreen({
          kind: 'failed',
          code: f.code,
          message: f.message,
          ...(f.opensAt ? { opensAt: f.opensAt } : {}),
          ...(f.comeBackAt ? { comeBackAt: f.comeBackAt } : {}),
          retry: { take: what, requestId },
        });
      }
    },
    [pairing, settings, t],
  );

  const setSetting = (patch: Partial<Settings>) => {
    const next = { ...settings, ...patch };
    setSettings(next);
    if (patch.voice) speak(texts[next.lang].speakWelcome, next.lang);
    if (patch.voice === false) stopSpeaking();
  };

  let body: ReactNode;
  const service = (id: string): PublicService | undefined =>
    hall?.services.find((s) => s.id === id);
  if (!pairing) {
    body = <ProblemScreen kind="unpaired" />;
  } else if (deviceProblem) {
    body = <ProblemScreen kind={deviceProblem} />;
  } else if (health === 'not_found') {
    body = <ProblemScreen kind="unpaired" />;
  } else if (health === 'offline' && !ownsScreen(screen)) {
    body = <ProblemScreen kind="offline" />;
  } else if (health === 'unavailable' && !ownsScreen(screen)) {
    body = <ProblemScreen kind="unavailable" />;
  } else if (!hall) {
    body = <div className="loading">{t.loading}</div>;
  } else if (screen.kind === 'ticket') {
    const ticketId = screen.ticket.id;
    body = (
      <TicketScreen
        ticket={screen.ticket}
        hall={hall}
        seconds={pairing.ticketSeconds}
        onEvent={onEvent}
        printOf={printOf}
        onDone={home}
        onContact={async (phone) => {
          await saveContact(pairing.hallId, pairing.token, ticketId, phone, settings.lang);
        }}
      />
    );
  } else if (hallClosed(hall.services)) {
    body = <ProblemScreen kind="hall_closed" opensAt={nextOpening(hall.services)} hall={hall} />;
  } else if (screen.kind === 'appointment') {
    body = (
      <CheckInScreen
        {...(screen.tab ? { initialTab: screen.tab } : {})}
        onCancel={home}
        onCheckIn={(checkIn) => void take({ checkIn })}
      />
    );
  } else if (screen.kind === 'confirm') {
    const s = service(screen.serviceId);
    const { green } = screen;
    body = s ? (
      <ConfirmScreen
        service={s}
        green={green === true}
        greenChannel={greenChannelOf(hall)}
        onTake={(priority) => void take({ serviceId: s.id, priority })}
        onBack={() => setScreen({ kind: 'start', ...(green ? { green } : {}) })}
      />
    ) : null;
  } else if (screen.kind === 'issuing') {
    body = (
      <div className="issuing" role="status">
        <div className="spinner" aria-hidden="true" />
        {t.issuing}
      </div>
    );
  } else if (screen.kind === 'failed' && isCheckInProblem(screen.code)) {
    const r = screen.retry;
    const given = 'checkIn' in r.take ? r.take.checkIn : null;
    body = (
      <CheckInProblem
        code={screen.code}
        message={screen.message}
        byPhone={given !== null && 'appointmentPhone' in given}
        typed={
          given === null
            ? ''
            : 'appointmentPhone' in given
              ? given.appointmentPhone
              : given.appointmentCode
        }
        hall={hall}
        {...(screen.comeBackAt ? { comeBackAt: screen.comeBackAt } : {})}
        onBack={home}
        onAgain={() =>
          setScreen({
            kind: 'appointment',
            tab: given !== null && 'appointmentPhone' in given ? 'phone' : 'code',
          })
        }
      />
    );
  } else if (screen.kind === 'failed') {
    const r = screen.retry;
    body = (
      <ProblemScreen
        kind="issue_failed"
        code={screen.code}
        message={screen.message}
        hall={hall}
        {...(screen.opensAt ? { opensAt: screen.opensAt } : {})}
        onBack={home}
        {...(screen.code === 'network' || storeUnavailable(screen.code)
          ? { onRetry: () => void take(r.take, r.requestId) }
          : {})}
      />
    );
  } else {
    const { green } = screen;
    body = (
      <ServiceGrid
        hall={hall}
        green={green === true}
        greenChannel={greenChannelOf(hall)}
        onChoose={(id) =>
          setScreen({ kind: 'confirm', serviceId: id, ...(green ? { green } : {}) })
        }
        onGreen={() => setScreen({ kind: 'start', green: true })}
        onAppointment={() => setScreen({ kind: 'appointment' })}
        onCancel={home}
      />
    );
  }

  return (
    <LangContext.Provider value={settings.lang}>
      <div className="kiosk-app">
        <KioskHeader hall={hall} settings={settings} onChange={setSetting} />
        <main className="kiosk-main">{body}</main>
      </div>
    </LangContext.Provider>
  );
}

type DeviceProblem = 'refused' | 'disabled';

/**
 * Checks the kiosk's token once on start-up, so that a wrong or disabled token shows
 * 本机未配置 / 本机已停用 at once rather than when a resident taps 取号. A network
 * failure says nothing about the token: the offline screen covers it.
 */
function useDeviceCheck(pairing: { hallId: string; token: string } | null): DeviceProblem | null {
  const [problem, setProblem] = useState<DeviceProblem | null>(null);
  useEffect(() => {
    if (!pairing) return undefined;
    let stopped = false;
    checkDevice(pairing.token, 'zh')
      .then((me) => {
        if (!stopped && (me.kind !== 'kiosk' || me.hallId !== pairing.hallId))
          setProblem('refused');
      })
      .catch((err: unknown) => {
        if (stopped || !(err instanceof ApiFailure)) return;
        if (err.code === 'device_disabled') setProblem('disabled');
        else if (err.code === 'unauthorized' || err.code === 'forbidden') setProblem('refused');
      });
    return () => {
      stopped = true;
    };
  }, [pairing]);
  return problem;
}

/**
 * How the hall lets residents declare the green channel: `tap` at the kiosk, or `ask_staff`
 * (the kiosk sends them to the service desk, where staff issue the ticket).
 */
function greenChannelOf(hall: HallSnapshot): 'tap' | 'ask_staff' {
  return hall.greenChannel ?? 'tap';
}

/** The whole hall is closed for ticketing when every service is closed by the hours (not by quota). */
function hallClosed(services: PublicService[]): boolean {
  return (
    services.length > 0 &&
    services.every(
      (s) => !s.open && s.closedReason !== undefined && s.closedReason !== 'quota_exhausted',
    )
  );
}

function nextOpening(services: PublicService[]): string | null {
  const times = services.map((s) => s.opensAt).filter((x): x is string => x !== undefined);
  if (times.length === 0) return null;
  return times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/** Nothing on the kiosk screen leads out of the app: no context menu, zoom, drag or back. */
function useLockdown(): void {
  useEffect(() => {
    const prevent = (e: Event) => e.preventDefault();
    const noZoom = (e: TouchEvent) => {
      if (e.touches.length > 1) e.preventDefault();
    };
    const noKeys = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.key === 'F5' || e.key === 'F11')
        e.preventDefault();
    };
    const stayHere = () => window.history.pushState(null, '', window.location.href);
    window.history.pushState(null, '', window.location.href);
    document.addEventListener('contextmenu', prevent);
    document.addEventListener('dragstart', prevent);
    document.addEventListener('gesturestart', prevent);
    document.addEventListener('touchmove', noZoom, { passive: false });
    document.addEventListener('keydown', noKeys);
    window.addEventListener('popstate', stayHere);
    return () => {
      document.removeEventListener('contextmenu', prevent);
      document.removeEventListener('dragstart', prevent);
      document.removeEventListener('gesturestart', prevent);
      document.removeEventListener('touchmove', noZoom);
      document.removeEventListener('keydown', noKeys);
      window.removeEventListener('popstate', stayHere);
    };
  }, []);
}
