import type {
  ClerkDesk,
  ConnectionStatus,
  HallEvent,
  HallSnapshot,
  Outcome,
  Ticket,
} from '@hall/protocol';
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { ActionPad, type ActionId } from './action-pad';
import { api, ApiFailure } from './api';
import { ChooseDialog } from './choose-dialog';
import { CurrentTicket } from './current-ticket';
import { EvaluationBanner } from './evaluation-banner';
import { FinishDialog } from './finish-dialog';
import { LangContext, useTexts } from './i18n';
import { PauseDialog } from './pause-dialog';
import type { Session } from './session';
import { NoticePrint, useNoticePrint } from './notice-print';
import { TodayStats } from './today-stats';
import { TransferDialog } from './transfer-dialog';
import { useNow } from './use-now';
import { usePresence } from './use-presence';
import { useToast } from './use-toast';
import { useUpcoming } from './use-upcoming';
import { actionForKey } from './shortcuts';
import { WaitingPanel } from './waiting-panel';

type Dialog =
  | { kind: 'finish' }
  | { kind: 'transfer' }
  | { kind: 'pause' }
  | { kind: 'choose'; ticketId?: string }
  | null;

/** The work at one window: the current ticket, the action keys, the queue and today's counts. */
export function ConsoleScreen(props: {
  session: Session;
  desk: ClerkDesk;
  hall: HallSnapshot;
  windowId: string;
  status: ConnectionStatus;
  onEvent: (listener: (event: HallEvent) => void) => () => void;
  refreshDesk: () => Promise<void>;
  onUnauthorized: () => void;
}) {
  const t = useTexts();
  const lang = useContext(LangContext);
  const { session, hall, windowId, desk, onEvent, refreshDesk } = props;
  const win = hall.windows.find((w) => w.id === windowId);
  const [current, setCurrent] = useState<Ticket | null>(null);
  const { upcoming, setUpcoming, reload } = useUpcoming({
    session,
    windowId,
    lang,
    status: props.status,
    onEvent,
    onUnauthorized: props.onUnauthorized,
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const { toast, show } = useToast();
  const [lastNoShow, setLastNoShow] = useState<Ticket | null>(null);
  const [noticePrint, setNoticePrint] = useNoticePrint(onEvent);
  usePresence(session, windowId);

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof ApiFailure && err.status === 401) props.onUnauthorized();
      show(err instanceof ApiFailure ? err.message : t.networkError, 'error');
    },
    [props, show, t],
  );

  // the ticket in hand: whatever the window says, fetched in full
  const currentId = win?.currentTicketId ?? null;
  const currentStatus = win?.currentStatus ?? null;
  useEffect(() => {
    if (!currentId) {
      setCurrent(null);
      return undefined;
    }
    let stop = false;
    api
      .ticket(currentId, lang)
      .then((ticket) => {
        if (!stop) setCurrent(ticket);
      })
      .catch(() => undefined);
    return () => {
      stop = true;
    };
  }, [currentId, currentStatus, lang]);

  // the desk's counts after anything that ends a ticket here
  useEffect(
    () =>
      onEvent((event) => {
        if (
          (event.type === 'rating.recorded' ||
            event.type === 'ticket.finished' ||
            event.type === 'ticket.no_show') &&
          event.data.windowId === windowId
        ) {
          void refreshDesk();
        }
      }),
    [onEvent, refreshDesk, windowId],
  );

  /** One action at a time: a second press while one is on its way does nothing. */
  const run = useCallback(
    async <T,>(fn: () => Promise<T>, after?: (result: T) => void): Promise<boolean> => {
      if (busyRef.current) return false;
      busyRef.current = true;
      setBusy(true);
      try {
        const result = await fn();
        after?.(result);
        return true;
      } catch (err) {
        failed(err);
        return false;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [failed],
  );
  const act = useCallback(
    (action: string, body?: unknown) =>
      api.windowAction<Ticket>(session.hallId, windowId, action, session.token, lang, body),
    [session, windowId, lang],
  );

  // the evaluation prompt, until a rating comes or its time runs out (then the desk says 未评价)
  const now = useNow(1000);
  const ratingOpen = !!win?.awaitingRating && Date.parse(win.awaitingRating.deadline) > now;
  const wasOpen = useRef(ratingOpen);
  useEffect(() => {
    if (wasOpen.current && !ratingOpen) {
      const timer = setTimeout(() => void refreshDesk(), 600);
      wasOpen.current = ratingOpen;
      return () => clearTimeout(timer);
    }
    wasOpen.current = ratingOpen;
    return undefined;
  }, [ratingOpen, refreshDesk]);

  const status = win?.status ?? 'closed';
  const paused = status === 'brief_pause' || status === 'paused';
  const inHand = current && (current.status === 'called' || current.status === 'serving');
  const enabled: Record<ActionId, boolean> = {
    callNext: !paused && !inHand,
    recall: current?.status === 'called',
    start: current?.status === 'called',
    finish: current?.status === 'serving',
    noShow: current?.status === 'called',
    transfer: !!inHand,
    pause: !paused && !inHand,
    resume: paused,
    choose: !paused && !inHand && upcoming.length > 0,
    requeue: !!lastNoShow,
    signOut: !inHand,
  };

  const trigger = useCallback(
    (id: ActionId) => {
      if (busyRef.current || dialog) return;
      switch (id) {
        case 'callNext':
          void run(
            () => act('call-next'),
            (ticket) => {
              if (ticket) {
                setCurrent(ticket);
                setUpcoming((list) => list.filter((x) => x.id !== ticket.id));
                setLastNoShow(null);
                show(t.calledToast(ticket.number));
              } else show(t.noOneToCall);
            },
          );
          break;
        case 'recall':
          void run(
            () => act('recall'),
            (ticket) => {
              if (ticket) {
                setCurrent(ticket);
                show(t.calledToast(ticket.number));
              }
            },
          );
          break;
        case 'start':
          void run(
            () => act('start'),
            (ticket) => ticket && setCurrent(ticket),
          );
          break;
        case 'noShow':
          void run(
            () => act('no-show'),
            (ticket) => {
              if (!ticket) return;
              setCurrent(null);
              setLastNoShow(ticket);
              show(t.noShowToast(ticket.number));
            },
          );
          break;
        case 'requeue':
          if (lastNoShow)
            void run(
              () => act('requeue', { ticketId: lastNoShow.id }),
              (ticket) => {
                setLastNoShow(null);
                if (ticket) show(t.requeuedToast(ticket.number));
              },
            );
          break;
        case 'resume':
          void run(() => act('resume'));
          break;
        case 'finish':
          setDialog({ kind: 'finish' });
          break;
        case 'transfer':
          setDialog({ kind: 'transfer' });
          break;
        case 'pause':
          setDialog({ kind: 'pause' });
          break;
        case 'choose':
          setDialog({ kind: 'choose' });
          break;
        case 'signOut':
          if (window.confirm(t.signOutConfirm))
            void run(
              () => act('close'),
              () => void refreshDesk(),
            );
          break;
      }
    },
    [act, dialog, lastNoShow, refreshDesk, run, show, t],
  );

  // the keyboard and the counter keypad
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // this screen's dialogs, and those of the waiting panel, take the keys while open
      if (dialog || document.querySelector('[aria-modal="true"]')) return;
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const id = actionForKey(e, current?.status ?? null);
      if (!id) return;
      e.preventDefault();
      if (enabled[id]) trigger(id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const finish = async (outcome: Outcome, missing: string[]) => {
    const number = current?.number ?? '';
    const ticketId = current?.id ?? '';
    const ok = await run(
      () => act('finish', { outcome, ...(missing.length ? { missingMaterials: missing } : {}) }),
      () => {
        setCurrent(null);
        setDialog(null);
        show(t.done(number));
      },
    );
    if (!ok || outcome !== 'materials_missing') return;
    await run(
      () => api.printNotice(session.hallId, ticketId, windowId, missing, session.token, lang),
      (r) => setNoticePrint({ number, jobId: r.jobId, ...r.print }),
    ).then((printed) => {
      if (!printed) show(t.noticeFailed + number, 'error');
    });
  };

  const serviceOf = (id: string | undefined) => hall.services.find((s) => s.id === id);
  return (
    <main className="desk" data-busy={busy ? 'true' : 'false'}>
      <section className="desk-main">
        <div className="window-line">
          <h1>{win?.name}</h1>
          <span className={`sign sign-${status}`} data-testid="window-status">
            {t.status[status]}
          </span>
          <button
            type="button"
            className="ghost"
            disabled={!enabled.signOut || busy}
            onClick={() => trigger('signOut')}
          >
            {t.signOut} <kbd>Alt+X</kbd>
          </button>
        </div>
        <CurrentTicket ticket={current} hall={hall} windowId={windowId} limits={desk.limits} />
        {ratingOpen && win?.awaitingRating && (
          <EvaluationBanner deadline={win.awaitingRating.deadline} />
        )}
        {!ratingOpen && desk.lastFinished && desk.lastFinished.rating !== 'awaiting' && (
          <p className="last-rating" data-testid="last-rating">
            {t.lastRating(
              desk.lastFinished.number,
              desk.lastFinished.score ? t.score(desk.lastFinished.score) : t.notRated,
            )}
          </p>
        )}
        {lastNoShow && (
          <p className="last-no-show">
            {t.lastNoShow(lastNoShow.number)} · {t.requeueHint}
          </p>
        )}
        <ActionPad enabled={enabled} busy={busy} onAction={trigger} />
        <NoticePrint state={noticePrint} />
        {toast && (
          <div className={`toast toast-${toast.tone}`} role="status" data-testid="toast">
            {toast.text}
          </div>
        )}
      </section>
      <aside className="desk-side">
        <WaitingPanel
          session={session}
          hall={hall}
          serviceIds={win?.serviceIds ?? []}
          limits={desk.limits}
          tickets={upcoming}
          canChoose={enabled.choose}
          onChoose={(ticketId) => setDialog({ kind: 'choose', ticketId })}
          onChanged={reload}
          show={show}
          onUnauthorized={props.onUnauthorized}
        />
        <TodayStats desk={desk} />
      </aside>
      {dialog?.kind === 'finish' && current && (
        <FinishDialog
          ticket={current}
          materials={serviceOf(current.serviceId)?.materials ?? []}
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={(outcome, missing) => void finish(outcome, missing)}
        />
      )}
      {dialog?.kind === 'transfer' && current && (
        <TransferDialog
          session={session}
          hall={hall}
          windowId={windowId}
          ticket={current}
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={(target, label) =>
            void run(
              () => act('transfer', target),
              () => {
                setCurrent(null);
                setDialog(null);
                show(t.transferredToast(current.number, label));
              },
            )
          }
        />
      )}
      {dialog?.kind === 'pause' && (
        <PauseDialog
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={(kind) =>
            void run(
              () => act('pause', { kind }),
              () => setDialog(null),
            )
          }
        />
      )}
      {dialog?.kind === 'choose' && (
        <ChooseDialog
          tickets={upcoming}
          initial={dialog.ticketId ?? null}
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={(ticketId, reason) =>
            void run(
              () => act('call', { ticketId, reason }),
              (ticket) => {
                setDialog(null);
                if (ticket) {
                  setCurrent(ticket);
                  setUpcoming((list) => list.filter((x) => x.id !== ticket.id));
                  show(t.calledToast(ticket.number));
                }
              },
            )
          }
        />
      )}
    </main>
  );
}
