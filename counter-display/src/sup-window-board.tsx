import type { HallSnapshot, SupervisionView } from '@hall/protocol';
import { SupWindowTimer, windowLevel } from './sup-window-timer';
import { windowState } from './supervisor-format';
import { useSupervisorTexts } from './supervisor-i18n';

/** Every window: its state in words, the number at it, the clerk on duty, its timer. */
export function SupWindowBoard({
  hall,
  view = null,
  now = Date.now(),
}: {
  hall: HallSnapshot;
  view?: SupervisionView | null;
  now?: number;
}) {
  const t = useSupervisorTexts();
  return (
    <section className="card sup-section" aria-labelledby="sup-windows">
      <h2 id="sup-windows">{t.windows}</h2>
      <ul className="sup-windows">
        {hall.windows.map((w) => {
          const state = windowState(w);
          const services = w.serviceIds
            .map((id) => hall.services.find((s) => s.id === id)?.name ?? id)
            .join('、');
          return (
            <li
              key={w.id}
              className={`sup-window sup-window-${state} limit-card-${windowLevel(view, w.id, now)}`}
              data-testid={`sup-window-${w.id}`}
            >
              <div className="sup-window-head">
                <strong>{w.name}</strong>
                <span className={`sup-state sup-state-${state}`}>{t.windowState[state]}</span>
              </div>
              <div className={`sup-window-number ${w.currentNumber ? '' : 'sup-no-number'}`}>
                {w.currentNumber ?? '—'}
              </div>
              <div className="sup-window-staff">
                {w.staffName ? (
                  <>
                    {w.staffName}
                    {w.staffJobNo && (
                      <span className="muted small sup-job-no">{t.jobNo(w.staffJobNo)}</span>
                    )}
                  </>
                ) : (
                  <span className="muted">{t.nobodyAtWindow}</span>
                )}
              </div>
              <SupWindowTimer view={view} windowId={w.id} now={now} />
              <div className="muted small sup-window-services" title={services}>
                {services}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
