import type { LimitPair, SupervisionView } from '@hall/protocol';
import { useAlertTexts } from './alerts-i18n';
import { elapsed, LimitTimer } from './limit-timer';

type WindowTimes = SupervisionView['windows'][number];

/** The limit pair that applies to a window's state now (null: no limit, or closed). */
export function windowLimit(view: SupervisionView, w: WindowTimes): LimitPair | null {
  const service = view.limits.services.find((s) => s.serviceId === w.serviceId);
  const hall = view.limits.hall;
  switch (w.state) {
    case 'called':
      return service?.callMinutes ?? hall.callMinutes;
    case 'serving':
      return service?.serviceMinutes ?? hall.serviceMinutes;
    case 'brief_pause':
      return hall.briefPauseMinutes;
    case 'paused':
      return hall.closedPauseMinutes;
    case 'idle':
      return { yellow: hall.idlePostMinutes, red: hall.idlePostMinutes };
    case 'closed':
      return null;
  }
}

/** The level a window has reached, for the card's frame. */
export function windowLevel(view: SupervisionView | null, windowId: string, now: number) {
  const w = view?.windows.find((x) => x.windowId === windowId);
  if (!view || !w || w.state === 'closed') return 'none';
  return elapsed(w.since, now, windowLimit(view, w)).level;
}

/** How long the window's ticket has been called or served, or the window paused or idle. */
export function SupWindowTimer(props: {
  view: SupervisionView | null;
  windowId: string;
  now: number;
}) {
  const t = useAlertTexts();
  const w = props.view?.windows.find((x) => x.windowId === props.windowId);
  if (!props.view || !w || w.state === 'closed' || !w.since) return null;
  const label = {
    called: t.called,
    serving: t.serving,
    brief_pause: t.paused,
    paused: t.paused,
    idle: t.idle,
  }[w.state];
  return (
    <div className="sup-window-timer">
      <LimitTimer
        label={label}
        since={w.since}
        now={props.now}
        pair={windowLimit(props.view, w)}
        testId={`sup-timer-${props.windowId}`}
      />
    </div>
  );
}
