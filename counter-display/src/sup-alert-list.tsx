import type { HallSnapshot, User } from '@hall/protocol';
import { useContext } from 'react';
import { LangContext } from './i18n';
import { hallTime } from './supervisor-format';
import { useSupervisorTexts } from './supervisor-i18n';

/** A live alert: a bad rating (rating.alert) or an overdue follow-up (follow_up.escalated). */
export interface SupAlert {
  id: string;
  kind: 'bad_rating' | 'escalated';
  at: string;
  windowId: string;
  clerkId: string;
  number: string;
  score?: number;
}

/** Alerts as they arrive, newest first. */
export function SupAlertList(props: {
  alerts: SupAlert[];
  hall: HallSnapshot;
  staff: Map<string, User>;
}) {
  const t = useSupervisorTexts();
  const lang = useContext(LangContext);
  return (
    <section className="card sup-section" aria-labelledby="sup-alerts">
      <h2 id="sup-alerts">
        {t.alerts}
        {props.alerts.length > 0 && <span className="sup-count">{props.alerts.length}</span>}
      </h2>
      {props.alerts.length === 0 ? (
        <p className="muted">{t.noAlerts}</p>
      ) : (
        <ul className="sup-alerts" role="log" aria-live="polite" data-testid="sup-alerts">
          {props.alerts.map((a) => {
            const win = props.hall.windows.find((w) => w.id === a.windowId)?.name ?? a.windowId;
            const who = props.staff.get(a.clerkId);
            const clerk = who ? `${who.name}(${t.jobNo(who.jobNo)})` : a.clerkId;
            return (
              <li key={a.id} className={`sup-alert sup-alert-${a.kind}`}>
                <div className="sup-alert-head">
                  <strong>
                    {a.kind === 'bad_rating' && a.score !== undefined
                      ? `${t.badRating(a.score)} · ${t.scoreName(a.score)}`
                      : t.escalated}
                  </strong>
                  <span className="muted small">{hallTime(a.at, props.hall.timeZone, lang)}</span>
                </div>
                <div>{t.alertLine(win, clerk, a.number)}</div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
