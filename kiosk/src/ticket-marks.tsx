import type { Ticket } from '@hall/protocol';
import { useCheckInTexts } from './check-in-i18n';

/** True for a ticket with appointment priority (checked in on time). */
export function hasAppointmentPriority(ticket: Ticket): boolean {
  return ticket.priority === 'appointment';
}

/**
 * The marks on the kiosk's ticket, on one line under the number: 预约 and 绿色通道 as words
 * (not colour alone), and what a check-in gave: priority on time, or a normal ticket because
 * it was late.
 */
export function TicketMarks({ ticket }: { ticket: Ticket }) {
  const t = useCheckInTexts();
  const appointment = hasAppointmentPriority(ticket);
  const green = ticket.priority === 'green';
  if (!appointment && !green && !ticket.checkIn) return null;
  return (
    <p className="ticket-marks">
      {appointment || green ? (
        <span data-testid="ticket-marks">
          {appointment ? (
            <span className="mark-badge appointment-badge">{t.appointmentMark}</span>
          ) : null}
          {green ? <span className="green-badge">{t.greenMark}</span> : null}
        </span>
      ) : null}
      {ticket.checkIn === 'on_time' ? (
        <span className="check-in-result on-time" data-testid="check-in-result">
          {t.onTime}
        </span>
      ) : ticket.checkIn === 'late' ? (
        <span className="check-in-result late" data-testid="check-in-result">
          {t.late}
        </span>
      ) : null}
    </p>
  );
}
