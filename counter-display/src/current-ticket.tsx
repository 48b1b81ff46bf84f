import type { HallSnapshot, LimitsView, Ticket } from '@hall/protocol';
import { useAlertTexts } from './alerts-i18n';
import { useTexts } from './i18n';
import { LimitTimer } from './limit-timer';
import { PriorityMarks } from './priority-marks';
import { limitsOf } from './ticket-timers';
import { useNow } from './use-now';

const minutes = (from: string | undefined, to: number) =>
  from ? Math.max(0, Math.floor((to - Date.parse(from)) / 60_000)) : 0;

/** The ticket in hand: number, service, times and its marks (green, transferred, re-queued, 首问). */
export function CurrentTicket(props: {
  ticket: Ticket | null;
  hall: HallSnapshot;
  windowId: string;
  /** The time limits (限时办结) the service timer turns yellow and red by. */
  limits?: LimitsView;
}) {
  const t = useTexts();
  const at = useAlertTexts();
  const now = useNow(1000);
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
            <PriorityMarks ticket={ticket} />
            {ticket.transferredFromWindowId && (
              <span className="mark mark-transfer">
                {t.transferred} ← {windowName(ticket.transferredFromWindowId)}
              </span>
            )}
            {ticket.requeued && <span className="mark mark-requeue">{t.requeued}</span>}
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
          <div className="current-timer">
            {ticket.status === 'serving' ? (
              <LimitTimer
                large
                label={at.serving}
                since={ticket.startedAt}
                now={now}
                pair={limitsOf(props.limits, ticket.serviceId)?.serviceMinutes ?? null}
                testId="service-timer"
              />
            ) : (
              <LimitTimer
                large
                label={at.called}
                since={ticket.calledAt}
                now={now}
                pair={limitsOf(props.limits, ticket.serviceId)?.callMinutes ?? null}
                testId="service-timer"
              />
            )}
          </div>
          {ticket.reason?.note && ticket.transferredFromWindowId && (
            <div className="reason" data-testid="transfer-note">
              {at.transferNote}
              {ticket.reason.note}
            </div>
          )}
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
