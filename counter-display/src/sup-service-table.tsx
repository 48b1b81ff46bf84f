import type { HallSnapshot, SupervisionView } from '@hall/protocol';
import { useContext } from 'react';
import { useAlertTexts } from './alerts-i18n';
import { LangContext } from './i18n';
import { LimitTimer } from './limit-timer';
import { hallTime } from './supervisor-format';
import { useSupervisorTexts } from './supervisor-i18n';

/** Every service: people waiting, estimated wait, issuing or not (and when it opens), quota left. */
export function SupServiceTable({
  hall,
  view = null,
  now = Date.now(),
}: {
  hall: HallSnapshot;
  view?: SupervisionView | null;
  now?: number;
}) {
  const t = useSupervisorTexts();
  const at = useAlertTexts();
  const lang = useContext(LangContext);
  return (
    <section className="card sup-section" aria-labelledby="sup-services">
      <h2 id="sup-services">{t.services}</h2>
      <table className="sup-table">
        <thead>
          <tr>
            <th scope="col">{t.service}</th>
            <th scope="col" className="num">
              {t.waiting}
            </th>
            <th scope="col">{at.longestWait}</th>
            <th scope="col" className="num">
              {t.estimate}
            </th>
            <th scope="col">{t.state}</th>
            <th scope="col" className="num">
              {t.quotaLeft}
            </th>
          </tr>
        </thead>
        <tbody>
          {hall.services.map((s) => (
            <tr key={s.id} data-testid={`sup-service-${s.id}`}>
              <th scope="row">
                <span className="sup-prefix">{s.prefix}</span> {s.name}
              </th>
              <td className="num sup-waiting" data-testid={`sup-waiting-${s.id}`}>
                {t.people(s.waiting)}
              </td>
              <td className="sup-longest" data-testid={`sup-longest-${s.id}`}>
                <LongestWait view={view} serviceId={s.id} now={now} />
              </td>
              <td className="num">{t.minutes(s.estimatedWaitMinutes)}</td>
              <td>
                {s.open ? (
                  <span className="sup-ok">{t.open}</span>
                ) : (
                  <span className="sup-bad">
                    {s.opensAt
                      ? t.closedUntil(hallTime(s.opensAt, hall.timeZone, lang, true))
                      : t.closed}
                  </span>
                )}
              </td>
              <td className="num">{s.quotaLeft === null ? t.noQuota : s.quotaLeft}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The longest-waiting ticket of a service against its wait limit, and 空岗 when nobody serves it. */
function LongestWait(props: { view: SupervisionView | null; serviceId: string; now: number }) {
  const at = useAlertTexts();
  const s = props.view?.services.find((x) => x.serviceId === props.serviceId);
  const limits = props.view?.limits.services.find((x) => x.serviceId === props.serviceId);
  if (!s?.longestWaitSince) return <span className="muted">{at.nobodyWaits}</span>;
  return (
    <>
      <LimitTimer
        label={s.longestWaitNumber ?? ''}
        since={s.longestWaitSince}
        now={props.now}
        pair={limits?.waitMinutes ?? null}
      />
      {!s.staffed && (
        <span className="sup-unstaffed">
          <span aria-hidden="true">✖</span> {at.unstaffed}
        </span>
      )}
    </>
  );
}
