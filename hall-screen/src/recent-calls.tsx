import type { CallEntry } from './call-text';
import { useTexts } from './i18n';

/** The calls before the newest one, newest first. */
export function RecentCalls({
  calls,
  windowLabel,
  title = true,
}: {
  calls: CallEntry[];
  windowLabel: (c: CallEntry) => string;
  title?: boolean;
}) {
  const t = useTexts();
  return (
    <section className="recent" aria-label={t.recentCalls}>
      {title ? <h2 className="panel-title">{t.recentCalls}</h2> : null}
      <ol className="recent-list" data-testid="recent-calls">
        {calls.map((c) => (
          <li key={c.ticketId} className="recent-item" data-number={c.number}>
            <span className="recent-number">{c.number}</span>
            <span className="recent-window">{windowLabel(c)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
