import type { Ticket } from '@hall/protocol';
import { useCheckInTexts } from './check-in-i18n';

/** True for a ticket with appointment priority (checked in on time). */
export function hasAppointmentPriority(ticket: Ticket): boolean {
  return ticket.priority === 'appointment';
}

/**
 * The marks on the kiosk's ticket: 预约 and 绿色通道 as words (not colour alone), and what a
 * check-in gave: priority on time, or a normal ticket because it was late.
 */
export function TicketMarks({ ticket }: { ticket: Ticket }) {
  const t = useCheckInTexts();
  const appointment = hasAppointmentPriority(ticket);
  const green = ticket.priority === 'green';
  return (
    <>
      {appointment || green ? (
        <p className="ticket-marks" data-testid="ticket-marks">
          {appointment ? (
            <span className="mark-badge appointment-badge">{t.appointmentMark}</span>
          ) : null}
          {green ? <span className="green-badge">{t.greenMark}</span> : null}
        </p>
      ) : null}
      {ticket.checkIn === 'on_time' ? (
        <p className="check-in-result on-time" data-testid="check-in-result">
          {t.onTime}
        </p>
      ) : ticket.checkIn === 'late' ? (
        <p className="check-in-result late" role="status" data-testid="check-in-result">
          {t.late}
        </p>
      ) : null}
    </>
  );
}
