import type { Ticket } from '@hall/protocol';
import { useTexts } from './i18n';

/** The tickets this window will call, in call order, each with the server's reason. */
export function WaitingList(props: {
  tickets: Ticket[];
  canChoose: boolean;
  onChoose: (ticketId: string) => void;
}) {
  const t = useTexts();
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
                {ticket.priority === 'green' && <span className="mark mark-green">{t.green}</span>}
              </span>
              <span className="why" title={t.why}>
                {ticket.reason?.text ?? ''}
              </span>
              <button
                type="button"
                className="small-button"
                disabled={!props.canChoose}
                onClick={() => props.onChoose(ticket.id)}
                aria-label={`${t.actions.choose} ${ticket.number}`}
              >
                {t.callThis}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
