import type { PublicService } from '@hall/protocol';
import { useTexts } from './i18n';

/** People waiting per service, with the estimate. */
export function WaitingBoard({
  services,
  names,
}: {
  services: PublicService[];
  names: ReadonlyMap<string, string>;
}) {
  const t = useTexts();
  return (
    <section className="waiting" aria-label={t.waiting}>
      <h2 className="panel-title">{t.waiting}</h2>
      <ul className="waiting-list" data-testid="waiting">
        {services.map((s) => (
          <li key={s.id} className="waiting-row" data-service={s.id}>
            <span className="waiting-prefix">{s.prefix}</span>
            <span className="waiting-name">{names.get(s.id) ?? s.name}</span>
            <span className="waiting-count">{t.waitingCount(s.waiting)}</span>
            <span className="waiting-minutes">{t.waitMinutes(s.estimatedWaitMinutes)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
