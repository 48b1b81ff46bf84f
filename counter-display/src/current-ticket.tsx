import type { HallSnapshot, Ticket } from '@hall/protocol';
import { useTexts } from './i18n';
import { useNow } from './use-now';

const minutes = (from: string | undefined, to: number) =>
  from ? Math.max(0, Math.floor((to - Date.parse(from)) / 60_000)) : 0;

/** The ticket in hand: number, service, times and its marks (green, transferred, re-queued, 首问). */
export function CurrentTicket(props: {
  ticket: Ticket | null;
  hall: HallSnapshot;
  windowId: string;
}) {
  const t = useTexts();
  const now = useNow(15_000);
  const { ticket, hall, windowId } = props;
  if (!ticket || (ticket.status !== 'called' && ticket.status !== 'serving')) {
    return (
      <div className="current empty" data-testid="current">
        <div className="current-label">{t.current}</div>
        <div className="current-number none">{t.noCurrent}</div>
        <div className="muted">{t.noCurrentHint}</div>
      </div>
    );
  }
  const windowName = (id: string | undefined) => hall.windows.find((w) => w.id === id)?.name ?? id;
  const calledAt = ticket.calledAt ? Date.parse(ticket.calledAt) : now;
  const firstElsewhere = ticket.firstWindowId && ticket.firstWindowId !== windowId;
  return (
    <div className={`current current-${ticket.status}`} data-testid="current">
      <div className="current-label">
        {t.current} ·{' '}
        <span className="current-status">
          {ticket.status === 'serving' ? t.statusServing : t.statusCalled}
        </span>
      </div>
      <div className="current-row">
        <div className="current-number" data-testid="current-number">
          {ticket.number}
        </div>
        <div className="current-info">
          <div className="current-service">{ticket.serviceName}</div>
          <div className="marks">
            {ticket.priority === 'green' && <span className="mark mark-green">{t.green}</span>}
            {ticket.transferredFromWindowId && (
              <span className="mark mark-transfer">
                {t.transferred} ← {windowName(ticket.transferredFromWindowId)}
              </span>
            )}
            {ticket.requeued && <span className="mark mark-requeue">{t.requeued}</span>}
            {ticket.appointmentCode && <span className="mark">{t.appointment}</span>}
            {firstElsewhere && (
              <span className="mark mark-first">
                {t.firstWindow(windowName(ticket.firstWindowId) ?? '')}
              </span>
            )}
          </div>
          <div className="muted">
            {t.waited(minutes(ticket.issuedAt, calledAt))}
            {ticket.status === 'serving' && ` · ${t.serving(minutes(ticket.startedAt, now))}`}
            {` · ${t.calls(ticket.callCount)}`}
          </div>
          {ticket.reason && (
            <div className="reason">
              {t.reason}
              {ticket.reason.text}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
