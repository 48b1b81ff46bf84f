import type { HallSnapshot } from '@hall/protocol';
import { storeUnavailable } from './api';
import { formatOpensAt, useLang, useTexts } from './i18n';

export type ProblemKind =
  'unpaired' | 'refused' | 'disabled' | 'offline' | 'unavailable' | 'hall_closed' | 'issue_failed';

/** A full screen that says what is wrong in plain words; the app leaves it by itself when it can. */
export function ProblemScreen({
  kind,
  code,
  message,
  opensAt,
  hall,
  onBack,
  onRetry,
}: {
  kind: ProblemKind;
  code?: string;
  message?: string;
  opensAt?: string | null;
  hall?: HallSnapshot;
  onBack?: () => void;
  onRetry?: () => void;
}) {
  const t = useTexts();
  const lang = useLang();
  const when = opensAt && hall ? formatOpensAt(opensAt, hall.timeZone, lang) : null;
  let title: string;
  let text: string;
  switch (kind) {
    case 'unpaired':
      title = t.unpairedTitle;
      text = t.unpairedText;
      break;
    case 'refused':
      title = t.refusedTitle;
      text = t.refusedText;
      break;
    case 'disabled':
      title = t.disabledTitle;
      text = t.disabledText;
      break;
    case 'offline':
      title = t.offlineTitle;
      text = t.offlineText;
      break;
    case 'unavailable':
      title = t.unavailableTitle;
      text = t.unavailableText;
      break;
    case 'hall_closed':
      title = t.hallClosedTitle;
      text = t.hallClosedText(when);
      break;
    case 'issue_failed':
      title = t.errorTitle;
      text =
        code === 'service_closed'
          ? t.serviceClosedMsg(when)
          : code === 'quota_exhausted'
            ? t.quotaMsg
            : code === 'network'
              ? t.offlineText
              : code !== undefined && storeUnavailable(code)
                ? t.unavailableText
                : (message ?? '');
      break;
  }
  const waiting = kind === 'offline' || kind === 'unavailable';
  return (
    <section className={`problem problem-${kind}`} role="alert" data-problem={kind}>
      <h1>{title}</h1>
      <p>{text}</p>
      {kind === 'hall_closed' ? <p>{t.hallClosedQueue}</p> : null}
      {waiting ? (
        <p className="reconnecting">
          <span className="spinner small" aria-hidden="true" />
          {t.reconnecting}
        </p>
      ) : null}
      {onRetry || onBack ? (
        <div className="row-buttons">
          {onBack ? (
            <button type="button" className="secondary" onClick={onBack}>
              {t.back}
            </button>
          ) : null}
          {onRetry ? (
            <button type="button" className="primary" onClick={onRetry}>
              {t.retry}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
