import type { Notice } from '@hall/protocol';
import { useTexts } from './i18n';

/** A diamond between notices, with a full-width space either side. */
const SEPARATOR = '\u3000◆\u3000';

/** Notices that show now by this screen's clock: a notice past its end leaves without waiting for the server. */
export function activeNotices(notices: Notice[], now: number): Notice[] {
  return notices.filter(
    (n) =>
      (n.startsAt === undefined || Date.parse(n.startsAt) <= now) &&
      (n.endsAt === undefined || Date.parse(n.endsAt) > now),
  );
}

/** The rolling notices (滚动公告), one line that scrolls from right to left. */
export function NoticeTicker({ notices }: { notices: Notice[] }) {
  const t = useTexts();
  const text = notices.map((n) => n.text).join(SEPARATOR);
  // about 6 characters a second, so that a line can be read from across the hall
  const seconds = Math.max(12, Math.round(text.length / 6) + 8);
  return (
    <section className="ticker" aria-label={t.notices} data-testid="notices">
      <span className="ticker-label">{t.notices}</span>
      <div className="ticker-track">
        {notices.length > 0 ? (
          <div key={text} className="ticker-text" style={{ animationDuration: `${seconds}s` }}>
            {notices.map((n, i) => (
              <span key={n.id} className="notice" data-notice={n.id}>
                {i > 0 ? <span className="notice-sep">{SEPARATOR}</span> : null}
                {n.text}
              </span>
            ))}
          </div>
        ) : null}
      </div>
    </section>
  );
}
