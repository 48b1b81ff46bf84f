import type { ConnectionStatus } from '@hall/protocol';
import { useTexts } from './i18n';
import type { Session } from './session';

/** Hall, clerk, connection state, language switch and logout. */
export function TopBar(props: {
  hallName: string;
  session: Session | null;
  status: ConnectionStatus;
  onLang: () => void;
  onLogout: (() => void) | null;
  /** The page's name (default: the clerk's console). */
  title?: string;
  /** A small link to the booking page (预约登记), from the console and the supervisor's screen. */
  bookingLink?: { href: string; label: string };
}) {
  const t = useTexts();
  const { session, status } = props;
  return (
    <header className="top-bar">
      <div className="top-title">
        <strong>{props.title ?? t.consoleTitle}</strong>
        {props.hallName && <span className="muted"> · {props.hallName}</span>}
      </div>
      {session && (
        <div className="top-user">
          {session.user.name} · {t.jobNo(session.user.jobNo)}
        </div>
      )}
      {session && props.bookingLink && (
        <a className="top-link" href={props.bookingLink.href} data-testid="booking-link">
          {props.bookingLink.label}
        </a>
      )}
      <div className={`conn conn-${status}`} role="status" data-testid="connection">
        <span className="dot" aria-hidden="true" />
        {status === 'live' ? t.live : status === 'offline' ? t.offline : t.connecting}
      </div>
      <button type="button" className="ghost" onClick={props.onLang}>
        {t.language}
      </button>
      {props.onLogout && (
        <button type="button" className="ghost" onClick={props.onLogout}>
          {t.logout}
        </button>
      )}
    </header>
  );
}
