import type { HallSnapshot } from '@hall/protocol';
import { useContext } from 'react';
import { LangContext } from './i18n';
import { hallTime } from './supervisor-format';
import { useSupervisorTexts } from './supervisor-i18n';

/** Every service: people waiting, estimated wait, issuing or not (and when it opens), quota left. */
export function SupServiceTable({ hall }: { hall: HallSnapshot }) {
  const t = useSupervisorTexts();
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
