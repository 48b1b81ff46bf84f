import type { CallEntry } from './call-text';
import { useTexts } from './i18n';

/**
 * The newest call in very large type. It flashes when its event arrives (a new key
 * restarts the flash); a call the screen found already made when it started does not.
 */
export function LatestCall({
  call,
  windowLabel,
  short = false,
}: {
  call: CallEntry | undefined;
  windowLabel: (c: CallEntry) => string;
  /** LED walls: "请到3号窗口" without the closing word. */
  short?: boolean;
}) {
  const t = useTexts();
  if (!call) {
    return (
      <section className="latest latest-empty" aria-live="polite">
        <div className="latest-waiting">{t.noCallYet}</div>
      </section>
    );
  }
  const go = short ? t.goShort(windowLabel(call)) : t.pleaseGo(windowLabel(call));
  return (
    <section className="latest" aria-live="assertive" data-testid="latest-call">
      <div
        key={call.key}
        className={call.key.startsWith('snapshot:') ? 'latest-body' : 'latest-body latest-flash'}
      >
        <div className="latest-label">
          {t.nowCalling}
          {call.recall ? <span className="badge">{t.recall}</span> : null}
        </div>
        <div className="latest-number" data-testid="latest-number">
          {call.number}
        </div>
        <div className="latest-window" style={{ ['--len' as string]: go.length }}>
          {go}
        </div>
      </div>
    </section>
  );
}
