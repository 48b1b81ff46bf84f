import type { PublicWindow } from '@hall/protocol';
import { useTexts, type Texts } from './i18n';

export type WindowState = 'called' | 'serving' | 'idle' | 'brief' | 'paused' | 'closed';

export function windowState(w: PublicWindow): WindowState {
  switch (w.status) {
    case 'closed':
      return 'closed';
    case 'paused':
      return 'paused';
    case 'brief_pause':
      return 'brief';
    case 'open':
      if (w.currentNumber && w.currentStatus === 'called') return 'called';
      if (w.currentNumber && w.currentStatus === 'serving') return 'serving';
      return 'idle';
  }
}

export function stateText(t: Texts, s: WindowState): string {
  switch (s) {
    case 'called':
      return t.statusCalled;
    case 'serving':
      return t.statusServing;
    case 'idle':
      return t.statusIdle;
    case 'brief':
      return t.statusBrief;
    case 'paused':
      return t.statusPaused;
    case 'closed':
      return t.statusClosed;
  }
}

/** Every window: the number it serves, or 请稍候 / 暂停服务. Never the clerk's or a resident's name. */
export function WindowBoard({
  windows,
  windowLabel,
  title = true,
}: {
  windows: PublicWindow[];
  windowLabel: (w: PublicWindow) => string;
  title?: boolean;
}) {
  const t = useTexts();
  return (
    <section className="windows" aria-label={t.windows}>
      {title ? <h2 className="panel-title">{t.windows}</h2> : null}
      <ul className="window-list" data-testid="windows">
        {windows.map((w) => {
          const s = windowState(w);
          const showNumber = s === 'called' || s === 'serving';
          return (
            <li key={w.id} className={`window-row window-${s}`} data-window={w.id} data-state={s}>
              <span className="window-name">{windowLabel(w)}</span>
              <span className="window-number">{showNumber ? w.currentNumber : ''}</span>
              <span className="window-state">{stateText(t, s)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
