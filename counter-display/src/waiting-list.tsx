import type { LimitsView, Ticket } from '@hall/protocol';
import { useAlertTexts } from './alerts-i18n';
import { useTexts } from './i18n';
import { LimitTimer } from './limit-timer';
import { usePriorityTexts } from './priority-i18n';
import { PriorityMarks } from './priority-marks';
import { limitsOf } from './ticket-timers';
import { useNow } from './use-now';

/** The tickets this window will call, in call order, each with the server's reason. */
export function WaitingList(props: {
  tickets: Ticket[];
  canChoose: boolean;
  onChoose: (ticketId: string) => void;
  /** 设为绿色通道 / 取消绿色通道 on this ticket (absent: not offered). */
  onPriority?: (ticket: Ticket) => void;
  /** The time limits: each ticket's wait turns yellow and red by its service's. */
  limits?: LimitsView;
}) {
  const t = useTexts();
  const at = useAlertTexts();
  const pt = usePriorityTexts();
  const now = useNow(1000);
  return (
    <section className="card waiting" aria-label={t.waitingList}>
      <h2>
        {t.waitingList} <span className="count">{t.waitingCount(props.tickets.length)}</span>
      </h2>
      {props.tickets.length === 0 ? (
        <p className="muted">{t.nobodyWaiting}</p>
      ) : (
        <ol className="waiting-list" data-testid="waiting-list">
          {props.tickets.map((ticket, i) => (
            <li key={ticket.id} data-number={ticket.number}>
              <span className="pos">{i + 1}</span>
              <span className="num">{ticket.number}</span>
              <span className="mark-slot">
                <PriorityMarks ticket={ticket} />
              </span>
              <span className="why" title={t.why}>
                {ticket.reason?.text ?? ''}
              </span>
              <span className="waited">
                <LimitTimer
                  label={at.waited}
                  since={ticket.issuedAt}
                  now={now}
                  pair={limitsOf(props.limits, ticket.serviceId)?.waitMinutes ?? null}
                  testId={`waited-${ticket.number}`}
                />
              </span>
              <button
                type="button"
                className="small-button choose-button"
                disabled={!props.canChoose}
                onClick={() => props.onChoose(ticket.id)}
                aria-label={`${t.actions.choose} ${ticket.number}`}
              >
                {t.callThis}
              </button>
              {props.onPriority && (
                <button
                  type="button"
                  className="small-button priority-button"
                  onClick={() => props.onPriority?.(ticket)}
                  aria-label={`${ticket.priority === 'green' ? pt.unsetGreen : pt.setGreen} ${ticket.number}`}
                >
                  {ticket.priority === 'green' ? pt.unsetGreen : pt.setGreen}
                </button>
              )}
              {ticket.reason?.note && ticket.reason.fromWindowId && (
                <span className="transfer-note" data-testid={`transfer-note-${ticket.number}`}>
                  {at.transferNote}
                  {ticket.reason.note}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
