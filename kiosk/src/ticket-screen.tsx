import type { HallEvent, HallSnapshot, PrintState, Ticket } from '@hall/protocol';
import { useEffect, useState } from 'react';
import { useTexts } from './i18n';
import { MaterialsList } from './materials-list';
import { NameList } from './name-list';
import { PrintStatus } from './print-status';
import { QrCode } from './qr-code';
import { useCheckInTexts } from './check-in-i18n';
import { SmsContact } from './sms-contact';
import { TicketMarks } from './ticket-marks';

/** The ticket just taken: number, service, windows, people ahead, wait, materials, QR, printing. */
export function TicketScreen({
  ticket,
  hall,
  seconds,
  onEvent,
  printOf,
  onDone,
  onContact,
}: {
  ticket: Ticket;
  hall: HallSnapshot;
  seconds: number;
  onEvent: (listener: (event: HallEvent) => void) => () => void;
  /** The newest print state seen before this screen listened (a fast printer). */
  printOf?: (ticketId: string) => PrintState | undefined;
  onDone: () => void;
  /** Sends the phone number for SMS with the resident's consent (absent: not offered). */
  onContact?: (phone: string) => Promise<void>;
}) {
  const t = useTexts();
  const ct = useCheckInTexts();
  const [print, setPrint] = useState<PrintState | undefined>(ticket.print);
  const [sms, setSms] = useState<'closed' | 'open' | { saved: string }>('closed');
  // a resident who must photograph the number, or types a phone number, gets more time
  const left = useCountdown(
    print?.status === 'printer_problem' || sms === 'open' ? seconds * 2 : seconds,
    onDone,
  );

  useEffect(() => {
    // what the printer reported while the ticket's answer was on its way, then what comes next
    const seen = printOf?.(ticket.id);
    if (seen) setPrint(seen);
    return onEvent((event) => {
      if (event.type !== 'print.updated') return;
      const d = event.data;
      if (d.ticketId !== ticket.id || d.kind !== 'ticket') return;
      setPrint({
        status: d.status,
        printerId: d.printerId,
        ...(d.problem ? { problem: d.problem } : {}),
      });
    });
  }, [onEvent, printOf, ticket.id]);

  const service = hall.services.find((s) => s.id === ticket.serviceId);
  const windows = ticket.windowIds.map((id) => hall.windows.find((w) => w.id === id)?.name ?? id);
  // the server's public address (PUBLIC_URL), the same as on the printed ticket
  const url =
    ticket.phoneUrl ?? `${window.location.origin}/kiosk/t/${encodeURIComponent(ticket.id)}`;
  if (sms === 'open' && onContact) {
    return (
      <SmsContact
        onSend={onContact}
        onClose={(saved) => setSms(saved === null ? 'closed' : { saved })}
      />
    );
  }
  return (
    <section className="ticket" aria-live="polite">
      <div className="ticket-main">
        <h1 className="ticket-label">{t.yourNumber}</h1>
        <p className="ticket-number" data-testid="ticket-number">
          {ticket.number}
        </p>
        <TicketMarks ticket={ticket} />
        <dl className="ticket-facts">
          <div className="fact-wide">
            <dt>{t.service}</dt>
            <dd>{ticket.serviceName}</dd>
          </div>
          <div>
            <dt>{t.ahead}</dt>
            <dd data-testid="ticket-ahead">{t.people(ticket.waitingAhead)}</dd>
          </div>
          <div>
            <dt>{t.estimatedWait}</dt>
            <dd>{t.waitShort(ticket.estimatedWaitMinutes)}</dd>
          </div>
          <div className="fact-wide">
            <dt>{t.windows}</dt>
            <dd>
              <NameList names={windows} separator={t.listSeparator} />
            </dd>
          </div>
        </dl>
      </div>
      <div className="ticket-side">
        <PrintStatus print={print} />
        <QrCode url={url} label={t.scanToFollow} />
      </div>
      <MaterialsList materials={service?.materials ?? []} />
      <div className="ticket-done">
        <button type="button" className="primary" onClick={onDone}>
          {t.done}
        </button>
        {typeof sms === 'object' ? (
          <p className="sms-saved" role="status" data-testid="sms-saved">
            {ct.smsSaved(sms.saved)}
          </p>
        ) : onContact ? (
          <button type="button" className="secondary sms-offer" onClick={() => setSms('open')}>
            {ct.smsOffer}
          </button>
        ) : null}
        <span className="countdown">{t.backIn(left)}</span>
      </div>
    </section>
  );
}

/** Seconds left before `onEnd`; a touch anywhere starts the count again. */
function useCountdown(seconds: number, onEnd: () => void): number {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    const restart = () => setLeft(seconds);
    window.addEventListener('pointerdown', restart);
    const id = setInterval(() => setLeft((l) => l - 1), 1000);
    return () => {
      clearInterval(id);
      window.removeEventListener('pointerdown', restart);
    };
  }, [seconds]);
  useEffect(() => {
    if (left <= 0) onEnd();
  }, [left, onEnd]);
  return Math.max(0, left);
}
