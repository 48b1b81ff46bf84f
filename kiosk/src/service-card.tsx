import type { PublicService } from '@hall/protocol';
import { formatOpensAt, useTexts, useLang } from './i18n';

/** One service on the start screen: name, people waiting and the wait, or why it is closed. */
export function ServiceCard({
  service: s,
  timeZone,
  onChoose,
}: {
  service: PublicService;
  timeZone: string;
  onChoose: (serviceId: string) => void;
}) {
  const t = useTexts();
  const lang = useLang();
  let state: string;
  let wait: string | null = null;
  let opens: string | null = null;
  if (s.open) {
    state = t.waiting(s.waiting);
    if (s.estimatedWaitMinutes !== null) wait = t.waitMinutes(s.estimatedWaitMinutes);
  } else if (s.closedReason === 'quota_exhausted') {
    state = t.quotaUsed;
  } else if (s.opensAt) {
    state = t.closedNow;
    opens = t.opensAt(formatOpensAt(s.opensAt, timeZone, lang));
  } else {
    state = t.closedNow;
  }
  return (
    <button
      type="button"
      className={`service-card${s.open ? '' : ' closed'}`}
      data-service={s.id}
      disabled={!s.open}
      onClick={() => onChoose(s.id)}
    >
      <span className="service-prefix" aria-hidden="true">
        {s.prefix}
      </span>
      <span className="service-name">{s.name}</span>
      <span className="service-state">
        {state}
        {wait ? <span className="service-wait"> · {wait}</span> : null}
        {opens ? <span className="service-state-line">{opens}</span> : null}
      </span>
      {s.open && s.quotaLeft !== null && s.quotaLeft <= 20 ? (
        <span className="service-quota">{t.quotaLeft(s.quotaLeft)}</span>
      ) : null}
    </button>
  );
}
